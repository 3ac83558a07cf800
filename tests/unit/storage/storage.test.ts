import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	appendUpdates,
	archiveSession,
	compactUpdates,
	countUpdates,
	createSession,
	database,
	deleteKit,
	deleteSession,
	deviceId,
	deviceName,
	duplicateSession,
	getKit,
	getSession,
	listKits,
	listSessions,
	loadOwnLog,
	appendOwnLog,
	loadUpdates,
	putKit,
	resetDatabase,
	setDeviceName,
	StorageError,
	syncKeyPattern,
	toStorageError,
	unarchiveSession,
	updateSession,
	joinSession,
	rotateSyncKey,
	sessionAuthorId,
	getSetting,
	type NewSession
} from '$lib/storage';
import * as prng from 'lib0/prng';

const seeded = (seed: number) => {
	const gen = prng.create(seed);
	return (n: number) => prng.uint8Array(gen, n);
};

const input: NewSession = {
	title: ' Atelier Imaginer ',
	date: '2026-03-14',
	place: 'Bibliothèque de Rimouski',
	facilitators: ['Ana', ' ', 'Luc'],
	kit: { id: 'dialogue-ia', version: '1.0.0', hash: 'a'.repeat(64) },
	agendaId: 'imaginer',
	language: 'fr-CA'
};

beforeEach(async () => {
	await resetDatabase();
});
afterEach(() => {
	vi.restoreAllMocks();
});

describe('sessions', () => {
	it('creates a session with a random id and a 128-bit sync key', async () => {
		const row = await createSession(input, { now: () => 1000, random: seeded(1) });
		expect(row).toMatchObject({ title: 'Atelier Imaginer', facilitators: ['Ana', 'Luc'], createdAt: 1000, updatedAt: 1000, archived: false });
		expect(row.syncKey).toMatch(syncKeyPattern);
		expect(row.syncKey).not.toBe(row.id);
		expect(await getSession(row.id)).toEqual(row);
		const other = await createSession(input);
		expect(other.id).not.toBe(row.id);
		expect(other.syncKey).not.toBe(row.syncKey);
	});

	it('refuses invalid input naming the field', async () => {
		await expect(createSession({ ...input, date: '14 mars' })).rejects.toMatchObject({ code: 'invalidInput', params: { field: 'date' } });
		await expect(createSession({ ...input, kit: { ...input.kit, version: 'v1' } })).rejects.toMatchObject({ code: 'invalidInput', params: { field: 'version' } });
		await expect(createSession({ ...input, title: 'x'.repeat(300) })).rejects.toBeInstanceOf(StorageError);
	});

	it('lists, updates, archives and unarchives', async () => {
		let t = 100;
		const now = () => t++;
		const a = await createSession({ ...input, title: 'A' }, { now });
		const b = await createSession({ ...input, title: 'B' }, { now });
		expect((await listSessions()).items.map((s) => s.title)).toEqual(['B', 'A']);
		const updated = await updateSession(a.id, { title: 'A2', place: 'Fab Lab' }, { now });
		expect(updated).toMatchObject({ title: 'A2', place: 'Fab Lab', date: input.date, kit: input.kit });
		expect((await listSessions()).items.map((s) => s.title)).toEqual(['A2', 'B']);
		await archiveSession(b.id, true, { now });
		expect((await listSessions()).items.map((s) => s.id)).toEqual([a.id]);
		expect((await listSessions({ archived: true })).items.map((s) => s.id)).toEqual([b.id]);
		expect((await listSessions({ archived: 'all' })).items).toHaveLength(2);
		await unarchiveSession(b.id, { now });
		expect((await listSessions()).items).toHaveLength(2);
		await expect(updateSession('missing-session-id', { title: 'x' })).rejects.toMatchObject({ code: 'sessionNotFound', key: 'storage.error.sessionNotFound' });
	});

	it('duplicates with a new id and key, the same kit and agenda, and no content', async () => {
		const a = await createSession(input);
		await appendUpdates(a.id, [new Uint8Array([1, 2, 3])], 5);
		const copy = await duplicateSession(a.id, { title: 'Deuxième groupe' });
		expect(copy).toMatchObject({ title: 'Deuxième groupe', kit: a.kit, agendaId: a.agendaId, place: a.place });
		expect(copy.id).not.toBe(a.id);
		expect(copy.syncKey).not.toBe(a.syncKey);
		expect((await loadUpdates(copy.id)).items).toEqual([]);
	});

	it('deletes a session with its updates and its own log', async () => {
		const a = await createSession(input);
		const b = await createSession(input);
		for (const s of [a, b]) {
			await appendUpdates(s.id, [new Uint8Array([1])], 1);
			await appendOwnLog([{ sessionId: s.id, contributionId: 'contribution-1', at: 1, record: { text: 'x' } }]);
		}
		await deleteSession(a.id);
		expect(await getSession(a.id)).toBeUndefined();
		expect(await countUpdates(a.id)).toBe(0);
		expect((await loadOwnLog(a.id)).items).toEqual([]);
		expect(await countUpdates(b.id)).toBe(1);
		expect((await loadOwnLog(b.id)).items).toHaveLength(1);
	});

	it('validates rows read back: damaged rows are skipped in lists and refused by get', async () => {
		const a = await createSession(input);
		await database().sessions.put({ ...a, id: 'damaged-row-1', syncKey: 'short' } as never);
		const list = await listSessions({ archived: 'all' });
		expect(list.items.map((s) => s.id)).toEqual([a.id]);
		expect(list.skipped).toBe(1);
		await expect(getSession('damaged-row-1')).rejects.toMatchObject({ code: 'corrupt', key: 'storage.error.corrupt', params: { table: 'sessions' } });
	});
});

