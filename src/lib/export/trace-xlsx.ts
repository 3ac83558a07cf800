/**
 * The trace as one spreadsheet file: the contributions sheet and the group-work sheet, the same
 * columns and rows as the two CSV files, with cells typed as text or numbers (see xlsx-write.ts).
 */
import { translate, type Locale } from '$lib/i18n';
import type { KitManifest } from '$lib/kits';
import { checkinTable, contributionsTable, groupWorkTable } from './trace-csv';
import type { Trace } from './trace-schema';
import { writeXlsx, type XlsxSheet } from './xlsx-write';

export interface XlsxOptions {
	locale: Locale;
}

/** The sheets of the trace: contributions, group work, check-in answers (exposed for tests). */
export function traceSheets(trace: Trace, kit: KitManifest | null, options: XlsxOptions): XlsxSheet[] {
	const contributions = contributionsTable(trace, kit, options.locale);
	const names = trace.privacy.authorNames;
	return [
		{
			name: translate(options.locale, 'export.xlsx.contributionsSheet'),
			...contributions,
			// Wide text column; ids wide enough to read whole.
			widths: [24, 24, 18, 14, 12, 60, 8, 20, 17, 25, ...(names ? [20] : []), 20, 9, 10, 25, 25]
		},
		{ name: translate(options.locale, 'export.xlsx.groupWorkSheet'), ...groupWorkTable(trace, kit, options.locale), widths: [20, 14, 18, 30, 24, 40, 60, 30, 17] },
		{ name: translate(options.locale, 'export.xlsx.checkinSheet'), ...checkinTable(trace, kit, options.locale), widths: [12, 30, 60, 20, 8, 17] }
	];
}

/** The .xlsx file of a trace. */
export function traceXlsx(trace: Trace, kit: KitManifest | null, options: XlsxOptions): Uint8Array {
	return writeXlsx(traceSheets(trace, kit, options));
}
