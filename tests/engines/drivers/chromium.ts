/** Debian's Chromium through Playwright (as in tests/e2e), for flows that mix engines. */
import { chromium, type Browser } from '@playwright/test';
import { EnginePage, scriptableTab, type EngineDevice } from '../engine-page';
import { CHROMIUM_ARGS, chromiumPath } from '../../e2e/support/qr-devices';

export class ChromiumDevice implements EngineDevice {
	readonly #browser: Browser;
	readonly #base: string;

	private constructor(browser: Browser, base: string) {
		this.#browser = browser;
		this.#base = base;
	}

	static async launch(base: string): Promise<ChromiumDevice> {
		return new ChromiumDevice(await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS }), base);
	}

	async newPage(): Promise<EnginePage> {
		const contexts = this.#browser.contexts();
		const context = contexts[0] ?? (await this.#browser.newContext({ locale: 'fr-CA' }));
		return new EnginePage('chromium', this.#base, scriptableTab(await context.newPage()));
	}

	async close() {
		await this.#browser.close().catch(() => {});
	}
}
