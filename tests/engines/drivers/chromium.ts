/** Debian's Chromium through Playwright (as in tests/e2e), for flows that mix engines. */
import { chromium, type Browser, type Page } from '@playwright/test';
import { EnginePage, type EngineDevice, type EngineDriverPage } from '../engine-page';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

class ChromiumTab implements EngineDriverPage {
	readonly #page: Page;
	constructor(page: Page) {
		this.#page = page;
	}
	async goto(url: string) {
		await this.#page.goto(url);
	}
	async reload() {
		await this.#page.reload();
	}
	evaluate(expression: string) {
		return this.#page.evaluate(expression);
	}
	async close() {
		await this.#page.close();
	}
}

export class ChromiumDevice implements EngineDevice {
	readonly #browser: Browser;
	readonly #base: string;

	private constructor(browser: Browser, base: string) {
		this.#browser = browser;
		this.#base = base;
	}

	static async launch(base: string): Promise<ChromiumDevice> {
		return new ChromiumDevice(await chromium.launch({ executablePath: CHROMIUM, args: ARGS }), base);
	}

	async newPage(): Promise<EnginePage> {
		const contexts = this.#browser.contexts();
		const context = contexts[0] ?? (await this.#browser.newContext({ locale: 'fr-CA' }));
		return new EnginePage('chromium', this.#base, new ChromiumTab(await context.newPage()));
	}

	async close() {
		await this.#browser.close().catch(() => {});
	}
}
