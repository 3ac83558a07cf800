/**
 * Hostile input into every receive path: random bytes, truncated and bit-flipped updates,
 * oversized and flooding senders. No uncaught error, the document is unchanged unless the bytes
 * happen to form a valid update (then the guard's result equals plain Yjs), and the sender is
 * dropped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { LinkTransport, SessionSyncEngine, UpdateGuard, BroadcastChannelTransport, broadcastChannelName, SYNC_LIMITS, type RateLimit, type RejectedEvent } from '$lib/sync';
import { encodeFrame, type FrameBody, type PartBody } from '$lib/protocol/wire-protocol';
import { splitIntoParts } from '$lib/protocol/stream-parts';
import { keyTag } from '$lib/sync/session-key';
import { SESSION_ID, SESSION_KEY, makeDevice, NO_RATE_LIMIT, testSeed } from './sync-fixtures';
import { docSnapshot, makeModel, randomOp, rawNote } from './domain-ops';

const samples = new Map<number, Uint8Array>();

/** One of a few realistic session updates (built once per seed: building them is the slow part). */
function sampleUpdate(gen: prng.PRNG): Uint8Array {
	const slot = prng.int32(gen, 0, 7);
	let update = samples.get(slot);
	if (!update) {
		const doc = new Y.Doc();
		const model = makeModel(doc, 'evil', gen, () => 1_700_000_000_000);
		for (let i = 0; i < 12; i++) randomOp(model, gen);
		model.destroy();
		update = Y.encodeStateAsUpdate(doc);
		samples.set(slot, update);
	}
	return update;
}

function mutate(gen: prng.PRNG, update: Uint8Array): Uint8Array {
	switch (prng.int32(gen, 0, 2)) {
		case 0:
			return prng.uint8Array(gen, prng.int32(gen, 0, 200));
		case 1:
			return update.slice(0, prng.int32(gen, 0, Math.max(0, update.length - 1)));
		default: {
			const out = update.slice();
			const flips = prng.int32(gen, 1, 4);
			for (let f = 0; f < flips; f++) {
				const pos = prng.int32(gen, 0, out.length - 1);
				out[pos] = (out[pos] ?? 0) ^ (1 << prng.int32(gen, 0, 7));
			}
			return out;
		}
	}
}

/** Plain Yjs on a copy: does `bytes` apply as a valid update, and what does the doc become? */
function plainYjs(base: Uint8Array, bytes: Uint8Array): string | null {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, base);
	try {
		Y.applyUpdate(doc, bytes);
	} catch {
		return null;
	}
	return docSnapshot(doc);
}

const cleanups: (() => void)[] = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});

/** A session with one link transport whose remote the test plays; `rateLimit` defaults to none. */
function victim(rateLimit: RateLimit = NO_RATE_LIMIT) {
	const doc = new Y.Doc();
	doc.getMap('contributions').set('mine', 'safe');
	const sync = new SessionSyncEngine({ doc, sessionId: SESSION_ID, key: SESSION_KEY, device: makeDevice(0, 'facilitator') });
	const rejected: RejectedEvent[] = [];
	sync.on('rejected', (e) => rejected.push(e));
	let deliver: (bytes: unknown) => void = () => {};
	let closed = false;
	const transport = new LinkTransport({
		link: { send: () => {}, listen: (h) => ((deliver = h), () => {}), close: () => (closed = true) },
		rateLimit,
		heartbeatMs: 0
	});
	sync.addTransport(transport);
	cleanups.push(() => {
		sync.destroy();
		doc.destroy();
	});
	const hello: FrameBody = { type: 'hello', keyTag: keyTag(SESSION_ID, SESSION_KEY), deviceId: 'evil-device', role: 'participant', name: 'Evil', wantReply: true };
	return { doc, sync, rejected, transport, send: (b: unknown) => deliver(b), isClosed: () => closed, hello };
}

