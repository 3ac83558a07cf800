/** The hub's on-disk session log: group commit, torn tails, compaction, reopening. */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendFileSync, readFileSync, statSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SessionLog, LOG_FILE, SNAPSHOT_FILE } from '../../../src/hub/session-log';
import { encodeRecord } from '../../../src/hub/durable-files';
import { makeTempDir, removeDir } from './hub-fixtures';

const dirs: string[] = [];
afterEach(() => {
	while (dirs.length) removeDir(dirs.pop()!);
});

function tempDir(): string {
	const d = makeTempDir('tablee-hub-log-');
	dirs.push(d);
	return d;
}

function replay(updates: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const u of updates) Y.applyUpdate(doc, u);
	return doc;
}

describe('session log', () => {
	it('acknowledges appends after fsync, batching concurrent ones, and reads them back in order', async () => {
		const dir = tempDir();
		const doc = new Y.Doc();
		const { log } = await SessionLog.open(dir, () => Y.encodeStateAsUpdate(doc));
		const pending: Promise<void>[] = [];
		doc.on('update', (u: Uint8Array) => pending.push(log.append(u)));
		for (let i = 0; i < 200; i++) doc.getMap('notes').set(`n${i}`, `note ${i}`);
		await Promise.all(pending);
		expect(log.fsyncs).toBeLessThan(200);
		expect(log.fsyncs).toBeGreaterThan(0);
		await log.close();
		const reopened = await SessionLog.open(dir, () => new Uint8Array());
		expect(reopened.updates).toHaveLength(200);
		expect(replay(reopened.updates).getMap('notes').toJSON()).toEqual(doc.getMap('notes').toJSON());
		await reopened.log.close();
	});

	it('cuts a torn or corrupt tail and keeps appending after the good records', async () => {
		const dir = tempDir();
		const doc = new Y.Doc();
		const { log } = await SessionLog.open(dir, () => Y.encodeStateAsUpdate(doc));
		doc.on('update', (u: Uint8Array) => void log.append(u));
		doc.getMap('notes').set('a', 'un');
		doc.getMap('notes').set('b', 'deux');
		await log.close();
		const whole = encodeRecord(new Uint8Array([1, 2, 3, 4]));
		appendFileSync(join(dir, LOG_FILE), whole.subarray(0, 6)); // a write cut by a crash
		const again = await SessionLog.open(dir, () => new Uint8Array());
		expect(again.discardedBytes).toBe(6);
		expect(replay(again.updates).getMap('notes').toJSON()).toEqual({ a: 'un', b: 'deux' });
		const extra = new Y.Doc();
		Y.applyUpdate(extra, Y.encodeStateAsUpdate(doc));
		extra.on('update', (u: Uint8Array) => void again.log.append(u));
		extra.getMap('notes').set('c', 'trois');
		await again.log.close();
		const third = await SessionLog.open(dir, () => new Uint8Array());
		expect(third.discardedBytes).toBe(0);
		expect(replay(third.updates).getMap('notes').toJSON()).toEqual({ a: 'un', b: 'deux', c: 'trois' });
		await third.log.close();

		// A flipped byte inside a record stops the replay there instead of feeding garbage to Yjs.
		const bytes = readFileSync(join(dir, LOG_FILE));
		bytes[bytes.length - 2] = (bytes[bytes.length - 2] ?? 0) ^ 0xff;
		writeFileSync(join(dir, LOG_FILE), bytes);
		const fourth = await SessionLog.open(dir, () => new Uint8Array());
		expect(fourth.discardedBytes).toBeGreaterThan(0);
		expect(replay(fourth.updates).getMap('notes').toJSON()).toEqual({ a: 'un', b: 'deux' });
		await fourth.log.close();
	});

	it('compacts into an atomic snapshot and empties the log, without losing concurrent appends', async () => {
		const dir = tempDir();
		const doc = new Y.Doc();
		const { log } = await SessionLog.open(dir, () => Y.encodeStateAsUpdate(doc), { compactBytes: 2048 });
		const pending: Promise<void>[] = [];
		doc.on('update', (u: Uint8Array) => pending.push(log.append(u)));
		for (let i = 0; i < 300; i++) {
			doc.getMap('notes').set(`n${i}`, `note numéro ${i}`);
			if (i % 50 === 0) await new Promise((r) => setTimeout(r, 1));
		}
		await Promise.all(pending);
		await log.flushed();
		expect(log.compactions).toBeGreaterThan(0);
		expect(existsSync(join(dir, SNAPSHOT_FILE))).toBe(true);
		expect(existsSync(join(dir, `${SNAPSHOT_FILE}.tmp`))).toBe(false);
		expect(statSync(join(dir, LOG_FILE)).size).toBeLessThan(2048 + 1024);
		await log.compact();
		expect(statSync(join(dir, LOG_FILE)).size).toBe(0);
		await log.close();
		const reopened = await SessionLog.open(dir, () => new Uint8Array());
		expect(replay(reopened.updates).getMap('notes').toJSON()).toEqual(doc.getMap('notes').toJSON());
		await reopened.log.close();
	});
});
