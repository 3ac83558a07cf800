/**
 * The .xlsx export read back by an independent reader (read-excel-file, a dev dependency only):
 * every cell of both sheets must equal the table the CSV is written from, text untouched (no
 * formula guard), accents, quotes, tabs and line breaks included.
 */
import { unzipSync, strFromU8 } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { buildTrace, checkinTable, contributionsTable, groupWorkTable, isZip, parseTrace, readTraceBundle, traceBundle, traceToJson, traceXlsx, writeXlsx, xlsxString, type CsvCell } from '$lib/export';
import { strToU8, zipSync } from 'fflate';
import { fullSession, manifest, T0, TRICKY_TEXTS } from './export-fixtures';

const trace = (names = false) => {
	const s = fullSession();
	return buildTrace({ session: s.info, kit: manifest, doc: s.doc, exportedAt: T0 + 5 * 3_600_000, privacy: { authorNames: names } });
};

/** What a reader gives back for a table cell: text as text, numbers as numbers, empty as null. */
function expected(rows: readonly (readonly CsvCell[])[]): unknown[][] {
	return rows.map((row) => row.map((v) => (v === null || v === '' ? null : typeof v === 'object' ? v.id : typeof v === 'boolean' ? (v ? '1' : '0') : v)));
}

describe('the .xlsx export', () => {
	for (const locale of ['fr-CA', 'en'] as const) {
		it(`reads back cell for cell, every sheet (${locale})`, async () => {
			const t = trace(locale === 'en');
			const sheets = await readXlsxFile(Buffer.from(traceXlsx(t, manifest, { locale })), { trim: false });
			const contributions = contributionsTable(t, manifest, locale);
			const groups = groupWorkTable(t, manifest, locale);
			const checkins = checkinTable(t, manifest, locale);
			expect(sheets.map((s) => s.sheet)).toEqual(
				locale === 'fr-CA' ? ['Contributions', 'Cartes et cas des groupes', 'Auto-évaluation'] : ['Contributions', 'Groups’ cards and cases', 'Check-in']
			);
			expect(sheets[0]!.data).toEqual(expected([contributions.header, ...contributions.rows]));
			expect(sheets[1]!.data).toEqual(expected([groups.header, ...groups.rows]));
			expect(checkins.rows.length).toBeGreaterThan(0);
			expect(sheets[2]!.data).toEqual(expected([checkins.header, ...checkins.rows]));
		});
	}

	it('keeps participants’ text exactly: accents, line breaks, tabs, and formula-like text with no guard', async () => {
		const t = trace();
		const [sheet] = await readXlsxFile(Buffer.from(traceXlsx(t, manifest, { locale: 'fr-CA' })), { trim: false });
		const texts = sheet!.data.slice(1).map((row) => row[5]);
		expect(texts.slice(0, TRICKY_TEXTS.length)).toEqual(TRICKY_TEXTS);
		expect(texts).toContain('=HYPERLINK("http://exemple.test";"clic")');
		expect(texts).toContain('-2 points de confiance');
		expect(texts.some((x) => typeof x === 'string' && x.includes('\n'))).toBe(true);
		// Ids equal the JSON's, character for character.
		expect(sheet!.data.slice(1).map((row) => row[14])).toEqual(t.contributions.map((c) => c.id));
	});

	it('stores text as strings, never as formulas, and freezes a bold header row', () => {
		const parts = unzipSync(traceXlsx(trace(), manifest, { locale: 'fr-CA' }));
		const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
		expect(sheet).not.toContain('<f>');
		expect(sheet).toContain('state="frozen"');
		expect(strFromU8(parts['xl/sharedStrings.xml']!)).toContain('=HYPERLINK(&quot;http://exemple.test&quot;;&quot;clic&quot;)');
		expect(Object.keys(parts)[0]).toBe('[Content_Types].xml');
	});

	it('escapes what XML cannot hold and what looks like an escape, and a reader gets it back', async () => {
		const odd = ['retour\rchariot', 'nul\u0000et\u0007cloche', 'déjà _x0041_ écrit', 'fin _x005F_ aussi', 'emoji 🙂 et « guillemets »', '  espaces  ', 'a & b < c > d'];
		expect(xlsxString('a\rb')).toBe('a_x000D_b');
		expect(xlsxString('_x0041_')).toBe('_x005F_x0041_');
		const [sheet] = await readXlsxFile(Buffer.from(writeXlsx([{ name: 'Test', header: ['Texte'], rows: odd.map((x) => [x]) }])), { trim: false });
		expect(sheet!.data.slice(1).map((r) => r[0])).toEqual(odd);
	});

	it('refuses what a spreadsheet would change: a bad sheet name, a cell over 32,767 characters', () => {
		expect(() => writeXlsx([{ name: 'a/b', header: ['x'], rows: [] }])).toThrow(RangeError);
		expect(() => writeXlsx([{ name: 'x'.repeat(32), header: ['x'], rows: [] }])).toThrow(RangeError);
		expect(() => writeXlsx([{ name: 'ok', header: ['x'], rows: [['y'.repeat(32_768)]] }])).toThrow(RangeError);
	});

	it('is in the bundle, with the kit’s zip when given', () => {
		const t = trace();
		const kitZip = new Uint8Array([80, 75, 5, 6, ...new Array(18).fill(0)]);
		const files = unzipSync(traceBundle(t, manifest, { locale: 'fr-CA', separator: ';', kitZip }));
		const stem = 'tablee-2026-10-14-atelier-prototyper-rimouski';
		expect(Object.keys(files).sort()).toEqual([`${stem}-contributions.csv`, `${stem}-group-work.csv`, `${stem}-summary.html`, `${stem}.json`, `${stem}.xlsx`, `kit-${t.kit.id}-${t.kit.version}.zip`].sort());
		expect(files[`kit-${t.kit.id}-${t.kit.version}.zip`]).toEqual(kitZip);
		expect(Buffer.from(files[`${stem}.xlsx`]!).equals(Buffer.from(traceXlsx(t, manifest, { locale: 'fr-CA' })))).toBe(true);
	});
});

