/**
 * Reads an export bundle (.zip) back: the trace JSON and, when present, the session's kit zip
 * (`kit-<id>-<version>.zip`, see `bundledKitName`). The zip is untrusted input: only those entries
 * are inflated, each within a declared-size bound (fflate inflates into a buffer of the declared
 * size, so a lying header cannot make it allocate more), and the trace is then parsed like any
 * trace file, the kit checked like any kit before it is offered.
 */
import { unzipSync } from 'fflate';
import { KIT_LIMITS } from '$lib/kits';
import { TRACE_LIMITS } from './trace-schema';
import type { Result } from '$lib/result';
import { traceFailure, type TraceIssue, type TraceProblem } from './trace-parse';

/** The trace file's bytes and the kit's zip, when the bundle holds one. */
export type TraceBundleRead = Result<{ trace: Uint8Array; kitZip: Uint8Array | null }, TraceProblem>;

const KIT_ENTRY = /^kit-[a-z0-9][a-z0-9-]{0,63}-\d{1,4}\.\d{1,4}\.\d{1,4}\.zip$/;

/** True when the bytes are a zip archive (local file header signature). */
export function isZip(bytes: Uint8Array): boolean {
	return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export function readTraceBundle(bytes: Uint8Array): TraceBundleRead {
	const fail = (key: TraceIssue['key']): TraceBundleRead => traceFailure([{ path: '', key, params: {} }]);
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(bytes, {
			filter: (file) =>
				!file.name.includes('/') &&
				((file.name.endsWith('.json') && file.originalSize <= TRACE_LIMITS.fileBytes) || (KIT_ENTRY.test(file.name) && file.originalSize <= KIT_LIMITS.zipBytes))
		});
	} catch {
		return fail('export.issue.badBundle');
	}
	const traces = Object.keys(files).filter((name) => name.endsWith('.json'));
	if (traces.length !== 1) return fail('export.issue.bundleNoTrace');
	const kits = Object.keys(files).filter((name) => KIT_ENTRY.test(name));
	return { ok: true, value: { trace: files[traces[0]!]!, kitZip: kits.length === 1 ? files[kits[0]!]! : null } };
}
