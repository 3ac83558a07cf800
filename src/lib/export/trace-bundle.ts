/**
 * The export bundle: one deterministic zip holding the JSON trace, both CSV files, the same tables
 * as a spreadsheet (.xlsx), the printable summary and, when given, the session's kit as its own
 * zip, so the bundle alone recreates and opens the session on another device. Same trace and
 * options, same bytes (sorted names, fixed dates and attributes).
 */
import { strToU8, zipSync, type ZipOptions } from 'fflate';
import type { Locale } from '$lib/i18n';
import type { KitManifest } from '$lib/kits';
import type { CsvSeparator } from './csv-write';
import { contributionsCsv, groupWorkCsv } from './trace-csv';
import { traceToJson } from './trace-build';
import { summaryHtml } from './summary-html';
import { traceXlsx } from './trace-xlsx';
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
	/**
	 * The session's kit as a zip (the library's `zipByHash` of `trace.kit.hash`): written as
	 * `kit-<id>-<version>.zip`, which import offers to install when its hash matches the trace.
	 */
	kitZip?: Uint8Array | null;
}

/** The name of the kit's zip inside a bundle. */
export function bundledKitName(trace: Pick<Trace, 'kit'>): string {
	return `kit-${trace.kit.id}-${trace.kit.version}.zip`;
}

/** The names and contents of the bundle's files. */
export function bundleFiles(trace: Trace, kit: KitManifest | null, options: BundleOptions): Record<string, string | Uint8Array> {
	const stem = traceFileStem(trace);
	return {
		[`${stem}.json`]: traceToJson(trace),
		[`${stem}-contributions.csv`]: contributionsCsv(trace, kit, options),
		[`${stem}-group-work.csv`]: groupWorkCsv(trace, kit, options),
		[`${stem}.xlsx`]: traceXlsx(trace, kit, options),
		[`${stem}-summary.html`]: summaryHtml(trace, kit),
		...(options.kitZip ? { [bundledKitName(trace)]: options.kitZip } : {})
	};
}

export function traceBundle(trace: Trace, kit: KitManifest | null, options: BundleOptions): Uint8Array {
	const files = bundleFiles(trace, kit, options);
	const input: Record<string, [Uint8Array, ZipOptions]> = {};
	for (const name of Object.keys(files).sort()) {
		const content = files[name]!;
		// Zips inside the zip are already compressed.
		const level = typeof content === 'string' ? 9 : 0;
		input[name] = [typeof content === 'string' ? strToU8(content) : content, { level, mtime: FIXED_DATE, os: 3, attrs: 0o100644 << 16 }];
	}
	return zipSync(input);
}