describe('reading a bundle back', () => {
	it('finds the trace and the kit zip, and nothing else is inflated', () => {
		const t = trace();
		const kitZip = zipSync({ 'kit.json': strToU8('{}') });
		const bundle = traceBundle(t, manifest, { locale: 'fr-CA', separator: ';', kitZip });
		expect(isZip(bundle)).toBe(true);
		const read = readTraceBundle(bundle);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(new TextDecoder().decode(read.value.trace)).toBe(traceToJson(t));
		expect(read.value.kitZip).toEqual(kitZip);
		expect(parseTrace(read.value.trace).ok).toBe(true);
	});

	it('reads a bundle without a kit, and refuses a zip without exactly one trace or a broken zip', () => {
		const t = trace();
		const read = readTraceBundle(traceBundle(t, manifest, { locale: 'fr-CA', separator: ';' }));
		expect(read.ok && read.value.kitZip).toBeNull();
		expect(readTraceBundle(zipSync({ 'a.txt': strToU8('x') }))).toEqual({ ok: false, problem: { key: 'export.issue.bundleNoTrace', params: {}, detail: [{ path: '', key: 'export.issue.bundleNoTrace', params: {} }] } });
		expect(readTraceBundle(zipSync({ 'a.json': strToU8('{}'), 'b.json': strToU8('{}') })).ok).toBe(false);
		expect(readTraceBundle(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]))).toEqual({ ok: false, problem: { key: 'export.issue.badBundle', params: {}, detail: [{ path: '', key: 'export.issue.badBundle', params: {} }] } });
		expect(isZip(strToU8('{"format":"tablee-trace"}'))).toBe(false);
	});
});
