/**
 * The kit travels with the session: a device lacking the session's kit receives it in chunks from
 * its peers over real `LinkTransport`s on MessageChannel ports, checked against the kit's content
 * hash and imported through the library's validated path; bad senders are refused and dropped.
 */
import { Buffer } from 'node:buffer';
import { afterEach, describe, expect, it } from 'vitest';
import { KIT_LIMITS } from '$lib/kits';
import * as prng from 'lib0/prng';
import { KIT_TRANSFER_LIMITS, LinkTransport, generateSessionKey, type KitProgress, type RejectedEvent } from '$lib/sync';
import { keyTag } from '$lib/sync/session-key';
import { SESSION_ID, SESSION_KEY, testSeed } from './sync-fixtures';
import { encodeFrame, kitChunkCount, parseFrame, type Frame } from '$lib/protocol/wire-protocol';
import {
	closeAllPorts,
	connect,
	otherKit,
	rawPeer,
	realisticKit,
	startKitDevice,
	stopKitDevice,
	until,
	type KitDevice
} from './kit-fixtures';

const devices: KitDevice[] = [];
function device(index: number, key?: string): KitDevice {
	const d = startKitDevice(index, key);
	devices.push(d);
	return d;
}

afterEach(() => {
	for (const d of devices.splice(0)) stopKitDevice(d);
	closeAllPorts();
});

const { kit, zip } = await realisticKit();
const ref = { id: kit.manifest.id, version: kit.manifest.version, hash: kit.hash };
const serve = (d: KitDevice, bytes = zip, hash = kit.hash) => d.sync.provideKit(hash, async () => bytes);
const fast = { timeoutMs: 1500, peerTimeoutMs: 400, retryMs: 100 };

