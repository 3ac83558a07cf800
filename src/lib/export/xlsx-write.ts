/**
 * A spreadsheet file (.xlsx, Office Open XML SpreadsheetML) written by hand with fflate, which the
 * app already uses for zips. Why not a library: the smallest maintained writer on npm
 * (write-excel-file) is about 70 KB minified for features this export does not use, and it drops
 * characters XML cannot hold and does not escape text that looks like Excel's `_xHHHH_` escapes;
 * an export that goes back to participants must carry their text exactly. What is written here
 * is the minimum Excel, LibreOffice and other readers need, and nothing else:
 *
 * - every text cell is a shared string (`t="s"`): a string cell is never read as a formula, so
 *   unlike the CSV no guard character is needed and `=`, `+`, `-`, `@` stay as typed;
 * - text is UTF-8 XML (accents need no encoding choice); line breaks are kept and shown
 *   (wrap-text style); characters XML cannot hold (control characters, a carriage return, which
 *   XML would turn into a line feed) are written as `_xHHHH_`, and a literal `_xHHHH_` in the text
 *   has its `_` escaped (`_x005F_`), as the format specifies (ECMA-376 Part 1, 22.9.2.19);
 * - numbers are number cells; the header row is bold and frozen.
 *
 * The same sheets and bytes for the same input (fixed zip dates, sorted entries).
 */
import { strToU8, zipSync, type ZipOptions } from 'fflate';
import type { CsvCell } from './csv-write';

export interface XlsxSheet {
	/** Shown on the sheet's tab; at most 31 characters, none of `[]:*?/\` (checked). */
	name: string;
	header: readonly string[];
	rows: readonly (readonly CsvCell[])[];
	/** Column widths in characters (Excel's unit), by column index; default width otherwise. */
	widths?: readonly number[];
}

/** Excel's limit on one cell; the session's limits keep every text far below it. */
export const XLSX_CELL_CHARACTERS = 32_767;

const FIXED_DATE = new Date(2000, 0, 1, 0, 0, 0);
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Style ids in styles.xml: 0 default, 1 text (wrapped, top-aligned), 2 header (bold, wrapped). */
const STYLE_TEXT = 1;
const STYLE_HEADER = 2;

function escapeXml(text: string): string {
	return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/**
 * Text as an `ST_Xstring`: `_xHHHH_` for characters XML 1.0 cannot hold or would change (C0
 * controls other than tab and line feed, carriage return, U+FFFE, U+FFFF, lone surrogates), and
 * `_x005F_` before a literal `_xHHHH_` so readers do not decode it.
 */
export function xlsxString(text: string): string {
	const hex = (code: number) => `_x${code.toString(16).toUpperCase().padStart(4, '0')}_`;
	const escaped = text
		.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
		.replace(/[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, (c) => hex(c.charCodeAt(0)));
	return escapeXml(escaped);
}

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}

const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/;

class SharedStrings {
	readonly #index = new Map<string, number>();
	readonly #list: string[] = [];
	count = 0;

	id(text: string): number {
		if (text.length > XLSX_CELL_CHARACTERS) throw new RangeError(`A cell holds at most ${XLSX_CELL_CHARACTERS} characters (got ${text.length}).`);
		this.count++;
		let id = this.#index.get(text);
		if (id === undefined) {
			id = this.#list.length;
			this.#list.push(text);
			this.#index.set(text, id);
		}
		return id;
	}

	xml(): string {
		const items = this.#list.map((s) => `<si><t xml:space="preserve">${xlsxString(s)}</t></si>`).join('');
		return `${XML_HEAD}<sst xmlns="${MAIN}" count="${this.count}" uniqueCount="${this.#list.length}">${items}</sst>`;
	}
}

function cellXml(ref: string, value: CsvCell, strings: SharedStrings, style: number): string {
	if (value === null || value === '') return '';
	if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"><v>${value}</v></c>` : '';
	const text = typeof value === 'boolean' ? (value ? '1' : '0') : typeof value === 'object' ? value.id : value;
	return `<c r="${ref}" s="${style}" t="s"><v>${strings.id(text)}</v></c>`;
}

function sheetXml(sheet: XlsxSheet, strings: SharedStrings): string {
	const rows = [sheet.header, ...sheet.rows].map((row, r) => {
		const style = r === 0 ? STYLE_HEADER : STYLE_TEXT;
		const cells = row.map((value, c) => cellXml(`${columnName(c)}${r + 1}`, value, strings, style)).join('');
		return `<row r="${r + 1}">${cells}</row>`;
	});
	const widths = sheet.widths ?? [];
	const cols = widths.length === 0 ? '' : `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`;
	// The header row stays visible while scrolling.
	const view = '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>';
	return `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${view}<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>${rows.join('')}</sheetData></worksheet>`;
}

const STYLES =
	`${XML_HEAD}<styleSheet xmlns="${MAIN}">` +
	'<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
	'<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
	'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
	'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
	'<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
	'<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
	'<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>' +
	'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** The files of the .xlsx package, by path (exposed for tests). */
export function xlsxParts(sheets: readonly XlsxSheet[]): Record<string, string> {
	if (sheets.length === 0) throw new RangeError('A workbook needs at least one sheet.');
	const names = new Set<string>();
	for (const sheet of sheets) {
		if (sheet.name === '' || sheet.name.length > 31 || SHEET_NAME_FORBIDDEN.test(sheet.name)) throw new RangeError(`Invalid sheet name: ${sheet.name}`);
		if (names.has(sheet.name.toLowerCase())) throw new RangeError(`Duplicate sheet name: ${sheet.name}`);
		names.add(sheet.name.toLowerCase());
	}
	const strings = new SharedStrings();
	const parts: Record<string, string> = {};
	sheets.forEach((sheet, i) => (parts[`xl/worksheets/sheet${i + 1}.xml`] = sheetXml(sheet, strings)));
	const n = sheets.length;
	parts['[Content_Types].xml'] =
		`${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
		'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
		sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
		'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
		'<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>';
	parts['_rels/.rels'] = `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
	parts['xl/workbook.xml'] =
		`${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>` +
		sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
		'</sheets></workbook>';
	parts['xl/_rels/workbook.xml.rels'] =
		`${XML_HEAD}<Relationships xmlns="${PKG_REL}">` +
		sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
		`<Relationship Id="rId${n + 1}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId${n + 2}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
	parts['xl/sharedStrings.xml'] = strings.xml();
	parts['xl/styles.xml'] = STYLES;
	return parts;
}

/** The .xlsx file's bytes. */
export function writeXlsx(sheets: readonly XlsxSheet[]): Uint8Array {
	const parts = xlsxParts(sheets);
	const input: Record<string, [Uint8Array, ZipOptions]> = {};
	// [Content_Types].xml first, as Office writes it (some readers look for it there).
	const names = Object.keys(parts).sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : 1));
	for (const name of names) input[name] = [strToU8(parts[name]!), { level: 6, mtime: FIXED_DATE, os: 0, attrs: 0 }];
	return zipSync(input);
}
