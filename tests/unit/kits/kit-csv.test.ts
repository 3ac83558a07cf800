import { describe, expect, it } from 'vitest';
import { parseKit, parseReferenceCsv, KIT_LIMITS } from '$lib/kits';
import { parseCsvRecords, readReferenceCsv } from '$lib/kits/kit-csv';
import { fixtureFiles, text } from './kit-test-helpers';

describe('parseCsvRecords (RFC 4180)', () => {
	it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF', () => {
		const result = parseCsvRecords('a,b,c\r\n"1,5","dit ""oui""","deux\r\nlignes"\n,,\n');
		expect(result).toEqual({ ok: true, value: [['a', 'b', 'c'], ['1,5', 'dit "oui"', 'deux\r\nlignes'], ['', '', '']] });
	});

	it('skips empty lines and accepts a missing final newline', () => {
		expect(parseCsvRecords('a,b\n\n1,2')).toEqual({ ok: true, value: [['a', 'b'], ['1', '2']] });
		expect(parseCsvRecords('')).toEqual({ ok: true, value: [] });
	});

	it('keeps an empty quoted field and a quoted field after a comma', () => {
		expect(parseCsvRecords('"",x,"y"')).toEqual({ ok: true, value: [['', 'x', 'y']] });
	});

	it('refuses stray quotes and unclosed quotes, with the line', () => {
		expect(parseCsvRecords('a,b\n1,x"y\n')).toEqual({ ok: false, problem: { key: 'kits.issue.csvQuote', params: { line: 2 } } });
		expect(parseCsvRecords('a,b\n"1"x,2\n')).toEqual({ ok: false, problem: { key: 'kits.issue.csvQuote', params: { line: 2 } } });
		expect(parseCsvRecords('a,b\n1,2\n"3,4\n')).toEqual({ ok: false, problem: { key: 'kits.issue.csvUnclosedQuote', params: { line: 3 } } });
	});
});

describe('reference CSV files', () => {
	const kit = () => {
		const result = parseKit(fixtureFiles('complete'));
		if (!result.ok) throw new Error('fixture invalid');
		return result.value;
	};

	it('gives rows keyed by column, columns in declared order', () => {
		const k = kit();
		const table = parseReferenceCsv(k, k.manifest.references[0]!);
		expect(table.columns.map((c) => c.key)).toEqual(['organisme', 'systeme', 'usage']);
		expect(table.rows).toEqual([
			{ organisme: 'Ministère A', systeme: 'Tri des demandes', usage: 'Classe les demandes, par urgence' },
			{ organisme: 'Organisme B', systeme: 'Agent conversationnel', usage: 'Répond aux questions "fréquentes"' }
		]);
	});

	it('accepts the header in any order and a byte order mark', () => {
		const ref = kit().manifest.references[0]!;
		const result = readReferenceCsv(text('\uFEFFusage,organisme,systeme\nu,o,s\n'), ref);
		expect(result).toEqual({ ok: true, value: { columns: ref.columns, rows: [{ usage: 'u', organisme: 'o', systeme: 's' }] } });
	});

	it('refuses duplicated or missing header names', () => {
		const ref = kit().manifest.references[0]!;
		expect(readReferenceCsv(text('organisme,organisme,usage\n'), ref)).toMatchObject({ ok: false, problem: { key: 'kits.issue.csvHeader' } });
		expect(readReferenceCsv(text(''), ref)).toMatchObject({ ok: false, problem: { key: 'kits.issue.csvEmpty' } });
	});

	it('counts rows against the limit', () => {
		const ref = kit().manifest.references[0]!;
		const rows = 'a,b,c\n'.repeat(KIT_LIMITS.csvRows);
		expect(readReferenceCsv(text(`organisme,systeme,usage\n${rows}`), ref)).toMatchObject({ ok: true });
		expect(readReferenceCsv(text(`organisme,systeme,usage\n${rows}a,b,c\n`), ref)).toMatchObject({ ok: false, problem: { key: 'kits.issue.csvTooManyRows' } });
	});

	it('refuses files over the size limit before decoding', () => {
		const ref = kit().manifest.references[0]!;
		expect(readReferenceCsv(new Uint8Array(KIT_LIMITS.csvBytes + 1), ref)).toMatchObject({ ok: false, problem: { key: 'kits.issue.fileTooLarge' } });
	});
});
