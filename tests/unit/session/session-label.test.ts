import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readSnapshot, sessionMaps } from '$lib/session';
import { cleanLabelText, readSessionLabel, writeSessionLabel, writeTakeHomePublished } from '$lib/session/session-label';

function docWithMeta() {
	const doc = new Y.Doc();
	const meta = sessionMaps(doc).meta;
	doc.transact(() => {
		meta.set('format', 1);
		meta.set('sessionId', 'session-1');
		meta.set('kitId', 'kit');
		meta.set('kitVersion', '1.0.0');
		meta.set('kitHash', 'abcdef');
		meta.set('agendaId', 'agenda');
		meta.set('createdAt', 1000);
	});
	return { doc, meta };
}

describe('the session label in the doc header', () => {
	it('is empty in a doc an older app wrote, and never disturbs DocMeta', () => {
		const { doc, meta } = docWithMeta();
		expect(readSessionLabel(meta)).toEqual({ title: '', place: '', date: '', takeHomeAt: null });
		writeSessionLabel(meta, { title: 'Atelier de Matane', place: 'Salle communautaire', date: '2026-12-05' });
		expect(readSessionLabel(meta)).toEqual({ title: 'Atelier de Matane', place: 'Salle communautaire', date: '2026-12-05', takeHomeAt: null });
		expect(readSnapshot(doc).meta).toMatchObject({ sessionId: 'session-1', kitId: 'kit', agendaId: 'agenda' });
	});

	it('reads a peer’s bad values as empty, and cleans and bounds text', () => {
		const { meta } = docWithMeta();
		meta.set('label.title', 42);
		meta.set('label.place', 'Salle\u0000 du\n  fond');
		meta.set('label.date', 'demain');
		meta.set('label.takeHomeAt', -5);
		expect(readSessionLabel(meta)).toEqual({ title: '', place: 'Salle du fond', date: '', takeHomeAt: null });
		meta.set('label.title', 'x'.repeat(5000));
		expect(readSessionLabel(meta).title).toHaveLength(200);
		expect(cleanLabelText('  a\tb  ', 10)).toBe('a b');
	});

	it('writes only what changed, and the take-home publication once', () => {
		const { doc, meta } = docWithMeta();
		writeSessionLabel(meta, { title: 'Un', place: 'Ici' });
		let updates = 0;
		doc.on('update', () => updates++);
		doc.transact(() => writeSessionLabel(meta, { title: 'Un', place: 'Ici' }));
		expect(updates).toBe(0);
		doc.transact(() => writeSessionLabel(meta, { place: 'Là' }));
		expect(readSessionLabel(meta)).toMatchObject({ title: 'Un', place: 'Là' });
		expect(writeTakeHomePublished(meta, 5000)).toBe(true);
		expect(writeTakeHomePublished(meta, 9000)).toBe(false);
		expect(readSessionLabel(meta).takeHomeAt).toBe(5000);
	});
});
