import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { DATABASE_NAME, deleteDraft, getDraft, listDrafts, putDraft, resetDatabase, TableeDatabase, StorageError, database } from '$lib/storage';

afterEach(async () => {
	await resetDatabase();
});

const draft = (id: string, updatedAt: number) => ({
	id,
	updatedAt,
	manifest: { id: 'ma-trousse', title: { 'fr-CA': 'Ma trousse' }, agendas: [] },
	files: { 'posters/a.fr-CA.md': new TextEncoder().encode('# A\n') },
	base: { id: 'ma-trousse', version: '1.0.0', hash: 'abcdef0123456789' }
});

describe('drafts', () => {
	it('stores, lists newest first, reads back bytes and deletes', async () => {
		await putDraft(draft('draft-aaaaaaaa', 1));
		await putDraft(draft('draft-bbbbbbbb', 2));
		const list = await listDrafts();
		expect(list.items.map((d) => d.id)).toEqual(['draft-bbbbbbbb', 'draft-aaaaaaaa']);
		const back = await getDraft('draft-aaaaaaaa');
		expect(new TextDecoder().decode(back!.files['posters/a.fr-CA.md'])).toBe('# A\n');
		await deleteDraft('draft-aaaaaaaa');
		expect(await getDraft('draft-aaaaaaaa')).toBeUndefined();
	});

	it('refuses a malformed draft and skips a damaged row', async () => {
		await expect(putDraft({ ...draft('x', 1) })).rejects.toBeInstanceOf(StorageError);
		await database().drafts.put({ id: 'draft-cccccccc', updatedAt: 3, manifest: 'nope', files: {} } as never);
		await putDraft(draft('draft-dddddddd', 4));
		const list = await listDrafts();
		expect(list.items.map((d) => d.id)).toEqual(['draft-dddddddd']);
		expect(list.skipped).toBe(1);
		await expect(getDraft('draft-cccccccc')).rejects.toBeInstanceOf(StorageError);
	});

	it('a database of version 1 upgrades and keeps its rows', async () => {
		await resetDatabase();
		const old = new Dexie(DATABASE_NAME);
		old.version(1).stores({ kits: '&key, id', sessions: '&id, updatedAt', updates: '++seq, sessionId', ownLog: '++seq, sessionId', settings: '&key' });
		await old.table('settings').put({ key: 'deviceName', value: 'Tablette 3' });
		old.close();
		const db = new TableeDatabase();
		expect((await db.table('settings').get('deviceName'))?.value).toBe('Tablette 3');
		await db.drafts.put(draft('draft-eeeeeeee', 5));
		expect(await db.drafts.count()).toBe(1);
		expect(db.verno).toBe(2);
		db.close();
	});
});
