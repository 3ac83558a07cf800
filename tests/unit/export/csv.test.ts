import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildTrace, checkinCsv, contributionsCsv, csvId, defaultSeparator, groupWorkCsv, neutralise, writeCsv } from '$lib/export';
import { fullSession, manifest, T0, TRICKY_TEXTS } from './export-fixtures';

const trace = (names = false) => {
	const s = fullSession();
	return { s, trace: buildTrace({ session: s.info, kit: manifest, doc: s.doc, exportedAt: T0 + 5 * 3_600_000, privacy: { authorNames: names } }) };
};

function read(csv: string, delimiter: string): string[][] {
	expect(csv.startsWith('\uFEFF')).toBe(true);
	return parse(csv, { bom: true, delimiter, relax_column_count: false }) as string[][];
}

describe('CSV of contributions', () => {
	for (const separator of [';', ','] as const) {
		it(`reads back with every accent, quote, newline and formula-like text intact (separator "${separator}")`, () => {
			const { trace: t } = trace();
			const rows = read(contributionsCsv(t, manifest, { locale: 'fr-CA', separator }), separator);
			const [header, ...data] = rows;
			expect(header).toEqual(['Activité', 'Station', 'Catégorie', 'Équipe', 'Type', 'Texte', 'Votes', 'Thème', 'Heure', 'Auteur (pseudonyme)', 'Appareil', 'Masquée', 'Supprimée', 'Fusionnée dans', 'Identifiant']);
			expect(data).toHaveLength(t.contributions.length);
			const texts = data.map((r) => r[5]);
			// Formula-like cells carry a leading apostrophe; everything else is byte-identical.
			expect(texts.slice(0, TRICKY_TEXTS.length)).toEqual(TRICKY_TEXTS.map((x) => (/^[=+\-@\t\r]/.test(x) ? `'${x}` : x)));
			expect(texts[2]).toBe(`'=HYPERLINK("http://exemple.test";"clic")`);
			expect(texts[1]).toContain('\n');
			const first = data[0]!;
			expect(first.slice(0, 8)).toEqual(['Confiance et transparence', 'Confiance et transparence', 'Renforce la confiance', '', 'Note', TRICKY_TEXTS[0], '2', 'Reddition de comptes']);
			// Moderation is flagged, not removed.
			expect(data[5]![11]).toBe('oui');
			expect(data[6]![12]).toBe('oui');
			expect(data[3]![13]).toBe(t.contributions[0]!.id);
		});
	}

	it('adds the typed-name column only when names are included, and switches language', () => {
		expect(read(contributionsCsv(trace().trace, manifest, { locale: 'fr-CA', separator: ';' }), ';').flat()).not.toContain('Marie Gagnon');
		const rows = read(contributionsCsv(trace(true).trace, manifest, { locale: 'en', separator: ',' }), ',');
		expect(rows[0]).toContain('Typed name');
		expect(rows[0]![0]).toBe('Activity');
		expect(rows.flat()).toContain('Marie Gagnon');
	});

	it('writes group work: kept cards (with dimension), "other" cards and case answers with cited cards', () => {
		const { trace: t } = trace();
		const rows = read(groupWorkCsv(t, manifest, { locale: 'fr-CA', separator: ';' }), ';');
		expect(rows[0]).toEqual(['Élément', 'Équipe', 'Dimension', 'Carte', 'Cas', 'Question', 'Texte', 'Cartes citées', 'Heure']);
		expect(rows.filter((r) => r[0] === 'Carte retenue')).toHaveLength(13);
		expect(rows.find((r) => r[0] === 'Carte « autre » retenue')).toMatchObject({ 1: 'Table 2', 3: 'Droit de refus' });
		const answers = rows.filter((r) => r[0] === 'Réponse au cas');
		expect(answers).toHaveLength(6);
		expect(answers.find((r) => r[7]!.includes('Droit de refus'))![1]).toBe('Table 2');
	});

	it('writes check-in answers naming each check-in and the question it asked', () => {
		const { trace: t } = trace();
		const rows = read(checkinCsv(t, manifest, { locale: 'fr-CA', separator: ';' }), ';');
		expect(rows[0]).toEqual(['Moment', 'Activité', 'Question', 'Réponse', 'Valeur', 'Heure']);
		const start = rows.filter((r) => r[0] === 'Au début');
		const end = rows.filter((r) => r[0] === 'À la fin');
		expect(start.length + end.length).toBe(t.checkins.length);
		expect(end).toHaveLength(5);
		expect(new Set(start.map((r) => `${r[1]} | ${r[2]}`))).toEqual(
			new Set(['Où en êtes-vous? (début) | En arrivant, comment évaluez-vous vos connaissances sur l\'IA dans les services publics?'])
		);
		expect(new Set(end.map((r) => `${r[1]} | ${r[2]}`))).toEqual(
			new Set(['Où en êtes-vous? (fin) | Après cet atelier, comment évaluez-vous vos connaissances sur l\'IA dans les services publics?'])
		);
		expect(start.find((r) => r[4] === '1')?.[3]).toBe('Très faibles');
	});
});

describe('ids in the CSV', () => {
	it('are written untouched, so every id matches the JSON trace', () => {
		const { trace: t } = trace();
		const rows = read(contributionsCsv(t, manifest, { locale: 'fr-CA', separator: ';' }), ';').slice(1);
		rows.forEach((row, i) => {
			const c = t.contributions[i]!;
			expect([row[9], row[10], row[13], row[14]]).toEqual([c.authorId, c.deviceId, c.mergedInto ?? '', c.id]);
		});
	});

	it('keeps an old id that starts with "-" as it is (an id cannot hold a formula), but guards anything else passed as an id', () => {
		expect(writeCsv(['id'], [[csvId('-A1b2C3d4e5')], [csvId('=1+1')], [csvId('-1 + cmd|x')]], ',')).toBe("\uFEFFid\r\n-A1b2C3d4e5\r\n'=1+1\r\n'-1 + cmd|x\r\n");
		// The same text as a plain text cell is guarded.
		expect(writeCsv(['text'], [['-A1b2C3d4e5']], ',')).toBe("\uFEFFtext\r\n'-A1b2C3d4e5\r\n");
	});
});

describe('CSV writer', () => {
	it('neutralises formula starts and quotes per RFC 4180', () => {
		expect(['=1', '+1', '-1', '@a', '\tx', '\rx', 'a=b'].map(neutralise)).toEqual(["'=1", "'+1", "'-1", "'@a", "'\tx", "'\rx", 'a=b']);
		expect(writeCsv(['a', 'b'], [['x;y', 'he said "hi"'], [-3, null]], ';')).toBe('\uFEFFa;b\r\n"x;y";"he said ""hi"""\r\n-3;\r\n');
		expect(defaultSeparator('fr-CA')).toBe(';');
		expect(defaultSeparator('en')).toBe(',');
	});
});