describe('joining and keys', () => {
	it('stores a joined session with the inviter’s id and key, and updates only the key on a new invitation', async () => {
		const joined = await joinSession({ ...input, id: 'shared-session-id-01', syncKey: 'k'.repeat(22) }, { now: () => 7 });
		expect(joined).toMatchObject({ id: 'shared-session-id-01', syncKey: 'k'.repeat(22), title: 'Atelier Imaginer', createdAt: 7 });
		await updateSession(joined.id, { title: 'Renamed here' });
		const again = await joinSession({ ...input, id: 'shared-session-id-01', syncKey: 'n'.repeat(22) });
		expect(again).toMatchObject({ title: 'Renamed here', syncKey: 'n'.repeat(22) });
		await expect(joinSession({ ...input, id: 'shared-session-id-01', syncKey: 'too-short' })).rejects.toMatchObject({ code: 'invalidInput' });
	});

	it('rotates the sync key', async () => {
		const row = await createSession(input);
		const rotated = await rotateSyncKey(row.id);
		expect(rotated.syncKey).toMatch(syncKeyPattern);
		expect(rotated.syncKey).not.toBe(row.syncKey);
		expect((await getSession(row.id))?.syncKey).toBe(rotated.syncKey);
	});

	it('keeps one anonymous author id per session, removed with the session', async () => {
		const a = await createSession(input);
		const b = await createSession(input);
		const author = await sessionAuthorId(a.id);
		expect(await sessionAuthorId(a.id)).toBe(author);
		expect(await sessionAuthorId(b.id)).not.toBe(author);
		await deleteSession(a.id);
		expect(await getSetting(`session.${a.id}.authorId`, (await import('valibot')).string())).toBeUndefined();
	});
});

describe('settings', () => {
	it('creates the device id once and keeps it', async () => {
		const id = await deviceId(seeded(3));
		expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(await deviceId(seeded(4))).toBe(id);
		expect(await deviceName()).toBe('');
		await setDeviceName(' Station 3 ');
		expect(await deviceName()).toBe('Station 3');
		await expect(setDeviceName('x'.repeat(65))).rejects.toMatchObject({ code: 'invalidInput' });
	});
});

describe('kits', () => {
	it('stores kit versions side by side and lists them without archives', async () => {
		const base = { id: 'dialogue-ia', hash: 'b'.repeat(64), title: { 'fr-CA': 'Dialogue' }, summary: { 'fr-CA': 'Résumé' }, languages: ['fr-CA' as const], zip: new Uint8Array([80, 75]) };
		await putKit({ ...base, version: '1.0.0', importedAt: 1 });
		await putKit({ ...base, version: '1.1.0', importedAt: 2 });
		const list = await listKits();
		expect(list.items.map((k) => k.key)).toEqual(['dialogue-ia@1.1.0', 'dialogue-ia@1.0.0']);
		expect(list.items[0]).not.toHaveProperty('zip');
		expect((await getKit('dialogue-ia', '1.0.0'))?.zip).toEqual(new Uint8Array([80, 75]));
		await deleteKit('dialogue-ia', '1.0.0');
		expect(await getKit('dialogue-ia', '1.0.0')).toBeUndefined();
		await expect(putKit({ ...base, id: 'Bad Id', version: '1.0.0', importedAt: 1 })).rejects.toMatchObject({ code: 'invalidInput', params: { field: 'id' } });
	});
});

describe('updates', () => {
	it('appends, loads in order, and compacts atomically', async () => {
		const s = await createSession(input);
		await appendUpdates(s.id, [new Uint8Array([1]), new Uint8Array([2])], 1);
		await appendUpdates(s.id, [new Uint8Array([3])], 2);
		expect((await loadUpdates(s.id)).items).toEqual([new Uint8Array([1]), new Uint8Array([2]), new Uint8Array([3])]);
		const merged = await compactUpdates(s.id, (parts) => new Uint8Array(parts.flatMap((p) => [...p])), 3);
		expect(merged).toBe(3);
		expect((await loadUpdates(s.id)).items).toEqual([new Uint8Array([1, 2, 3])]);
	});

	it('leaves the rows untouched when compaction fails', async () => {
		const s = await createSession(input);
		await appendUpdates(s.id, [new Uint8Array([1]), new Uint8Array([2])], 1);
		await expect(
			compactUpdates(s.id, () => {
				throw new Error('merge failed');
			}, 2)
		).rejects.toMatchObject({ code: 'write' });
		expect((await loadUpdates(s.id)).items).toHaveLength(2);
	});

	it('turns a full disk into storage.error.full', async () => {
		const s = await createSession(input);
		vi.spyOn(database().updates, 'bulkAdd').mockRejectedValue(new DOMException('quota', 'QuotaExceededError'));
		await expect(appendUpdates(s.id, [new Uint8Array([1])], 1)).rejects.toMatchObject({ code: 'full', key: 'storage.error.full' });
	});

	it('maps nested and unknown errors', () => {
		expect(toStorageError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } }).code).toBe('full');
		expect(toStorageError({ name: 'MissingAPIError' }).code).toBe('unavailable');
		expect(toStorageError({ name: 'VersionError' }).code).toBe('blocked');
		expect(toStorageError(new Error('boom'), 'read').code).toBe('read');
	});
});
