/**
 * Reference-data CSV: UTF-8, comma-separated, RFC 4180 quoting, a header row naming exactly the
 * declared column keys (in any order). One parser serves validation and display so that what
 * `kit:check` accepts is exactly what the tablets show.
 */
import type { MessageKey } from '../i18n/catalogs';
import { fail, type Problem, type Result } from '../result';
import { KIT_LIMITS, type KitReference } from './kit-schema';
import type { KitPackage } from './kit-types';

export type CsvResult = Result<string[][], Problem<MessageKey>>;

/**
 * Splits RFC 4180 text into records. Accepts CRLF or LF line ends and skips empty lines (a
 * trailing newline is common and carries no data).
 */
export function parseCsvRecords(text: string): CsvResult {
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let line = 1;
	let atFieldStart = true;
	let lineHasContent = false;
	const n = text.length;
	let i = 0;
	const endRecord = () => {
		if (lineHasContent) {
			record.push(field);
			records.push(record);
		}
		record = [];
		field = '';
		atFieldStart = true;
		lineHasContent = false;
	};
	while (i < n) {
		const c = text[i]!;
		if (c === '"' && atFieldStart) {
			const startLine = line;
			lineHasContent = true;
			atFieldStart = false;
			i++;
			for (;;) {
				if (i >= n) return fail('kits.issue.csvUnclosedQuote', { line: startLine });
				const q = text[i]!;
				if (q === '"') {
					if (text[i + 1] === '"') {
						field += '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (q === '\n') line++;
				field += q;
				i++;
			}
			const next = text[i];
			if (next !== undefined && next !== ',' && next !== '\n' && !(next === '\r' && text[i + 1] === '\n')) {
				return fail('kits.issue.csvQuote', { line });
			}
			continue;
		}
		if (c === ',') {
			record.push(field);
			field = '';
			atFieldStart = true;
			lineHasContent = true;
			i++;
			continue;
		}
		if (c === '\r' && text[i + 1] === '\n') {
			i++;
			continue;
		}
		if (c === '\n') {
			endRecord();
			line++;
			i++;
			continue;
		}
		if (c === '"' || c === '\r') return fail('kits.issue.csvQuote', { line });
		field += c;
		atFieldStart = false;
		lineHasContent = true;
		i++;
	}
	endRecord();
	return { ok: true, value: records };
}

export type ReferenceTable = { columns: KitReference['columns']; rows: Record<string, string>[] };
export type ReferenceCsvResult = Result<ReferenceTable, Problem<MessageKey>>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes and checks one reference CSV against its declared columns. */
export function readReferenceCsv(bytes: Uint8Array, ref: KitReference): ReferenceCsvResult {
	if (bytes.length > KIT_LIMITS.csvBytes) return fail('kits.issue.fileTooLarge', { max: KIT_LIMITS.csvBytes, size: bytes.length });
	let text: string;
	try {
		text = utf8.decode(bytes);
	} catch {
		return fail('kits.issue.encoding');
	}
	if (text.startsWith('\uFEFF')) text = text.slice(1);
	const parsed = parseCsvRecords(text);
	if (!parsed.ok) return parsed;
	const [header, ...body] = parsed.value;
	if (!header) return fail('kits.issue.csvEmpty');
	const declared = ref.columns.map((c) => c.key);
	const names = header.map((h) => h.trim());
	const missing = declared.filter((k) => !names.includes(k));
	const extra = names.filter((k) => !declared.includes(k));
	const duplicated = names.filter((k, i) => names.indexOf(k) !== i);
	if (missing.length > 0 || extra.length > 0 || duplicated.length > 0) {
		return fail('kits.issue.csvHeader', { expected: declared.join(', '), found: names.join(', ') });
	}
	if (body.length > KIT_LIMITS.csvRows) return fail('kits.issue.csvTooManyRows', { max: KIT_LIMITS.csvRows, count: body.length });
	const rows: Record<string, string>[] = [];
	for (const [index, record] of body.entries()) {
		if (record.length !== names.length) {
			return fail('kits.issue.csvFieldCount', { row: index + 2, expected: names.length, count: record.length });
		}
		const row: Record<string, string> = {};
		for (const [col, name] of names.entries()) row[name] = record[col]!;
		rows.push(row);
	}
	return { ok: true, value: { columns: ref.columns, rows } };
}

/**
 * The rows of a reference of a validated kit, keyed by column key, with the columns in declared
 * order. Throws only if the kit was not produced by `parseKit` (which checks every reference).
 */
export function parseReferenceCsv(kit: KitPackage, ref: KitReference): ReferenceTable {
	const bytes = kit.files.get(ref.file);
	if (!bytes) throw new Error(`Kit ${kit.manifest.id}: missing reference file ${ref.file}`);
	const result = readReferenceCsv(bytes, ref);
	if (!result.ok) throw new Error(`Kit ${kit.manifest.id}: invalid reference file ${ref.file} (${result.problem.key})`);
	return result.value;
}