describe('update guard', () => {
	it('rejects random, truncated and bit-flipped updates without touching the doc', () => {
		const seed = testSeed('guard fuzz');
		const gen = prng.create(seed);
		let rejected = 0;
		for (let i = 0; i < 400; i++) {
			const doc = new Y.Doc();
			rawNote(doc, 'own', prng.word(gen, 1, 10));
			const base = Y.encodeStateAsUpdate(doc);
			const guard = new UpdateGuard(doc);
			const bytes = mutate(gen, sampleUpdate(gen));
			const result = guard.apply(bytes, 'test');
			if (!result.ok) {
				rejected++;
				expect(Y.encodeStateAsUpdate(doc), `seed ${seed} case ${i}`).toEqual(base);
			} else if (result.value.changed) {
				// The mutation produced a valid update: the guard must agree with plain Yjs.
				expect(docSnapshot(doc), `seed ${seed} case ${i}`).toBe(plainYjs(base, bytes));
			}
			guard.destroy();
			doc.destroy();
		}
		console.log(`[guard fuzz] ${rejected}/400 mutated updates rejected`);
		expect(rejected).toBeGreaterThan(200);
	});

	it('refuses oversized updates and non-bytes', () => {
		const doc = new Y.Doc();
		const guard = new UpdateGuard(doc, { maxBytes: 100 });
		expect(guard.apply(new Uint8Array(101), 'x')).toEqual({ ok: false, problem: { key: 'tooLarge' } });
		expect(guard.apply('nope' as unknown as Uint8Array, 'x')).toEqual({ ok: false, problem: { key: 'malformed' } });
		guard.destroy();
	});

	it('holds an update back until its dependencies arrive, then applies both', () => {
		const source = new Y.Doc();
		const updates: Uint8Array[] = [];
		source.on('update', (u: Uint8Array) => updates.push(u));
		source.getMap('votes').set('v', 1);
		source.getMap('votes').set('v', 2);
		const doc = new Y.Doc();
		const guard = new UpdateGuard(doc);
		expect(guard.apply(updates[1]!, 'x')).toEqual({ ok: true, value: { changed: false, held: true } });
		// The replacing update's deletion must not apply on its own: the key stays absent, not deleted later.
		expect(doc.getMap('votes').toJSON()).toEqual({});
		expect(guard.heldCount).toBe(1);
		expect(guard.apply(updates[0]!, 'x')).toEqual({ ok: true, value: { changed: true } });
		expect(doc.getMap('votes').toJSON()).toEqual({ v: 2 });
		expect(guard.heldCount).toBe(0);
		guard.destroy();
	});

	it('builds its mirror only for the first remote update, from the doc as it is then, local edits included', () => {
		const doc = new Y.Doc();
		const guard = new UpdateGuard(doc);
		rawNote(doc, 'before', 'written before any peer spoke');
		expect(guard.mirrored).toBe(false);
		// A peer that saw the local note edits it: the update depends on the local state.
		const peer = new Y.Doc();
		Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
		const edits: Uint8Array[] = [];
		peer.on('update', (u: Uint8Array) => edits.push(u));
		(peer.getMap('contributions').get('before') as Y.Map<unknown>).set('text', 'edited by a peer');
		expect(guard.apply(edits[0]!, 'peer')).toEqual({ ok: true, value: { changed: true } });
		expect(guard.mirrored).toBe(true);
		expect((doc.getMap('contributions').get('before') as Y.Map<unknown>).get('text')).toBe('edited by a peer');
		// Local edits after that flow into the mirror; garbage is still refused with the doc untouched.
		rawNote(doc, 'after', 'written after');
		const seed = testSeed('lazy mirror');
		const gen = prng.create(seed);
		let base = Y.encodeStateAsUpdate(doc);
		for (let i = 0; i < 50; i++) {
			const result = guard.apply(mutate(gen, edits[0]!), 'peer');
			// A mutation may happen to be a valid update; otherwise the doc must be untouched.
			if (!result.ok) expect(Y.encodeStateAsUpdate(doc), `seed ${seed} case ${i}`).toEqual(base);
			else base = Y.encodeStateAsUpdate(doc);
		}
		expect(guard.apply(Y.encodeStateAsUpdate(peer), 'peer').ok).toBe(true);
		Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
		expect(docSnapshot(doc)).toBe(docSnapshot(peer));
		guard.destroy();
	});
});

