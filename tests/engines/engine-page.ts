/**
 * One way of writing a browser flow for every engine. A driver (Firefox over WebDriver BiDi,
 * WebKitGTK over classic WebDriver, Chromium over CDP) only has to navigate and run a function in
 * the page; every step the flows use (click a button by its name, fill a field by its label,
 * wait for a text) is built here on top of that, so a flow reads the same in each engine.
 *
 * Functions handed to `run` are sent as source text: they must not use anything from the test's
 * scope, only their (JSON) arguments and the helpers of `PAGE_HELPERS` (`$tablee`).
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** What every driver provides: one tab of one browser. */
export interface EngineDriverPage {
	goto(url: string): Promise<void>;
	reload(): Promise<void>;
	/** Evaluates an expression in the page and resolves with its (awaited, JSON) value. */
	evaluate(expression: string): Promise<unknown>;
	close(): Promise<void>;
}

/** The part of a Playwright or puppeteer page the drivers use (both wait for `load` by default). */
export interface ScriptablePage {
	goto(url: string): Promise<unknown>;
	reload(): Promise<unknown>;
	evaluate(expression: string): Promise<unknown>;
	close(): Promise<void>;
}

/** A driver page over a Playwright or puppeteer page. */
export function scriptableTab(page: ScriptablePage): EngineDriverPage {
	return {
		goto: async (url) => void (await page.goto(url)),
		reload: async () => void (await page.reload()),
		evaluate: (expression) => page.evaluate(expression),
		close: () => page.close()
	};
}

/** A device: its own storage (a browser profile or context); several tabs share it. */
export interface EngineDevice {
	newPage(): Promise<EnginePage>;
	close(): Promise<void>;
}

/** In-page helpers, defined before every function `run` sends. */
const PAGE_HELPERS = `
const __name = (f) => f;
const $tablee = {
	norm: (s) => (s || '').replace(/\\s+/g, ' ').trim(),
	visible: (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; },
	nameOf: (el) => $tablee.norm(el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].textContent) || el.textContent),
	/** A visible button, link, radio or checkbox whose accessible name is (or, with partial, contains) the text. */
	control: (name, partial) => [...document.querySelectorAll('button, a[href], input[type="radio"], input[type="checkbox"], [role="button"]')]
		.filter((el) => (el.type === 'radio' || el.type === 'checkbox' ? $tablee.visible(el.closest('label') || el) : $tablee.visible(el)))
		.find((el) => partial ? $tablee.nameOf(el).includes(name) : $tablee.nameOf(el) === name) || null,
	/** A visible field whose label (label element or aria-label) is the text. */
	field: (label) => {
		const byLabel = [...document.querySelectorAll('label')].filter((l) => $tablee.norm(l.textContent).startsWith(label) && l.control).map((l) => l.control);
		const byAria = [...document.querySelectorAll('input, textarea, select')].filter((el) => el.getAttribute('aria-label') === label);
		return [...byLabel, ...byAria].find((el) => $tablee.visible(el)) || null;
	},
	setValue: (el, value) => {
		const proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : el.tagName === 'SELECT' ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
		Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
		el.dispatchEvent(new Event('input', { bubbles: true }));
		el.dispatchEvent(new Event('change', { bubbles: true }));
	},
	text: () => $tablee.norm(document.body ? document.body.innerText : '')
};
`;

type Truthy<T> = Exclude<T, false | '' | 0 | null | undefined>;

export interface WaitOptions {
	timeout?: number;
	/** Says what was awaited when the wait times out. */
	what?: string;
}

