/** Imported kit archives (`kits` table), keyed `${id}@${version}`: several versions may coexist. */
import { database } from './storage-db';
import { guarded, StorageError } from './storage-errors';
import { KitRowSchema, validRows, type KitRow, type KitSummary, type ListResult } from './storage-records';
import * as v from 'valibot';

export function kitKey(id: string, version: string): string {
	return `${id}@${version}`;
}

/** Stores (or replaces) one kit version. `key` is derived from id and version. */
export async function putKit(kit: Omit<KitRow, 'key'>): Promise<KitRow> {
	const parsed = v.safeParse(KitRowSchema, { ...kit, key: kitKey(kit.id, kit.version) });
	if (!parsed.success) {
		const field = parsed.issues[0]?.path?.map((p) => String(p.key)).join('.') ?? 'kit';
		throw new StorageError('invalidInput', { params: { field } });
	}
	await guarded('write', () => database().kits.put(parsed.output));
	return parsed.output;
}

/** One kit version with its archive; a damaged row throws `storage.error.corrupt`. */
export async function getKit(id: string, version: string): Promise<KitRow | undefined> {
	const row = await guarded('read', () => database().kits.get(kitKey(id, version)));
	if (row === undefined) return undefined;
	const parsed = v.safeParse(KitRowSchema, row);
	if (!parsed.success) throw new StorageError('corrupt', { params: { table: 'kits' } });
	return parsed.output;
}

/** Every stored kit version without its archive, newest import first. */
export async function listKits(): Promise<ListResult<KitSummary>> {
	const rows = await guarded('read', () => database().kits.toArray());
	const { items, skipped } = validRows(KitRowSchema, rows);
	return {
		items: items.map(({ zip: _zip, ...summary }) => summary).sort((a, b) => b.importedAt - a.importedAt),
		skipped
	};
}

export async function deleteKit(id: string, version: string): Promise<void> {
	await guarded('write', () => database().kits.delete(kitKey(id, version)));
}
