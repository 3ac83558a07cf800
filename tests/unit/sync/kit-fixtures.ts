/**
 * Factories for kit-transfer tests: real `LinkTransport`s over Node `MessageChannel` ports (the
 * structured-clone path a browser MessagePort or data channel takes), a realistic kit zip, an
 * in-memory kit library using the app's real import code, and a raw wire endpoint that plays a
 * hostile peer frame by frame.
 */
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { SessionSyncEngine, LinkTransport, type ByteLink, type RateLimit } from '$lib/sync';
import { encodeFrame, parseFrame, type Frame, type FrameBody } from '$lib/protocol/wire-protocol';
import { keyTag } from '$lib/sync/session-key';
import { readKitFolderFiles } from '$lib/kits/kit-folder.server';
import { parseKit, writeKitZip, type KitPackage } from '$lib/kits';
import { importKitFromPeer, type KitLibrarySources, type StoredKit } from '$lib/library/kit-library';
import type { KitAcceptResult } from '$lib/sync';
import { SESSION_ID, SESSION_KEY, makeDevice } from './sync-fixtures';

const ports: MessagePort[] = [];

/** The byte link of one end of a MessageChannel. */
export function portLink(port: MessagePort): ByteLink {
	ports.push(port);
	return {
		send: (bytes) => port.postMessage(bytes),
		listen: (onBytes) => {
			const handler = (data: unknown) => onBytes(data);
			port.on('message', handler);
			return () => port.off('message', handler);
		},
		close: () => port.close()
	};
}

export function closeAllPorts(): void {
	for (const p of ports.splice(0)) p.close();
}

export interface KitDevice {
	index: number;
	doc: Y.Doc;
	sync: SessionSyncEngine;
	links: Map<number, LinkTransport>;
	library: ReturnType<typeof memoryLibrary>;
}

/** A device of the session; `connect` wires two of them with one LinkTransport each. */
export function startKitDevice(index: number, key = SESSION_KEY): KitDevice {
	const doc = new Y.Doc();
	const sync = new SessionSyncEngine({ doc, sessionId: SESSION_ID, key, device: makeDevice(index) });
	return { index, doc, sync, links: new Map(), library: memoryLibrary() };
}

export function connect(a: KitDevice, b: KitDevice, options: { rateLimit?: RateLimit } = {}): void {
	const channel = new MessageChannel();
	const ta = new LinkTransport({ link: portLink(channel.port1), heartbeatMs: 0, ...options });
	const tb = new LinkTransport({ link: portLink(channel.port2), heartbeatMs: 0, ...options });
	a.links.set(b.index, ta);
	b.links.set(a.index, tb);
	a.sync.addTransport(ta);
	b.sync.addTransport(tb);
}

export function stopKitDevice(d: KitDevice): void {
	d.sync.destroy();
	d.doc.destroy();
}

/** An in-memory kit library whose imports run the app's own code (`importKitFromPeer`). */
export function memoryLibrary() {
	const stored = new Map<string, StoredKit>();
	const writes: string[] = [];
	let clock = 1000;
	const sources: KitLibrarySources = {
		bundledIndex: async () => [],
		bundledZip: async () => {
			throw new Error('no bundled kits here');
		},
		listStored: async () => [...stored.values()].map(({ zip: _zip, ...summary }) => summary),
		getStored: async (id, version) => stored.get(`${id}@${version}`),
		putStored: async (kit) => {
			writes.push(kit.key);
			stored.set(kit.key, kit);
		},
		deleteStored: async (id, version) => void stored.delete(`${id}@${version}`),
		now: () => clock++
	};
	return {
		sources,
		stored,
		writes,
		/** The `accept` a device passes to `requestKit` for a session whose kit hash is `hash`. */
		accept(hash: string) {
			return async (zip: Uint8Array): Promise<KitAcceptResult> => {
				const outcome = await importKitFromPeer(sources, zip, hash);
				return outcome.ok ? { ok: true, value: undefined } : { ok: false, problem: { key: outcome.problem.detail.fault, params: { reason: outcome.problem.key } } };
			};
		}
	};
}

/**
 * The bundled workshop kit plus 180 KiB of seeded incompressible bytes in a file the manifest does
 * not name (allowed, carried along): a zip of about 260 KB, like a kit with a few photos.
 */
export async function realisticKit(): Promise<{ kit: KitPackage; zip: Uint8Array }> {
	const read = readKitFolderFiles('workshop-kits/dialogue-ia-services-publics');
	if (!read.ok) throw new Error('bundled kit unreadable');
	read.value.set('annexes/photos-atelier.bin', prng.uint8Array(prng.create(42), 180 * 1024));
	const parsed = await parseKit(read.value);
	if (!parsed.ok) throw new Error(`kit invalid: ${parsed.problem.detail.map((i) => i.key).join(', ')}`);
	return { kit: parsed.value, zip: writeKitZip(parsed.value) };
}

/** A small valid kit, different content from `realisticKit` (for a lying peer). */
export async function otherKit(): Promise<{ kit: KitPackage; zip: Uint8Array }> {
	const read = readKitFolderFiles('workshop-kits/library-ai-conversation');
	if (!read.ok) throw new Error('bundled kit unreadable');
	const parsed = await parseKit(read.value);
	if (!parsed.ok) throw new Error('kit invalid');
	return { kit: parsed.value, zip: writeKitZip(parsed.value) };
}

/** One end of a MessageChannel driven by hand: hello with the session's key tag, then any frame. */
export function rawPeer(device: KitDevice, options: { key?: string; hello?: boolean } = {}) {
	const channel = new MessageChannel();
	const transport = new LinkTransport({ link: portLink(channel.port1), heartbeatMs: 0 });
	const port = channel.port2;
	ports.push(port);
	const id = 'raw-peer-endpoint';
	const received: Frame[] = [];
	let closed = false;
	port.on('message', (data: unknown) => {
		const frame = parseFrame(data);
		if (frame) received.push(frame);
	});
	port.on('close', () => (closed = true));
	const send = (body: FrameBody, to = '') => port.postMessage(encodeFrame(id, to, body));
	device.sync.addTransport(transport);
	if (options.hello !== false) {
		send({ type: 'hello', keyTag: keyTag(SESSION_ID, options.key ?? SESSION_KEY), deviceId: 'raw-device', role: 'station', name: 'Raw', wantReply: true });
	}
	return {
		id,
		transport,
		received,
		send,
		/** The endpoint id of the device's side, learnt from its frames. */
		get remote() {
			return received[0]?.from ?? '';
		},
		get closed() {
			return closed;
		},
		postRaw: (bytes: Uint8Array) => port.postMessage(bytes)
	};
}

export async function until(check: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}
