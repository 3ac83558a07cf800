/**
 * CSV as spreadsheets read it: RFC 4180 quoting, CRLF line ends, UTF-8 with a byte-order mark (so
 * Excel detects UTF-8 and keeps accents), and a choice of separator (French-locale Excel expects
 * `;`). Cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage
 * return) get a leading apostrophe: participants' text must never execute in the organiser's
 * spreadsheet (CSV injection).
 */
export type CsvSeparator = ',' | ';';
export const CSV_SEPARATORS: readonly CsvSeparator[] = [';', ','];

export type CsvCell = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises a cell a spreadsheet would treat as a formula. */
export function neutralise(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

function cell(value: CsvCell, separator: CsvSeparator): string {
	// Numbers are written as is (a negative number is data, not a formula); text is neutralised.
	const text = value === null ? '' : typeof value === 'number' ? String(value) : typeof value === 'boolean' ? (value ? '1' : '0') : neutralise(value);
	return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text (BOM included) of a header row and data rows. */
export function writeCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>, separator: CsvSeparator): string {
	const lines = [header.map((h) => cell(h, separator)).join(separator)];
	for (const row of rows) lines.push(row.map((v) => cell(v, separator)).join(separator));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The separator a locale's spreadsheet expects by default. */
export function defaultSeparator(locale: string): CsvSeparator {
	return locale.startsWith('fr') ? ';' : ',';
}
