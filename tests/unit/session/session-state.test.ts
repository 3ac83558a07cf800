import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { SessionError, SessionDocState } from '$lib/session';
import { createSession, getSession, resetDatabase, StorageError } from '$lib/storage';
import { clock, kit, must, seededRandom } from './session-fixtures';

const kitRef = { id: 'test-kit', version: '1.0.0', hash: 'd'.repeat(64) };

beforeEach(async () => {
	await resetDatabase();
});

describe('SessionDocState', () => {
	it('opens a stored session, writes the doc header, saves, and reopens with the same content', async () => {
		const row = await createSession({ title: 'Atelier', kit: kitRef, agendaId: 'main', language: 'fr-CA' });
		const c = clock();
		const session = await SessionDocState.open(row.id, { kit, now: c.now, random: seededRandom(3) });
		expect(session.meta).toMatchObject({ format: 1, sessionId: row.id, kitId: 'test-kit', kitVersion: '1.0.0', kitHash: kitRef.hash, agendaId: 'main' });
		expect(session.doc.getMap('meta').get('sessionId')).toBe(row.id);
		expect(JSON.stringify(session.doc.toJSON())).not.toContain(row.syncKey);
		const id = must(session.ops.addContribution({ activityId: 'board', text: 'Bonjour' }));
		expect(session.contributions().map((x) => x.id)).toEqual([id]);
		await session.persistence.flushed();
		expect(session.saveState).toBe('saved');
		expect(session.saveError).toBeNull();
		await session.updateMeta({ title: 'Atelier renommé' });
		expect(session.row.title).toBe('Atelier renommé');
		expect((await getSession(row.id))?.title).toBe('Atelier renommé');
		const authorId = session.model.authorId;
		await session.destroy();

		const again = await SessionDocState.open(row.id, { kit, now: c.now, random: seededRandom(4) });
		expect(again.contributions().map((x) => x.text)).toEqual(['Bonjour']);
		// The anonymous author id is stable per device and session.
		expect(again.model.authorId).toBe(authorId);
		await again.destroy();
	});

	it('refuses to open with the wrong kit, an unknown agenda or a missing session', async () => {
		const row = await createSession({ title: 'Atelier', kit: kitRef, agendaId: 'main', language: 'fr-CA' });
		await expect(SessionDocState.open(row.id, { kit: { ...kit, version: '2.0.0' } })).rejects.toMatchObject({
			code: 'kitMismatch',
			key: 'session.error.kitMismatch'
		});
		const odd = await createSession({ title: 'Atelier', kit: kitRef, agendaId: 'absent', language: 'fr-CA' });
		await expect(SessionDocState.open(odd.id, { kit })).rejects.toBeInstanceOf(SessionError);
		await expect(SessionDocState.open('missing-session', { kit })).rejects.toBeInstanceOf(StorageError);
	});

	it('opens with reads started earlier by prefetch, the same as without, and ignores a prefetch of another session', async () => {
		const row = await createSession({ title: 'Atelier', kit: kitRef, agendaId: 'main', language: 'fr-CA' });
		const other = await createSession({ title: 'Autre', kit: kitRef, agendaId: 'main', language: 'fr-CA' });
		const c = clock();
		const first = await SessionDocState.open(row.id, { kit, now: c.now, random: seededRandom(5) });
		must(first.ops.addContribution({ activityId: 'board', text: 'Gardée' }));
		await first.destroy();

		const prefetched = SessionDocState.prefetch(row.id);
		const session = await SessionDocState.open(row.id, { kit, now: c.now, random: seededRandom(6), prefetched });
		expect(session.row).toEqual(await getSession(row.id));
		expect(session.contributions().map((x) => x.text)).toEqual(['Gardée']);
		// Loaded from the prefetched rows, then saving as usual.
		must(session.ops.addContribution({ activityId: 'board', text: 'Ajoutée' }));
		await session.persistence.flushed();
		expect(session.saveState).toBe('saved');
		await session.destroy();

		const wrong = await SessionDocState.open(other.id, { kit, now: c.now, random: seededRandom(7), prefetched: SessionDocState.prefetch(row.id) });
		expect(wrong.row.id).toBe(other.id);
		expect(wrong.contributions()).toEqual([]);
		await wrong.destroy();

		const again = await SessionDocState.open(row.id, { kit, now: c.now, random: seededRandom(8) });
		expect(again.contributions().map((x) => x.text)).toEqual(['Gardée', 'Ajoutée']);
		await again.destroy();
		await expect(SessionDocState.open('missing-session', { kit, prefetched: SessionDocState.prefetch('missing-session') })).rejects.toBeInstanceOf(StorageError);
	});
});