const DEFAULT_TIMEOUT = Number(process.env.TABLEE_ENGINE_TIMEOUT || 20_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A tab, with the steps flows are written in. */
export class EnginePage {
	readonly engine: string;
	readonly base: string;
	readonly #driver: EngineDriverPage;

	constructor(engine: string, base: string, driver: EngineDriverPage) {
		this.engine = engine;
		this.base = base;
		this.#driver = driver;
	}

	goto(path: string): Promise<void> {
		return this.#driver.goto(new URL(path, this.base).href);
	}

	reload(): Promise<void> {
		return this.#driver.reload();
	}

	close(): Promise<void> {
		return this.#driver.close();
	}

	/** Runs `fn` in the page with JSON arguments; `$tablee` helpers are in scope. */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	async run<T>(fn: (...args: any[]) => T | Promise<T>, ...args: Json[]): Promise<Awaited<T>> {
		const expression = `(async () => {${PAGE_HELPERS}\nreturn (${fn.toString()})(...${JSON.stringify(args)});})()`;
		return (await this.#driver.evaluate(expression)) as Awaited<T>;
	}

	/** Polls `fn` until it returns a truthy value (errors while a page loads count as "not yet"). */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	async waitFor<T>(fn: (...args: any[]) => T | Promise<T>, args: Json[] = [], options: WaitOptions = {}): Promise<Truthy<Awaited<T>>> {
		const timeout = options.timeout ?? DEFAULT_TIMEOUT;
		const end = Date.now() + timeout;
		let last: unknown = null;
		for (;;) {
			try {
				const value = await this.run(fn, ...args);
				if (value) return value as Truthy<Awaited<T>>;
				last = value;
			} catch (e) {
				last = e instanceof Error ? e.message.split('\n')[0] : e;
			}
			if (Date.now() > end) {
				const text = await this.run(() => $tablee.text().slice(0, 600)).catch(() => '(page unreadable)');
				throw new Error(`[${this.engine}] timed out after ${timeout} ms waiting for ${options.what ?? fn.toString().slice(0, 120)} (last: ${String(last)}) on ${await this.url()}\nPage text: ${text}`);
			}
			await sleep(100);
		}
	}

	url(): Promise<string> {
		return this.run(() => location.href).catch(() => '(unknown)');
	}

	/** Waits until the page's text contains `text`. */
	async expectText(text: string, options: WaitOptions = {}): Promise<void> {
		await this.waitFor((t: string) => $tablee.text().includes(t), [text], { what: `the text «${text}»`, ...options });
	}

	/** Waits until the page's text no longer contains `text`. */
	async expectNoText(text: string, options: WaitOptions = {}): Promise<void> {
		await this.waitFor((t: string) => !$tablee.text().includes(t), [text], { what: `the text «${text}» to go away`, ...options });
	}

	/** Clicks the button, link, radio or checkbox named `name` once it is there and enabled. */
	async click(name: string, options: WaitOptions & { partial?: boolean } = {}): Promise<void> {
		await this.waitFor(
			(n: string, partial: boolean) => {
				const el = $tablee.control(n, partial);
				if (!el || el.disabled) return false;
				el.click();
				return true;
			},
			[name, options.partial ?? false],
			{ what: `a control named «${name}»`, ...options }
		);
	}

	/** Types `value` into the field labelled `label`. */
	async fill(label: string, value: string, options: WaitOptions = {}): Promise<void> {
		await this.waitFor(
			(l: string, v: string) => {
				const el = $tablee.field(l);
				if (!el || el.disabled) return false;
				$tablee.setValue(el, v);
				return true;
			},
			[label, value],
			{ what: `a field labelled «${label}»`, ...options }
		);
	}

	/** Checks the radio or checkbox matched by a CSS selector. */
	async check(selector: string, options: WaitOptions = {}): Promise<void> {
		await this.waitFor(
			(s: string) => {
				const el = document.querySelector(s) as HTMLInputElement | null;
				if (!el) return false;
				if (!el.checked) el.click();
				return el.checked;
			},
			[selector],
			{ what: `the input ${selector}`, ...options }
		);
	}

	/** Counts elements matching a CSS selector whose text contains `text` (all when empty). */
	count(selector: string, text = ''): Promise<number> {
		return this.run((s: string, t: string) => [...document.querySelectorAll(s)].filter((el) => $tablee.norm(el.textContent).includes(t)).length, selector, text);
	}

	async expectCount(selector: string, expected: number, text = '', options: WaitOptions = {}): Promise<void> {
		await this.waitFor(
			(s: string, t: string, n: number) => [...document.querySelectorAll(s)].filter((el) => $tablee.norm(el.textContent).includes(t)).length === n,
			[selector, text, expected],
			{ what: `${expected} × ${selector}${text ? ` containing «${text}»` : ''}`, ...options }
		);
	}

	async expectUrl(pattern: RegExp, options: WaitOptions = {}): Promise<string> {
		return this.waitFor((source: string) => new RegExp(source).test(location.href) && location.href, [pattern.source], { what: `the address to match ${pattern}`, ...options });
	}

	/**
	 * From now on (until the next full page load), files the app saves through a download link are
	 * kept in the page instead of going to the browser's download machinery, which each driver
	 * exposes differently: `downloads()` reads them back.
	 */
	async captureDownloads(): Promise<void> {
		await this.run(() => {
			const w = window as unknown as { __tableeDownloads?: { name: string; text: string }[] };
			if (w.__tableeDownloads) return;
			const files: { name: string; text: string }[] = [];
			w.__tableeDownloads = files;
			const click = HTMLAnchorElement.prototype.click;
			HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
				if (!this.download || !this.href.startsWith('blob:')) return click.call(this);
				const name = this.download;
				// Decoded keeping a byte-order mark, which spreadsheets rely on.
				void fetch(this.href)
					.then((r) => r.arrayBuffer())
					.then((bytes) => files.push({ name, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) }));
			};
		});
	}

	async downloads(count: number): Promise<{ name: string; text: string }[]> {
		return this.waitFor(
			(n: number) => {
				const files = (window as unknown as { __tableeDownloads?: { name: string; text: string }[] }).__tableeDownloads ?? [];
				return files.length >= n ? files : null;
			},
			[count],
			{ what: `${count} saved file(s)` }
		) as Promise<{ name: string; text: string }[]>;
	}

	/** Hands a file to the `<input type="file">` labelled `label`, as a person picking it would. */
	async setFile(label: string, name: string, type: string, text: string): Promise<void> {
		await this.waitFor(
			(l: string, n: string, t: string, content: string) => {
				const input = $tablee.field(l) as HTMLInputElement | null;
				if (!input) return false;
				const transfer = new DataTransfer();
				transfer.items.add(new File([content], n, { type: t }));
				input.files = transfer.files;
				input.dispatchEvent(new Event('change', { bubbles: true }));
				return true;
			},
			[label, name, type, text],
			{ what: `a file field labelled «${label}»` }
		);
	}
}

/** The in-page helpers' types (`$tablee` exists only in the page). */
export interface PageHelpers {
	norm(s: string | null): string;
	visible(el: Element): boolean;
	control(name: string, partial?: boolean): HTMLElement & { disabled?: boolean } | null;
	field(label: string): (HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement) | null;
	setValue(el: Element, value: string): void;
	text(): string;
}
declare const $tablee: PageHelpers;
