import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromBase64 } from 'lib0/buffer';
import { buildTrace, parseTrace, traceDocument, traceToJson, TRACE_FORMAT, TRACE_VERSION, type Trace } from '$lib/export';
import { translate } from '$lib/i18n';
import { fullSession, manifest, MINUTE, T0 } from './export-fixtures';

const EXPORTED_AT = T0 + 4 * 60 * MINUTE;
const FIXTURE = 'tests/unit/export/fixtures/session-trace.json';

function completeTrace() {
	const s = fullSession();
	return { s, trace: buildTrace({ session: s.info, kit: manifest, doc: s.doc, exportedAt: EXPORTED_AT, privacy: { authorNames: true, observerNotes: true } }) };
}

describe('the JSON trace', () => {
	it('is versioned and holds the agenda as run, every contribution with provenance and moderation flags', () => {
		const { s, trace } = completeTrace();
		expect(trace.format).toBe(TRACE_FORMAT);
		expect(trace.version).toBe(TRACE_VERSION);
		expect(trace.kit).toEqual({ id: manifest.id, version: manifest.version, hash: s.info.kit.hash, agendaId: 'prototyper' });
		const run = trace.agenda.find((a) => a.activityId === 'confiance-transparence')!;
		expect(run.firstStartedAt).toBe(T0 + 15 * MINUTE);
		expect(run.lastEndedAt).toBe(T0 + 43 * MINUTE);
		expect(trace.agenda.find((a) => a.activityId === 'registre')!.runs).toHaveLength(1);
		expect(trace.agenda.find((a) => a.activityId === 'pause')!.skipped).toBe(true);
		expect(trace.contributions).toHaveLength(9);
		const byId = new Map(trace.contributions.map((c) => [c.id, c]));
		expect(byId.get(s.ids.note0!)).toMatchObject({ activityId: 'confiance-transparence', stationId: 'confiance-transparence', categoryId: 'renforce', themeId: s.ids.theme, votes: 2, kind: 'note' });
		expect(byId.get(s.ids.note3!)).toMatchObject({ mergedInto: s.ids.note0 });
		expect(byId.get(s.ids.note5!)).toMatchObject({ hidden: true, deleted: false });
		expect(byId.get(s.ids.note6!)).toMatchObject({ deleted: true });
		expect(byId.get(s.ids.note1!)!.authorName).toBe('Marie Gagnon');
		expect(trace.groups.map((g) => g.caseId)).toEqual(['clavardage-811', 'clavardage-811', 'decrochage-scolaire']);
		expect(trace.caseAnswers.find((a) => a.citedCards.includes(s.ids.other!))).toBeDefined();
		expect(trace.checkins).toHaveLength(11);
		expect(trace.observerNotes).toHaveLength(1);
		expect(trace.followUp).toMatchObject({ who: 'Comité de la bibliothèque' });
		expect(trace.document).not.toBeNull();
	});

	it('is pseudonymous by default: no typed names, no observer notes, and then no document state', () => {
		const s = fullSession();
		const trace = buildTrace({ session: s.info, kit: manifest, doc: s.doc, exportedAt: EXPORTED_AT });
		expect(trace.privacy).toEqual({ authorNames: false, observerNotes: false });
		expect(trace.contributions.every((c) => c.authorName === null)).toBe(true);
		expect(trace.observerNotes).toBeNull();
		// The Yjs state would still hold the name and the note: it is left out.
		expect(trace.document).toBeNull();
		expect(traceToJson(trace)).not.toContain('Marie Gagnon');
		expect(traceToJson(trace)).not.toContain('glossaire');
	});

	it('keeps the document when privacy options remove nothing', () => {
		const s = fullSession();
		const trace = buildTrace({ session: s.info, kit: manifest, doc: s.doc, exportedAt: EXPORTED_AT, privacy: { authorNames: true, observerNotes: true } });
		expect(trace.document).not.toBeNull();
	});

	it('round-trips: export → import into a new doc → export gives an identical trace', () => {
		const { trace, s } = completeTrace();
		const json = traceToJson(trace);
		const parsed = parseTrace(json);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		const doc = traceDocument(parsed.value);
		expect(doc.ok).toBe(true);
		if (!doc.ok) return;
		const again = buildTrace({ session: s.info, kit: manifest, doc: doc.value, exportedAt: EXPORTED_AT, privacy: parsed.value.privacy });
		expect(traceToJson(again)).toBe(json);
	});

	it('matches the committed fixture used by the browser tests (regenerate with UPDATE_FIXTURES=1)', () => {
		const { trace } = completeTrace();
		const json = traceToJson(trace);
		if (process.env.UPDATE_FIXTURES === '1' || !existsSync(FIXTURE)) writeFileSync(FIXTURE, json);
		expect(readFileSync(FIXTURE, 'utf8')).toBe(json);
	});
});

