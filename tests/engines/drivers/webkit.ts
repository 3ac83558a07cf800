/**
 * WebKitGTK (Debian's `webkit2gtk-driver`) through `WebKitWebDriver` under `xvfb-run`, with a
 * small client of the W3C WebDriver protocol (classic, over HTTP): the flows need only a session,
 * navigation, windows and "execute async script", which is less code than a dependency.
 * The browser is MiniBrowser in automation mode; one session is one device, its windows share storage.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { EnginePage, type EngineDevice, type EngineDriverPage } from '../engine-page';

export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.MINIBROWSER_PATH || ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser'].find((p) => existsSync(p)) || '';

type Command = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => Promise<unknown>;

function client(base: string): Command {
	return async (method, path, body) => {
		const response = await fetch(base + path, {
			method,
			headers: { 'content-type': 'application/json' },
			body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined
		});
		const json = (await response.json()) as { value: unknown };
		const value = json.value as { error?: string; message?: string } | null;
		if (value && typeof value === 'object' && 'error' in value && value.error) throw new Error(`WebDriver ${value.error}: ${value.message}`);
		return json.value;
	};
}

class WebkitWindow implements EngineDriverPage {
	readonly #device: WebkitDevice;
	readonly handle: string;
	constructor(device: WebkitDevice, handle: string) {
		this.#device = device;
		this.handle = handle;
	}
	async goto(url: string) {
		await this.#device.command(this.handle, 'POST', '/url', { url });
	}
	async reload() {
		await this.#device.command(this.handle, 'POST', '/refresh');
	}
	async evaluate(expression: string) {
		const script = `const done = arguments[arguments.length - 1];
			Promise.resolve().then(() => ${expression}).then((value) => done({ value: value === undefined ? null : value }), (e) => done({ error: String(e && e.stack || e) }));`;
		const result = (await this.#device.command(this.handle, 'POST', '/execute/async', { script, args: [] })) as { value?: unknown; error?: string };
		if (result.error) throw new Error(result.error);
		return result.value;
	}
	async close() {
		await this.#device.command(this.handle, 'DELETE', '/window');
	}
}

export class WebkitDevice implements EngineDevice {
	readonly #driver: ChildProcess;
	readonly #send: Command;
	readonly #session: string;
	readonly #base: string;
	readonly browserVersion: string;
	#current: string;
	#firstUsed = false;

	private constructor(driver: ChildProcess, send: Command, session: string, base: string, handle: string, version: string) {
		this.#driver = driver;
		this.#send = send;
		this.#session = session;
		this.#base = base;
		this.#current = handle;
		this.browserVersion = version;
	}

	/** Starts the driver on `driverPort` (under a virtual display) and opens a session. */
	static async launch(base: string, driverPort: number): Promise<WebkitDevice> {
		const driver = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x900x24', WEBKIT_DRIVER, `--port=${driverPort}`], { stdio: 'ignore', detached: true });
		const send = client(`http://127.0.0.1:${driverPort}`);
		const started = Date.now();
		for (;;) {
			try {
				await send('GET', '/status');
				break;
			} catch (e) {
				if (Date.now() - started > 20_000 || driver.exitCode !== null) {
					killGroup(driver);
					throw new Error(`WebKitWebDriver did not start on port ${driverPort}: ${String(e)}`);
				}
				await new Promise((r) => setTimeout(r, 100));
			}
		}
		const session = (await send('POST', '/session', {
			capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } }
		})) as { sessionId: string; capabilities: { browserVersion: string } };
		const handle = (await send('GET', `/session/${session.sessionId}/window`)) as string;
		return new WebkitDevice(driver, send, session.sessionId, base, handle, session.capabilities.browserVersion);
	}

	/** Sends a command to the session, in window `handle` (switching to it first when needed). */
	async command(handle: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
		if (handle !== this.#current) {
			await this.#send('POST', `/session/${this.#session}/window`, { handle });
			this.#current = handle;
		}
		return this.#send(method, `/session/${this.#session}${path}`, body);
	}

	async newPage(): Promise<EnginePage> {
		let handle = this.#current;
		if (this.#firstUsed) handle = ((await this.#send('POST', `/session/${this.#session}/window/new`, { type: 'tab' })) as { handle: string }).handle;
		this.#firstUsed = true;
		return new EnginePage('webkit', this.#base, new WebkitWindow(this, handle));
	}

	async close() {
		await this.#send('DELETE', `/session/${this.#session}`).catch(() => {});
		killGroup(this.#driver);
	}
}

function killGroup(child: ChildProcess) {
	try {
		if (child.pid) process.kill(-child.pid, 'SIGTERM');
	} catch {
		// already gone
	}
}
