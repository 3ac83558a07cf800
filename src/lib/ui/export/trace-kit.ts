/**
 * After a trace is imported: can its session be opened here? A session opens only with its kit
 * (same id and version, as the stored session names it). When the kit is missing and the imported
 * bundle carries one, it is offered only if its id, version and content hash are the trace's.
 */
import type { Trace } from '$lib/export';
import { readKitZip, type KitManifest } from '$lib/kits';
import { kitLibrary } from '$lib/library';

export type TraceKitState =
	| { kind: 'present' }
	/** Missing here; `offer` is the bundle's kit when it is the session's own. */
	| { kind: 'missing'; offer: { zip: Uint8Array; manifest: KitManifest } | null; otherInBundle: boolean };

export async function traceKitState(trace: Trace, bundledKit: Uint8Array | null): Promise<TraceKitState> {
	const opened = await kitLibrary.open(`${trace.kit.id}@${trace.kit.version}`);
	if (opened.ok) return { kind: 'present' };
	if (!bundledKit) return { kind: 'missing', offer: null, otherInBundle: false };
	const read = await readKitZip(bundledKit);
	const same = read.ok && read.value.manifest.id === trace.kit.id && read.value.manifest.version === trace.kit.version && read.value.hash === trace.kit.hash;
	return same && read.ok ? { kind: 'missing', offer: { zip: bundledKit, manifest: read.value.manifest }, otherInBundle: false } : { kind: 'missing', offer: null, otherInBundle: true };
}