describe('reading a trace file', () => {
	const valid = () => JSON.parse(traceToJson(completeTrace().trace)) as Trace;
	const messages = (input: string) => {
		const result = parseTrace(input);
		expect(result.ok).toBe(false);
		return result.ok ? [] : result.problem.detail.map((i) => translate('fr-CA', i.key, i.params));
	};

	it('refuses what is not a trace, with a clear message', () => {
		expect(messages('')).toEqual(['Le fichier est vide.']);
		expect(messages('{not json')).toEqual(['Ce fichier n’est pas du JSON lisible.']);
		expect(messages('{"format":"other"}')).toEqual(['Ce fichier n’est pas une trace de session Tablée.']);
		expect(messages(JSON.stringify({ ...valid(), version: 9 }))).toEqual(['Cette trace est en version 9, plus récente que la version 1 que lit cette version de Tablée. Mettez Tablée à jour pour la lire.']);
	});

	it('says plainly what is wrong with a version that is not the number 1 (never "version 1 … reads version 1")', () => {
		expect(messages(JSON.stringify({ ...valid(), version: '1' }))).toEqual([
			'La version de cette trace est écrite comme un texte (« 1 ») et non comme un nombre : le fichier a été modifié après son export. Tablée lit les traces où "version" vaut 1, sans guillemets.'
		]);
		const en = (input: string) => {
			const r = parseTrace(input);
			return r.ok ? [] : r.problem.detail.map((i) => translate('en', i.key, i.params));
		};
		expect(en(JSON.stringify({ ...valid(), version: '1' }))).toEqual(['This trace’s version is written as text (“1”), not as a number: the file was changed after it was exported. Tablée reads traces whose "version" is 1, without quotes.']);
		expect(messages(JSON.stringify({ ...valid(), version: 0 }))).toEqual(['La version de cette trace (0) n’est pas valide. Tablée lit les traces où "version" vaut 1.']);
		expect(messages(JSON.stringify({ ...valid(), version: 1.5 }))).toEqual(['La version de cette trace (1.5) n’est pas valide. Tablée lit les traces où "version" vaut 1.']);
		const { version: _omitted, ...noVersion } = valid();
		expect(messages(JSON.stringify(noVersion))).toEqual(['version : valeur manquante.']);
		expect(en(JSON.stringify({ ...valid(), version: 12 }))).toEqual(['This trace is version 12, newer than version 1, which this version of Tablée reads. Update Tablée to read it.']);
	});

	it('names the key path of every bad value', () => {
		const t = valid();
		t.contributions[2]!.text = 'x'.repeat(5000);
		t.contributions[4]!.kind = 'rumour' as never;
		(t.session as { language: string }).language = 'de';
		delete (t.groups[0] as Partial<Trace['groups'][number]>).name;
		expect(messages(JSON.stringify(t))).toEqual([
			'session.language : langue inconnue.',
			'contributions[2].text : texte trop long (4\u00a0000 caractères au plus).',
			'contributions[4].kind : type de contribution inconnu.',
			'groups[0].name : valeur manquante.'
		]);
	});

	it('refuses a document that belongs to another session', () => {
		const t = valid();
		t.session.id = 'anotherSession01';
		const parsed = parseTrace(JSON.stringify(t));
		expect(parsed.ok).toBe(true);
		if (parsed.ok) expect(traceDocument(parsed.value)).toEqual({ ok: false, problem: { key: 'export.import.mismatch' } });
		// A cut-off state: valid base64, broken Yjs update.
		t.document = t.document!.slice(0, 48);
		const broken = parseTrace(JSON.stringify(t));
		expect(broken.ok).toBe(true);
		if (broken.ok) expect(traceDocument(broken.value)).toEqual({ ok: false, problem: { key: 'export.import.corruptDocument' } });
	});

	it('the document state recreates the same records', () => {
		const { trace, s } = completeTrace();
		const doc = new Y.Doc();
		Y.applyUpdate(doc, fromBase64(trace.document!));
		expect(doc.getMap('contributions').size).toBe(s.doc.getMap('contributions').size);
	});
});
