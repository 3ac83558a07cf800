/**
 * CSV as spreadsheets read it: RFC 4180 quoting, CRLF line ends, UTF-8 with a byte-order mark (so
 * Excel detects UTF-8 and keeps accents), and a choice of separator (French-locale Excel expects
 * `;`). Text cells that a spreadsheet would run as a formula (starting with = + - @, tab or
 * carriage return) get a leading apostrophe: participants' text must never execute in the
 * organiser's spreadsheet (CSV injection). Spreadsheets show that apostrophe (LibreOffice does),
 * which is why the .xlsx export exists: its cells are typed as text and need no guard.
 *
 * Ids are written untouched (`csvId`), so they match the JSON trace character for character: an
 * id holds only `[A-Za-z0-9_-]`, so it cannot carry a function call, and ids made by this app
 * start with a letter or digit (`randomId`). Anything else passed as an id is guarded as text.
 */
export type CsvSeparator = ',' | ';';
export const CSV_SEPARATORS: readonly CsvSeparator[] = [';', ','];

/** A record id: written as is when it has the shape of an id. */
export interface CsvId {
	readonly id: string;
}

export type CsvCell = string | number | boolean | null | CsvId;

/** Marks a cell as an id (see the module comment). */
export function csvId(id: string): CsvId {
	return { id };
}

const FORMULA_START = /^[=+\-@\t\r]/;
const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

/** Neutralises a cell a spreadsheet would treat as a formula. */
export function neutralise(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

function cellText(value: CsvCell): string {
	if (value === null) return '';
	// Numbers are written as is (a negative number is data, not a formula); text is neutralised.
	if (typeof value === 'number') return String(value);
	if (typeof value === 'boolean') return value ? '1' : '0';
	if (typeof value === 'object') return ID_SHAPE.test(value.id) ? value.id : neutralise(value.id);
	return neutralise(value);
}

function cell(value: CsvCell, separator: CsvSeparator): string {
	const text = cellText(value);
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