describe('kit transfer between session peers', () => {
	it('sends a realistic kit (~260 KB) from A to B, checked and imported in one write', async () => {
		expect(zip.byteLength).toBeGreaterThan(240_000);
		const a = device(1);
		const b = device(2);
		connect(a, b);
		serve(a);
		const progress: KitProgress[] = [];
		const outcome = await b.sync.requestKit(ref, { ...fast, accept: b.library.accept(kit.hash), onProgress: (p) => progress.push(p) });
		expect(outcome).toEqual({ ok: true });
		expect(b.library.writes).toEqual([`${ref.id}@${ref.version}`]);
		expect(b.library.stored.get(`${ref.id}@${ref.version}`)?.hash).toBe(kit.hash);
		// One progress event per chunk, growing to the whole zip.
		expect(progress).toHaveLength(kitChunkCount(zip.byteLength));
		expect(progress.at(-1)).toEqual({ received: zip.byteLength, size: zip.byteLength });
		expect(progress.every((p, i) => i === 0 || p.received > progress[i - 1]!.received)).toBe(true);
	});

	it('relays along a chain A–B–C only once B has stored the kit', async () => {
		const a = device(1);
		const b = device(2);
		const c = device(3);
		connect(a, b);
		connect(b, c);
		serve(a);
		// C asks first: B lacks the kit and declines; C keeps asking.
		const fromC = c.sync.requestKit(ref, { ...fast, timeoutMs: 5000, accept: c.library.accept(kit.hash) });
		await new Promise((r) => setTimeout(r, 150));
		expect(c.library.writes).toEqual([]);
		const fromB = await b.sync.requestKit(ref, { ...fast, accept: b.library.accept(kit.hash) });
		expect(fromB).toEqual({ ok: true });
		// B serves what it stored (as OpenSession does once the kit opens).
		b.sync.provideKit(kit.hash, async () => b.library.stored.get(`${ref.id}@${ref.version}`)!.zip);
		expect(await fromC).toEqual({ ok: true });
		expect(c.library.stored.get(`${ref.id}@${ref.version}`)?.hash).toBe(kit.hash);
	});

	it('refuses a peer that sends another kit under the hash, and gets it from an honest peer', async () => {
		const liar = device(1);
		const honest = device(2);
		const b = device(3);
		connect(b, liar);
		connect(b, honest);
		serve(liar, (await otherKit()).zip);
		serve(honest);
		const rejected: RejectedEvent[] = [];
		b.sync.on('rejected', (e) => rejected.push(e));
		const outcome = await b.sync.requestKit(ref, { ...fast, accept: b.library.accept(kit.hash) });
		expect(outcome).toEqual({ ok: true });
		expect(b.library.writes).toEqual([`${ref.id}@${ref.version}`]);
		expect(b.library.stored.get(`${ref.id}@${ref.version}`)?.hash).toBe(kit.hash);
		expect(rejected.map((e) => e.reason)).toEqual(['malformed']);
		// B hung up on the liar.
		expect(b.links.get(1)!.peers).toEqual([]);
		expect(b.links.get(1)!.status.state).toBe('idle');
	});

	it('refuses a valid-looking zip that is not a kit and stores nothing', async () => {
		const a = device(1);
		const b = device(2);
		connect(a, b);
		const garbage = zip.slice();
		garbage.fill(7, 1000, 5000);
		serve(a, garbage);
		const rejected: RejectedEvent[] = [];
		b.sync.on('rejected', (e) => rejected.push(e));
		const outcome = await b.sync.requestKit(ref, { ...fast, accept: b.library.accept(kit.hash) });
		expect(outcome).toEqual({ ok: false, problem: { key: 'notFound' } });
		expect(b.library.writes).toEqual([]);
		expect(rejected).toHaveLength(1);
		expect(b.links.get(1)!.status.state).toBe('idle');
	});

	it('drops a raw peer sending inconsistent, duplicate or malformed chunks; no crash, nothing stored', async () => {
		for (const attack of ['resize', 'duplicate', 'wrongLength', 'badHash'] as const) {
			const b = device(10);
			const peer = rawPeer(b);
			await until(() => b.links.size === 0 && peer.transport.peers.length === 1, 2000, 'raw peer registered');
			const rejected: RejectedEvent[] = [];
			b.sync.on('rejected', (e) => rejected.push(e));
			const pending = b.sync.requestKit(ref, { ...fast, timeoutMs: 300, accept: b.library.accept(kit.hash) });
			await until(() => peer.received.some((f) => f.type === 'kit-request'), 2000, 'kit request');
			const to = peer.remote;
			const chunk = (index: number, size = zip.byteLength) => {
				const c = KIT_TRANSFER_LIMITS.chunkBytes;
				const total = kitChunkCount(size);
				const bytes = zip.subarray(index * c, index === total - 1 ? size : (index + 1) * c);
				return { type: 'kit-chunk' as const, hash: kit.hash, index, total, size, bytes };
			};
			peer.send(chunk(0), to);
			if (attack === 'resize') peer.send(chunk(1, zip.byteLength + KIT_TRANSFER_LIMITS.chunkBytes), to);
			if (attack === 'duplicate') peer.send(chunk(0), to);
			if (attack === 'wrongLength') peer.postRaw(encodeFrame(peer.id, to, { ...chunk(1), bytes: zip.subarray(0, 100) }));
			if (attack === 'badHash') peer.postRaw(encodeFrame(peer.id, to, { ...chunk(1), hash: 'not-a-hash' }));
			await until(() => peer.closed, 2000, `${attack}: raw peer hung up`);
			expect(rejected.map((e) => e.reason), attack).toEqual(['malformed']);
			expect(await pending, attack).toEqual({ ok: false, problem: { key: 'notFound' } });
			expect(b.library.writes, attack).toEqual([]);
			stopKitDevice(devices.pop()!);
			closeAllPorts();
		}
	});

	it('gives up on a truncated transfer (the sender stops half-way) and stores nothing', async () => {
		const b = device(10);
		const peer = rawPeer(b);
		await until(() => peer.transport.peers.length === 1, 2000, 'raw peer registered');
		const pending = b.sync.requestKit(ref, { ...fast, timeoutMs: 600, accept: b.library.accept(kit.hash) });
		await until(() => peer.received.some((f) => f.type === 'kit-request'), 2000, 'kit request');
		const c = KIT_TRANSFER_LIMITS.chunkBytes;
		const total = kitChunkCount(zip.byteLength);
		for (let index = 0; index < total - 1; index++) {
			peer.send({ type: 'kit-chunk', hash: kit.hash, index, total, size: zip.byteLength, bytes: zip.subarray(index * c, (index + 1) * c) }, peer.remote);
		}
		expect(await pending).toEqual({ ok: false, problem: { key: 'notFound' } });
		expect(b.library.writes).toEqual([]);
	});

	it('gives a peer without the session key nothing', async () => {
		const a = device(1);
		serve(a);
		// A peer on another key: hellos do not match, neither side registers the other.
		const outsider = device(2, generateSessionKey());
		connect(a, outsider);
		const outcome = await outsider.sync.requestKit(ref, { ...fast, timeoutMs: 300, accept: outsider.library.accept(kit.hash) });
		expect(outcome).toEqual({ ok: false, problem: { key: 'noPeers' } });
		expect(outsider.library.writes).toEqual([]);
		// A raw sender that skips the hello (or sends another key's tag) gets no chunk either.
		for (const options of [{ hello: false }, { key: generateSessionKey() }]) {
			const peer = rawPeer(a, options);
			peer.send({ type: 'kit-request', hash: kit.hash });
			await new Promise((r) => setTimeout(r, 100));
			expect(peer.received.filter((f) => f.type === 'kit-chunk')).toEqual([]);
		}
	});

	it('answers kit-unavailable for any hash but the one it serves', async () => {
		const a = device(1);
		serve(a);
		const peer = rawPeer(a);
		await until(() => peer.received.some((f) => f.type === 'hello'), 2000, 'hello');
		const other = 'f'.repeat(64);
		peer.send({ type: 'kit-request', hash: other }, peer.remote);
		await until(() => peer.received.some((f) => f.type === 'kit-unavailable'), 2000, 'kit-unavailable');
		expect(peer.received.find((f) => f.type === 'kit-unavailable')).toMatchObject({ hash: other });
		expect(peer.received.filter((f) => f.type === 'kit-chunk')).toEqual([]);
	});

	it('paces a large transfer under a receiver rate limit that an unpaced burst would break', async () => {
		// 3 MiB of bytes; the receiver allows 1 MiB bursts and 1.5 MiB/s. The sender's 1 MiB/s fits.
		const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24);
		const rateLimit = { messagesBurst: 500, messagesPerSecond: 100, bytesBurst: 1024 * 1024, bytesPerSecond: 1.5 * 1024 * 1024 };
		const a = device(1);
		const b = device(2);
		connect(a, b, { rateLimit });
		serve(a, big);
		const rejected: RejectedEvent[] = [];
		b.sync.on('rejected', (e) => rejected.push(e));
		let got: Uint8Array | null = null;
		const outcome = await b.sync.requestKit(ref, {
			...fast,
			accept: async (bytes) => {
				got = bytes;
				return { ok: true, value: undefined };
			}
		});
		expect(outcome).toEqual({ ok: true });
		expect(rejected).toEqual([]);
		expect(got !== null && Buffer.from(got).equals(Buffer.from(big))).toBe(true);
	}, 15_000);

	it('sends to at most a few peers at once and declines the others', async () => {
		const a = device(1);
		serve(a);
		const peers = Array.from({ length: KIT_TRANSFER_LIMITS.concurrentSends + 1 }, () => rawPeer(a));
		await until(() => peers.every((p) => p.received.some((f) => f.type === 'hello')), 2000, 'hellos');
		for (const p of peers) p.send({ type: 'kit-request', hash: kit.hash }, p.remote);
		const answered = (p: (typeof peers)[number]) => p.received.some((f: Frame) => f.type === 'kit-chunk' || f.type === 'kit-unavailable');
		await until(() => peers.every(answered), 2000, 'answers');
		const declined = peers.filter((p) => p.received.some((f) => f.type === 'kit-unavailable'));
		expect(declined).toHaveLength(1);
	});

	it('survives seeded random kit frames: malformed ones refuse their sender, nothing thrown or stored', async () => {
		const seed = testSeed('kit-frames-fuzz');
		const gen = prng.create(seed);
		const b = device(10);
		const link = new LinkTransport({ link: { send: () => {}, listen: () => () => {} }, heartbeatMs: 0 });
		b.sync.addTransport(link);
		const rejected: RejectedEvent[] = [];
		b.sync.on('rejected', (e) => rejected.push(e));
		const tag = keyTag(SESSION_ID, SESSION_KEY);
		let refused = 0;
		for (let i = 0; i < 300; i++) {
			const from = `fuzz-${i}`;
			link.receive(encodeFrame(from, link.endpointId, { type: 'hello', keyTag: tag, deviceId: from, role: 'station', name: 'x', wantReply: false }));
			const valid = encodeFrame(from, link.endpointId, { type: 'kit-chunk', hash: kit.hash, index: 0, total: 1, size: 64, bytes: zip.subarray(0, 64) });
			const head = valid.subarray(0, prng.int32(gen, 4, valid.byteLength - 1));
			const bytes = prng.bool(gen) ? head : new Uint8Array([...head, ...prng.uint8Array(gen, prng.int32(gen, 1, 300))]);
			const before = rejected.length;
			expect(() => link.receive(bytes)).not.toThrow();
			if (rejected.length > before) refused++;
		}
		// Almost every mangled frame is malformed; the rare one that parses is an unsolicited chunk, ignored.
		expect(refused).toBeGreaterThan(280);
		expect(b.library.writes).toEqual([]);
	});

	it('keeps the wire limits in line with the kit format', () => {
		expect(KIT_TRANSFER_LIMITS.zipBytes).toBe(KIT_LIMITS.zipBytes);
		const base = { hash: kit.hash, index: 0, total: 1, size: 10, bytes: new Uint8Array(10) };
		const parse = (body: object) => parseFrame(encodeFrame('a', 'b', { type: 'kit-chunk', ...base, ...body }));
		expect(parse({})).toMatchObject({ type: 'kit-chunk', size: 10 });
		expect(parse({ index: 1 })).toBeNull();
		expect(parse({ total: 2 })).toBeNull();
		expect(parse({ size: 0, bytes: new Uint8Array(0) })).toBeNull();
		expect(parse({ size: KIT_TRANSFER_LIMITS.zipBytes + 1, total: kitChunkCount(KIT_TRANSFER_LIMITS.zipBytes + 1) })).toBeNull();
		const c = KIT_TRANSFER_LIMITS.chunkBytes;
		expect(parse({ size: c + 1, total: 2, bytes: new Uint8Array(c + 1) })).toBeNull();
		expect(parse({ size: c + 1, total: 2, bytes: new Uint8Array(c) })).toMatchObject({ index: 0 });
		expect(parse({ hash: kit.hash.toUpperCase() })).toBeNull();
		expect(parseFrame(encodeFrame('a', 'b', { type: 'kit-request', hash: kit.hash }))).toMatchObject({ type: 'kit-request', hash: kit.hash });
		expect(parseFrame(encodeFrame('a', 'b', { type: 'kit-unavailable', hash: 'x' }))).toBeNull();
	});
});
