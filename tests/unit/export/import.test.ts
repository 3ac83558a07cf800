import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildTrace, importTrace, loadSessionDoc, parseTrace, traceToJson } from '$lib/export';
import { readSnapshot } from '$lib/session';
import { countUpdates, getSession, resetDatabase } from '$lib/storage';
import { fullSession, manifest, must, seededRandom, T0 } from './export-fixtures';

const EXPORTED_AT = T0 + 5 * 3_600_000;
const full = { authorNames: true, observerNotes: true };

beforeEach(async () => {
	await resetDatabase();
});
afterEach(async () => {
	await resetDatabase();
});

describe('importing a trace into this device', () => {
	it('creates an unknown session, and re-exporting it gives the identical trace', async () => {
		const s = fullSession();
		const trace = buildTrace({ session: s.info, kit: manifest, doc: s.doc, exportedAt: EXPORTED_AT, privacy: full });
		const result = await importTrace(trace, { random: seededRandom(3), now: () => EXPORTED_AT });
		expect(result).toEqual({ ok: true, value: { sessionId: s.info.id, created: true, changed: true } });
		const row = (await getSession(s.info.id))!;
		expect(row).toMatchObject({ title: s.info.title, place: s.info.place, date: s.info.date, agendaId: 'prototyper', kit: s.info.kit, facilitators: s.info.facilitators });
		expect(row.syncKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
		const doc = await loadSessionDoc(s.info.id);
		const again = buildTrace({ session: row, kit: manifest, doc, exportedAt: EXPORTED_AT, privacy: full });
		expect(traceToJson(again)).toBe(traceToJson(trace));
	});

	it('merges into a session already here without duplicates, and a second import changes nothing', async () => {
		const s = fullSession();
		const trace = buildTrace({ session: s.info, kit: manifest, doc: s.doc, exportedAt: EXPORTED_AT, privacy: full });
		must(await importTrace(trace).then((r) => (r.ok ? r : { ok: false as const, problem: { detail: r.problem.key } })));
		// Meanwhile another tablet kept writing on its copy: two new notes, one moderation change.
		const later = fullSession();
		later.doc.clientID = 2002;
		Y.applyUpdate(later.doc, Y.encodeStateAsUpdate(s.doc));
		const n1 = must(later.model.addContribution({ activityId: 'registre', stationId: 'registre-impressions', text: 'Ajout plus tard, tablette 2' }));
		must(later.model.addContribution({ activityId: 'registre', stationId: 'registre-impressions', text: 'Encore un ajout' }));
		must(later.model.hideContribution(n1));
		const newer = buildTrace({ session: s.info, kit: manifest, doc: later.doc, exportedAt: EXPORTED_AT, privacy: full });

		const before = await countUpdates(s.info.id);
		const merged = await importTrace(newer);
		expect(merged).toEqual({ ok: true, value: { sessionId: s.info.id, created: false, changed: true } });
		const doc = await loadSessionDoc(s.info.id);
		const snapshot = readSnapshot(doc);
		expect(snapshot.contributions).toHaveLength(trace.contributions.length + 2);
		expect(new Set(snapshot.contributions.map((c) => c.id)).size).toBe(snapshot.contributions.length);
		expect(snapshot.contributions.find((c) => c.id === n1)!.hidden).toBe(true);
		expect(await countUpdates(s.info.id)).toBe(before + 1);

		// The same file again, and the older file: nothing new, nothing stored.
		expect(await importTrace(newer)).toEqual({ ok: true, value: { sessionId: s.info.id, created: false, changed: false } });
		expect(await importTrace(trace)).toEqual({ ok: true, value: { sessionId: s.info.id, created: false, changed: false } });
		expect(await countUpdates(s.info.id)).toBe(before + 1);
	});

	it('refuses a trace exported without its document, leaving the device untouched', async () => {
		const s = fullSession();
		const trace = buildTrace({ session: s.info, kit: manifest, doc: s.doc, exportedAt: EXPORTED_AT });
		const parsed = parseTrace(traceToJson(trace));
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(await importTrace(parsed.value)).toEqual({ ok: false, problem: { key: 'export.import.noDocument' } });
		expect(await getSession(s.info.id)).toBeUndefined();
	});
});
