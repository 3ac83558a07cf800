/**
 * Firefox ESR (Debian's `firefox-esr`) over WebDriver BiDi with puppeteer-core: no geckodriver,
 * no browser download. One launch is one device (its own profile); its tabs share storage.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { EnginePage, scriptableTab, type EngineDevice } from '../engine-page';

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

export class FirefoxDevice implements EngineDevice {
	readonly #browser: Browser;
	readonly #base: string;
	#first: Page | null;

	private constructor(browser: Browser, base: string, first: Page | null) {
		this.#browser = browser;
		this.#base = base;
		this.#first = first;
	}

	static async launch(base: string): Promise<FirefoxDevice> {
		const browser = await puppeteer.launch({
			browser: 'firefox',
			executablePath: FIREFOX,
			headless: true,
			extraPrefsFirefox: { 'intl.accept_languages': 'fr-CA', 'intl.locale.requested': 'fr-CA' }
		});
		const [first] = await browser.pages();
		return new FirefoxDevice(browser, base, first ?? null);
	}

	version(): Promise<string> {
		return this.#browser.version();
	}

	async newPage(): Promise<EnginePage> {
		const page = this.#first ?? (await this.#browser.newPage());
		this.#first = null;
		return new EnginePage('firefox', this.#base, scriptableTab(page));
	}

	async close() {
		await this.#browser.close().catch(() => {});
	}
}
