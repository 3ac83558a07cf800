/**
 * Factories for hub tests: a hub on loopback port 0 with a temporary app folder and data folder,
 * and "devices" (a Y.Doc + SessionSyncEngine + hub transport over Node's `ws`).
 *
 * The hub code: test hubs use `TEST_HUB_CODE` and devices hold it by default, as the facilitator's
 * tablet does once set up, so tests about something else can create sessions. Tests of the door
 * itself pass `hubCode: null` (a phone, a stranger) or start a hub with its stored code.
 */
import * as Y from 'yjs';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
// Relative, not `$lib`: the benchmark also loads this file in a child process through tsx.
import { SessionSyncEngine, createHubTransport, encodeHubAuth, hubAdmissionProof, type HubTransport, type PeerRole, type WebSocketLike } from '../../../src/lib/sync';
import { startHub, type Hub, type HubOptions } from '../../../src/hub/venue-hub';

export const wsFactory = (url: string) => new WebSocket(url) as unknown as WebSocketLike;

/** The hub code of test hubs (normalized). */
export const TEST_HUB_CODE = 'TESTHVBC0DE1';

/** The auth message of a device holding the test hub code (it may bring a new session). */
export function authorisedAuth(sessionId: string, token: string, code = TEST_HUB_CODE): string {
	return encodeHubAuth(sessionId, token, null, hubAdmissionProof(code, sessionId, token));
}

/** A temporary built-app folder: fallback page, index, an immutable asset, a nested folder. */
export function makeAppDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'tablee-hub-app-'));
	writeFileSync(join(dir, '200.html'), '<!doctype html><title>fallback</title>');
	writeFileSync(join(dir, 'index.html'), '<!doctype html><title>home</title>');
	mkdirSync(join(dir, '_app', 'immutable'), { recursive: true });
	writeFileSync(join(dir, '_app', 'immutable', 'app.js'), 'export const app = 1;');
	mkdirSync(join(dir, 'kits'));
	writeFileSync(join(dir, 'kits', 'index.json'), '{"kits":[]}');
	return dir;
}

export function makeTempDir(prefix = 'tablee-hub-data-'): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
	rmSync(dir, { recursive: true, force: true });
}

/** `hubCode: undefined` (given explicitly) starts the hub with the code stored in its data folder. */
export async function startTestHub(options: Partial<HubOptions> = {}): Promise<{ hub: Hub; appDir: string; dataDir: string; base: string; syncUrl: string }> {
	const appDir = options.appDir ?? makeAppDir();
	const dataDir = options.dataDir ?? makeTempDir();
	const hubCode = 'hubCode' in options ? options.hubCode : TEST_HUB_CODE;
	const hub = await startHub({ port: 0, host: '127.0.0.1', helloIntervalMs: 1000, ...options, hubCode, appDir, dataDir });
	const base = `http://127.0.0.1:${hub.port}`;
	return { hub, appDir, dataDir, base, syncUrl: `ws://127.0.0.1:${hub.port}/sync` };
}

export interface Device {
	doc: Y.Doc;
	sync: SessionSyncEngine;
	transport: HubTransport;
	notes: Y.Map<string>;
	destroy(): void;
}

let deviceCounter = 0;

/** `hubCode` defaults to `TEST_HUB_CODE`; null: a device without the code (a phone). */
export function startDevice(options: { url: string; sessionId: string; key: string; previousKey?: string; role?: PeerRole; doc?: Y.Doc; hubCode?: string | null }): Device {
	const doc = options.doc ?? new Y.Doc();
	const n = ++deviceCounter;
	const sync = new SessionSyncEngine({ doc, sessionId: options.sessionId, key: options.key, device: { id: `device-${n}`, role: options.role ?? 'participant', name: `Phone ${n}` } });
	const hubCode = options.hubCode === undefined ? TEST_HUB_CODE : options.hubCode;
	const transport = createHubTransport({ url: options.url, sessionId: options.sessionId, key: options.key, previousKey: options.previousKey, hubCode, createSocket: wsFactory, minDelayMs: 50, maxDelayMs: 400 });
	sync.addTransport(transport);
	return {
		doc,
		sync,
		transport,
		notes: doc.getMap<string>('notes'),
		destroy() {
			sync.destroy();
			doc.destroy();
		}
	};
}

export async function until(check: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
