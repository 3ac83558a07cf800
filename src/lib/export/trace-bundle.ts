/**
 * The export bundle: one deterministic zip holding the JSON trace, both CSV files and the printable
 * summary. Same trace and options, same bytes (sorted names, fixed dates and attributes).
 */
import { strToU8, zipSync, type ZipOptions } from 'fflate';
import type { Locale } from '$lib/i18n';
import type { KitManifest } from '$lib/kits';
import type { CsvSeparator } from './csv-write';
import { contributionsCsv, groupWorkCsv } from './trace-csv';
import { traceToJson } from './trace-build';
import { summaryHtml } from './summary-html';
import type { Trace } from './trace-schema';

/** Fixed entry date (local time, as zip stores it), as for kit archives. */
const FIXED_DATE = new Date(2000, 0, 1, 0, 0, 0);

/** A file name stem for a session's exports: `tablee-<date>-<title>` in plain ASCII. */
export function traceFileStem(trace: Trace): string {
	const slug = (trace.session.title || trace.kit.id)
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
	return ['tablee', trace.session.date, slug || trace.session.id].filter(Boolean).join('-');
}

export interface BundleOptions {
	locale: Locale;
	separator: CsvSeparator;
}

/** The names and contents of the bundle's files. */
export function bundleFiles(trace: Trace, kit: KitManifest | null, options: BundleOptions): Record<string, string> {
	const stem = traceFileStem(trace);
	return {
		[`${stem}.json`]: traceToJson(trace),
		[`${stem}-contributions.csv`]: contributionsCsv(trace, kit, options),
		[`${stem}-group-work.csv`]: groupWorkCsv(trace, kit, options),
		[`${stem}-summary.html`]: summaryHtml(trace, kit)
	};
}

export function traceBundle(trace: Trace, kit: KitManifest | null, options: BundleOptions): Uint8Array {
	const files = bundleFiles(trace, kit, options);
	const input: Record<string, [Uint8Array, ZipOptions]> = {};
	for (const name of Object.keys(files).sort()) input[name] = [strToU8(files[name]!), { level: 9, mtime: FIXED_DATE, os: 3, attrs: 0o100644 << 16 }];
	return zipSync(input);
}
