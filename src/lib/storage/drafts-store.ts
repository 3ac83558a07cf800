/** Kit drafts of the studio (`drafts` table): autosaved on every change, listed newest first. */
import * as v from 'valibot';
import { database } from './storage-db';
import { guarded, StorageError } from './storage-errors';
import { DraftRowSchema, validRows, type DraftRow, type ListResult } from './storage-records';

/** Stores (or replaces) a draft. */
export async function putDraft(draft: DraftRow): Promise<void> {
	const parsed = v.safeParse(DraftRowSchema, draft);
	if (!parsed.success) {
		const field = parsed.issues[0]?.path?.map((p) => String(p.key)).join('.') ?? 'draft';
		throw new StorageError('invalidInput', { params: { field } });
	}
	await guarded('write', () => database().drafts.put(draft));
}

/** One draft; a damaged row throws `storage.error.corrupt`. */
export async function getDraft(id: string): Promise<DraftRow | undefined> {
	const row = await guarded('read', () => database().drafts.get(id));
	if (row === undefined) return undefined;
	const parsed = v.safeParse(DraftRowSchema, row);
	if (!parsed.success) throw new StorageError('corrupt', { params: { table: 'drafts' } });
	return parsed.output as DraftRow;
}

/** Every draft, most recently changed first. */
export async function listDrafts(): Promise<ListResult<DraftRow>> {
	const rows = await guarded('read', () => database().drafts.toArray());
	const { items, skipped } = validRows(DraftRowSchema, rows);
	return { items: (items as DraftRow[]).sort((a, b) => b.updatedAt - a.updatedAt), skipped };
}

export async function deleteDraft(id: string): Promise<void> {
	await guarded('write', () => database().drafts.delete(id));
}
