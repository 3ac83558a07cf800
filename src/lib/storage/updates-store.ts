/**
 * A session's Yjs updates (`updates` table) and this device's own-contribution log (`ownLog`).
 * Storage stays ignorant of Yjs: compaction receives the merge function from the caller.
 */
import { database } from './storage-db';
import { guarded } from './storage-errors';
import { OwnLogRowSchema, UpdateRowSchema, validRows, type ListResult, type OwnLogRow } from './storage-records';

/** Appends updates in one (strict-durability) transaction; resolves once they are on disk. */
export async function appendUpdates(sessionId: string, updates: readonly Uint8Array[], at: number): Promise<void> {
	if (updates.length === 0) return;
	const db = database();
	await guarded('write', () =>
		db.transaction('rw', db.updates, async () => {
			await db.updates.bulkAdd(updates.map((update) => ({ sessionId, update, at })));
		})
	);
}

/** Stored updates of a session in write order; damaged rows are skipped and counted. */
export async function loadUpdates(sessionId: string): Promise<ListResult<Uint8Array>> {
	const rows = await guarded('read', () => database().updates.where('sessionId').equals(sessionId).sortBy('seq'));
	const { items, skipped } = validRows(UpdateRowSchema, rows);
	return { items: items.map((r) => r.update), skipped };
}

export async function countUpdates(sessionId: string): Promise<number> {
	return guarded('read', () => database().updates.where('sessionId').equals(sessionId).count());
}

/**
 * Replaces all stored updates of a session by one update, `merge(updates)`, atomically: either
 * the merged row replaces exactly the rows it was made from, or nothing changes. Damaged rows
 * are left in place (they are skipped on load anyway) so nothing unreadable is thrown away.
 * Returns the number of rows merged.
 */
export async function compactUpdates(
	sessionId: string,
	merge: (updates: Uint8Array[]) => Uint8Array,
	at: number
): Promise<number> {
	const db = database();
	return guarded('write', () =>
		db.transaction('rw', db.updates, async () => {
			const rows = await db.updates.where('sessionId').equals(sessionId).sortBy('seq');
			const valid = validRows(UpdateRowSchema, rows).items;
			if (valid.length < 2) return 0;
			const merged = merge(valid.map((r) => r.update));
			await db.updates.bulkDelete(valid.map((r) => r.seq));
			await db.updates.add({ sessionId, update: merged, at });
			return valid.length;
		})
	);
}

export interface OwnLogEntry {
	sessionId: string;
	contributionId: string;
	at: number;
	/** The contribution as this device wrote it (validated by the session domain on rebuild). */
	record: unknown;
}

/** Appends entries to this device's append-only own-contribution log. */
export async function appendOwnLog(entries: readonly OwnLogEntry[]): Promise<void> {
	if (entries.length === 0) return;
	const db = database();
	await guarded('write', () =>
		db.transaction('rw', db.ownLog, async () => {
			await db.ownLog.bulkAdd(entries.map((e) => ({ ...e })));
		})
	);
}

/** The own log of a session in write order; damaged rows are skipped and counted. */
export async function loadOwnLog(sessionId: string): Promise<ListResult<OwnLogRow>> {
	const rows = await guarded('read', () => database().ownLog.where('sessionId').equals(sessionId).sortBy('seq'));
	return validRows(OwnLogRowSchema, rows);
}
