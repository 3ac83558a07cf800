/**
 * Rebuilding from this device's own-contribution log. Any peer with the session key can corrupt
 * or delete shared records (Yjs threat model); each device keeps an append-only log of the
 * contributions it wrote (filled by `SessionPersistence`), and `rebuildFromOwnLog` puts back every
 * own contribution that is missing from the doc or no longer readable, in its last logged state.
 */
import * as v from 'valibot';
import * as Y from 'yjs';
import { loadOwnLog } from '$lib/storage';
import { recordMap, sessionMaps } from './session-doc';
import { ContributionSchema, RecordId } from './session-schema';

/** Transaction origin of rebuild writes (not logged again). */
export const REBUILD_ORIGIN = Symbol('tablee-own-log-rebuild');

export interface RebuildResult {
	/** Contributions put back into the doc. */
	restored: string[];
	/** Log rows that were damaged and ignored. */
	skipped: number;
}

/** Re-adds own contributions missing from (or unreadable in) the doc. */
export async function rebuildFromOwnLog(doc: Y.Doc, sessionId: string): Promise<RebuildResult> {
	const { items, skipped: damaged } = await loadOwnLog(sessionId);
	let skipped = damaged;
	const latest = new Map<string, v.InferOutput<typeof ContributionSchema>>();
	for (const row of items) {
		const parsed = v.safeParse(ContributionSchema, row.record);
		if (parsed.success && v.is(RecordId, row.contributionId)) latest.set(row.contributionId, parsed.output);
		else skipped++;
	}
	const contributions = sessionMaps(doc).contributions;
	const restored: string[] = [];
	doc.transact(() => {
		for (const [id, record] of latest) {
			const current = contributions.get(id);
			if (current instanceof Y.Map && v.is(ContributionSchema, current.toJSON())) continue;
			contributions.set(id, recordMap(record));
			restored.push(id);
		}
	}, REBUILD_ORIGIN);
	return { restored, skipped };
}
