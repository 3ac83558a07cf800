/**
 * Payloads larger than a frame: the part frames' wire checks, the assembler's bounds (memory per
 * sender and in all, consistency, order, duplicates) and the pacer that sends them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as prng from 'lib0/prng';
import { SYNC_LIMITS } from '$lib/sync';
import { encodeFrame, parseFrame, partCount, type PartBody } from '$lib/protocol/wire-protocol';
import { PartAssembler, splitIntoParts } from '$lib/protocol/stream-parts';
import { SendPacer } from '$lib/protocol/send-pacer';
import { testSeed } from './sync-fixtures';

const { partBytes } = SYNC_LIMITS;

function payload(gen: prng.PRNG, size: number): Uint8Array {
	return prng.uint8Array(gen, size);
}

describe('part frames', () => {
	it('round-trip, and a part that does not fit its place exactly is refused', () => {
		const gen = prng.create(testSeed('part frames'));
		const data = payload(gen, partBytes * 2 + 17);
		const parts = splitIntoParts(7, 'sync-step2', data);
		expect(parts.map((p) => p.bytes.byteLength)).toEqual([partBytes, partBytes, 17]);
		for (const part of parts) {
			const frame = parseFrame(encodeFrame('aaaa', 'bbbb', { type: 'part', ...part }));
			expect(frame).toMatchObject({ type: 'part', stream: 7, kind: 'sync-step2', index: part.index, total: 3, size: data.byteLength });
		}
		const bad: PartBody[] = [
			{ ...parts[0]!, bytes: parts[0]!.bytes.subarray(1) },
			{ ...parts[2]!, bytes: new Uint8Array(18) },
			{ ...parts[0]!, total: 4 },
			{ ...parts[0]!, index: 3 },
			{ ...parts[0]!, size: 0 },
			{ ...parts[0]!, size: SYNC_LIMITS.documentBytes + 1, total: partCount(SYNC_LIMITS.documentBytes + 1) }
		];
		for (const part of bad) expect(parseFrame(encodeFrame('aaaa', 'bbbb', { type: 'part', ...part }), Infinity)).toBeNull();
	});
});

describe('PartAssembler', () => {
	it('puts parts back together in any order, ignores duplicates, reports progress', () => {
		const seed = testSeed('assembler order');
		const gen = prng.create(seed);
		const data = payload(gen, partBytes * 5 + 3);
		const parts = splitIntoParts(1, 'update', data);
		// Every part once in a seeded order, one duplicate before the end and one after it.
		const order = parts.map((p) => ({ p, k: prng.real53(gen) })).sort((x, y) => x.k - y.k).map((x) => x.p);
		const shuffled = [order[0]!, ...order.slice(0, 1), ...order.slice(1), order[3]!];
		const assembler = new PartAssembler();
		const outcomes = shuffled.map((p) => assembler.accept('peer', p));
		expect(outcomes.map((o) => o.status), `seed ${seed}`).toEqual(['progress', 'ignored', 'progress', 'progress', 'progress', 'progress', 'done', 'ignored']);
		expect(outcomes[2]).toMatchObject({ received: partBytes * 2 - (order[0]!.index === 5 || order[1]!.index === 5 ? partBytes - 3 : 0) });
		const done = outcomes[6]!;
		if (done.status !== 'done') throw new Error('unreachable');
		expect(done.kind).toBe('update');
		expect(Buffer.from(done.payload).equals(Buffer.from(data)), `seed ${seed}`).toBe(true);
		expect(assembler.openBytes).toBe(0);
	});

	it('closes a stream whose parts disagree, replaces a stream by a newer one, and frees what a sender held', () => {
		const gen = prng.create(testSeed('assembler consistency'));
		const a = splitIntoParts(1, 'update', payload(gen, partBytes * 3));
		const other = splitIntoParts(1, 'sync-step2', payload(gen, partBytes * 3));
		const assembler = new PartAssembler();
		expect(assembler.accept('peer', a[0]!)).toMatchObject({ status: 'progress', received: partBytes, size: partBytes * 3 });
		expect(assembler.accept('peer', other[1]!)).toEqual({ status: 'refused', reason: 'malformed' });
		expect(assembler.openBytes).toBe(0);
		expect(assembler.accept('peer', a[0]!).status).toBe('progress');
		const newer = splitIntoParts(2, 'update', payload(gen, partBytes * 2));
		expect(assembler.accept('peer', newer[0]!).status).toBe('progress');
		expect(assembler.openBytes).toBe(partBytes * 2);
		expect(assembler.progressOf('peer')).toEqual({ received: partBytes, total: partBytes * 2 });
		assembler.drop('peer');
		expect(assembler.openBytes).toBe(0);
		expect(assembler.senders()).toEqual([]);
	});

	it('refuses a new stream past the bound for all senders, without blaming the sender', () => {
		const gen = prng.create(testSeed('assembler bound'));
		const assembler = new PartAssembler({ maxOpenBytes: partBytes * 5 });
		const first = splitIntoParts(1, 'update', payload(gen, partBytes * 3));
		const second = splitIntoParts(1, 'update', payload(gen, partBytes * 3));
		expect(assembler.accept('a', first[0]!).status).toBe('progress');
		expect(assembler.accept('b', second[0]!)).toEqual({ status: 'refused', reason: 'busy' });
		expect(assembler.openBytes).toBe(partBytes * 3);
	});
});

describe('SendPacer', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('keeps within the byte allowance and the medium’s buffer mark, in order, and drops a departed peer’s queue', () => {
		vi.useFakeTimers();
		const sent: number[] = [];
		let buffered = 0;
		const pacer = new SendPacer({
			post: (bytes) => sent.push(bytes[0]!),
			buffered: () => buffered,
			limit: { messagesBurst: 100, messagesPerSecond: 100, bytesBurst: 1000, bytesPerSecond: 1000 },
			highWater: 500
		});
		const item = (n: number, to = 'p') => ({ to, size: 400, bytes: new Uint8Array([n]) });
		for (let n = 0; n < 5; n++) pacer.push(item(n));
		pacer.push(item(9, 'gone'));
		// The burst allows two 400-byte items at once; the rest waits for tokens.
		expect(sent).toEqual([0, 1]);
		vi.advanceTimersByTime(400);
		expect(sent).toEqual([0, 1, 2]);
		buffered = 600;
		vi.advanceTimersByTime(2_000);
		expect(sent).toEqual([0, 1, 2]);
		pacer.dropFor('gone');
		buffered = 0;
		vi.advanceTimersByTime(2_000);
		expect(sent).toEqual([0, 1, 2, 3, 4]);
		expect(pacer.idle).toBe(true);
		pacer.close();
		pacer.push(item(7));
		expect(sent).toHaveLength(5);
	});
});