describe('frame transport receive path', () => {
	it('drops random frames and blocks the sender without changing the doc', () => {
		const seed = testSeed('frame fuzz');
		const gen = prng.create(seed);
		const v = victim();
		const before = Y.encodeStateAsUpdate(v.doc);
		for (let i = 0; i < 300; i++) expect(() => v.send(prng.uint8Array(gen, prng.int32(gen, 0, 300)))).not.toThrow();
		v.send('a string');
		v.send(null);
		v.send({ fake: true });
		expect(Y.encodeStateAsUpdate(v.doc)).toEqual(before);
		expect(v.rejected.length).toBeGreaterThan(0);
		expect(v.rejected.every((e) => e.reason === 'malformed' || e.reason === 'tooLarge')).toBe(true);
	});

	it('drops a registered peer that sends a corrupt update, a bad state vector or bad awareness', () => {
		const seed = testSeed('peer fuzz');
		const gen = prng.create(seed);
		const bodies: ((g: prng.PRNG) => FrameBody)[] = [
			(g) => ({ type: 'update', update: mutate(g, sampleUpdate(g)) }),
			(g) => ({ type: 'sync-step2', update: mutate(g, sampleUpdate(g)) }),
			() => ({ type: 'sync-step1', stateVector: new Uint8Array([5, 0xff, 0xff, 0xff]) }),
			() => ({ type: 'awareness', update: new Uint8Array([1, 1, 1, 3, 0x7b, 0x7b, 0x7b]) })
		];
		let dropped = 0;
		for (let i = 0; i < 120; i++) {
			const v = victim();
			v.send(encodeFrame('evil-endpoint', '', v.hello));
			expect(v.sync.peers.map((p) => p.deviceId)).toEqual(['evil-device']);
			const before = Y.encodeStateAsUpdate(v.doc);
			const body = bodies[i % bodies.length]!(gen);
			v.send(encodeFrame('evil-endpoint', '', body));
			if (v.rejected.length > 0) {
				dropped++;
				expect(Y.encodeStateAsUpdate(v.doc), `seed ${seed} case ${i}`).toEqual(before);
				expect(v.sync.peers, `seed ${seed} case ${i}`).toEqual([]);
				expect(v.isClosed(), `seed ${seed} case ${i}: link not closed`).toBe(true);
				// Further messages from the blocked sender are ignored.
				v.send(encodeFrame('evil-endpoint', '', v.hello));
				expect(v.sync.peers).toEqual([]);
			}
			cleanups.pop()!();
		}
		expect(dropped).toBeGreaterThan(60);
	});

	it('drops a registered peer whose parts disagree or whose reassembled payload is garbage; the doc is untouched', () => {
		const seed = testSeed('part fuzz');
		const gen = prng.create(seed);
		const big = prng.uint8Array(gen, SYNC_LIMITS.partBytes * 2 + 100);
		const cases: { name: string; parts: PartBody[] }[] = [
			{ name: 'garbage payload', parts: splitIntoParts(1, 'update', big) },
			{ name: 'kind changes mid-stream', parts: [splitIntoParts(1, 'update', big)[0]!, splitIntoParts(1, 'sync-step2', big)[1]!] },
			{
				name: 'size changes mid-stream',
				parts: [splitIntoParts(1, 'update', big)[0]!, splitIntoParts(1, 'update', big.subarray(0, SYNC_LIMITS.partBytes * 2 + 50))[1]!]
			}
		];
		for (const { name, parts } of cases) {
			const v = victim();
			v.send(encodeFrame('evil-endpoint', '', v.hello));
			const before = Y.encodeStateAsUpdate(v.doc);
			for (const part of parts) v.send(encodeFrame('evil-endpoint', '', { type: 'part', ...part }));
			expect(v.rejected.map((e) => e.reason), `${name}, seed ${seed}`).toEqual(['malformed']);
			expect(Y.encodeStateAsUpdate(v.doc)).toEqual(before);
			expect(v.sync.peers).toEqual([]);
			expect(v.isClosed()).toBe(true);
			cleanups.pop()!();
		}
	});

	it('drops a catch-up stream over the byte allowance without blocking its sender', () => {
		const v = victim({ messagesBurst: 1000, messagesPerSecond: 1000, bytesBurst: SYNC_LIMITS.partBytes * 2, bytesPerSecond: 1 });
		v.send(encodeFrame('busy-sender', '', v.hello));
		const parts = splitIntoParts(1, 'update', new Uint8Array(SYNC_LIMITS.partBytes * 4));
		for (const part of parts) v.send(encodeFrame('busy-sender', '', { type: 'part', ...part }));
		expect(v.rejected).toEqual([]);
		expect(v.sync.peers.map((p) => p.id)).toEqual(['busy-sender']);
		expect(v.sync.status.receiving).toBeNull();
	});

	it('refuses oversized frames and rate-limits a flooding peer', () => {
		const v = victim();
		v.send(encodeFrame('big-endpoint', '', { type: 'update', update: new Uint8Array(SYNC_LIMITS.messageBytes + 10) }));
		expect(v.rejected.at(-1)).toMatchObject({ reason: 'tooLarge', peerId: 'big-endpoint' });

		const flooded = victim({ messagesBurst: 20, messagesPerSecond: 1, bytesBurst: 1e9, bytesPerSecond: 1e9 });
		flooded.send(encodeFrame('flood', '', v.hello));
		for (let i = 0; i < 50; i++) flooded.send(encodeFrame('flood', '', { type: 'sync-step1', stateVector: Y.encodeStateVector(flooded.doc) }));
		expect(flooded.rejected.map((e) => e.reason)).toEqual(['rateLimited']);
		expect(flooded.sync.peers).toEqual([]);
	});
});

