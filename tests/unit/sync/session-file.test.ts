import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { exportSessionState, importSessionState, readSessionFile, SESSION_FILE_ORIGIN } from '$lib/sync';
import { randomOp, docSnapshot, makeModel } from './domain-ops';
import { testSeed } from './sync-fixtures';

function sampleDoc(gen: prng.PRNG, author: string, ops = 40): Y.Doc {
	const doc = new Y.Doc();
	const model = makeModel(doc, author, gen, () => 1_700_000_000_000);
	for (let i = 0; i < ops; i++) randomOp(model, gen);
	model.destroy();
	return doc;
}

describe('session files (sneakernet)', () => {
	it('merges a file into another doc; merging twice changes nothing', () => {
		const seed = testSeed('session-file');
		const gen = prng.create(seed);
		const a = sampleDoc(gen, 'a');
		const b = sampleDoc(gen, 'b');
		const file = exportSessionState(a, { sessionId: 'atelier-1' });
		const origins: unknown[] = [];
		b.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
		expect(importSessionState(b, file, { sessionId: 'atelier-1' })).toEqual({ ok: true, value: { changed: true } });
		expect(origins).toEqual([SESSION_FILE_ORIGIN]);
		const once = Y.encodeStateAsUpdate(b);
		expect(importSessionState(b, file)).toEqual({ ok: true, value: { changed: false } });
		expect(Y.encodeStateAsUpdate(b)).toEqual(once);
		// b now holds a's state plus its own: exporting b into a makes them equal.
		expect(importSessionState(a, exportSessionState(b)).ok).toBe(true);
		expect(docSnapshot(a)).toBe(docSnapshot(b));
	});

	it('refuses wrong files with clear errors and leaves the doc untouched', () => {
		const seed = testSeed('session-file errors');
		const gen = prng.create(seed);
		const doc = sampleDoc(gen, 'x', 10);
		const before = Y.encodeStateAsUpdate(doc);
		const file = exportSessionState(sampleDoc(gen, 'y', 10), { sessionId: 's1' });
		const cases: [Uint8Array, string][] = [
			[new Uint8Array(), 'sync.file.empty'],
			[new TextEncoder().encode('PK\u0003\u0004 not a session'), 'sync.file.notTablee'],
			[file.slice(0, file.length - 5), 'sync.file.corrupt'],
			[file.slice(0, 9), 'sync.file.corrupt']
		];
		const newer = file.slice();
		newer[8] = 2;
		cases.push([newer, 'sync.file.version']);
		for (const [bytes, key] of cases) {
			const result = importSessionState(doc, bytes);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.problem.key).toBe(key);
		}
		expect(importSessionState(doc, file, { sessionId: 's2' })).toEqual({ ok: false, problem: { key: 'sync.file.otherSession' } });
		for (let i = 0; i < 300; i++) {
			const flipped = file.slice();
			const pos = prng.int32(gen, 8, flipped.length - 1);
			flipped[pos] = (flipped[pos] ?? 0) ^ (1 << prng.int32(gen, 0, 7));
			const result = importSessionState(doc, flipped);
			expect(result.ok, `seed ${seed}: bit flip at ${pos} accepted`).toBe(false);
		}
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
		expect(readSessionFile(file)).toMatchObject({ ok: true, value: { sessionId: 's1' } });
	});

	it('refuses a well-checksummed file whose update is garbage', async () => {
		const { digest } = await import('lib0/hash/sha256');
		const doc = new Y.Doc();
		doc.getMap('contributions').set('k', 1);
		const before = Y.encodeStateAsUpdate(doc);
		const body = new Uint8Array([...[0x54, 0x41, 0x42, 0x4c, 0x45, 0x45, 0x53, 0x59], 1, 0, 4, 0xff, 0xff, 0xff, 0xff]);
		const file = new Uint8Array([...body, ...digest(body)]);
		expect(importSessionState(doc, file)).toEqual({ ok: false, problem: { key: 'sync.file.corrupt' } });
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
	});
});