describe('broadcast channel receive path', () => {
	it('ignores garbage posted on the session channel', async () => {
		const seed = testSeed('bc fuzz');
		const gen = prng.create(seed);
		const doc = new Y.Doc();
		doc.getMap('contributions').set('mine', 'safe');
		const sync = new SessionSyncEngine({ doc, sessionId: SESSION_ID, key: SESSION_KEY, device: makeDevice(0) });
		cleanups.push(() => sync.destroy());
		const rejected: RejectedEvent[] = [];
		sync.on('rejected', (e) => rejected.push(e));
		sync.addTransport(new BroadcastChannelTransport({ heartbeatMs: 0 }));
		const before = Y.encodeStateAsUpdate(doc);
		const evil = new BroadcastChannel(broadcastChannelName(SESSION_ID, SESSION_KEY));
		cleanups.push(() => evil.close());
		evil.postMessage(encodeFrame('evil-endpoint', '', { type: 'hello', keyTag: keyTag(SESSION_ID, SESSION_KEY), deviceId: 'evil', role: 'station', name: 'e', wantReply: false }));
		for (let i = 0; i < 50; i++) evil.postMessage(prng.uint8Array(gen, prng.int32(gen, 1, 100)));
		evil.postMessage({ not: 'bytes' });
		await new Promise((r) => setTimeout(r, 50));
		expect(sync.peers.map((p) => p.deviceId)).toEqual(['evil']);
		evil.postMessage(encodeFrame('evil-endpoint', '', { type: 'update', update: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]) }));
		await new Promise((r) => setTimeout(r, 50));
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
		expect(rejected.map((e) => e.peerId)).toContain('evil-endpoint');
		expect(sync.peers).toEqual([]);
	});
});
