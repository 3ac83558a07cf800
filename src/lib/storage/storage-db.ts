/**
 * The ONE Dexie database of the app, `tablee`, declared once with versioned schemas. Opened
 * lazily so that importing this module never touches IndexedDB (server rendering, Node tools).
 *
 * Durability is `strict` for the whole database: IndexedDB's `complete` event is only a flush to
 * disk when the transaction asks for it, and contributions must survive a tablet losing power
 * right after the UI said "saved". The other tables are written rarely, so the cost is small.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { DraftRow, KitRow, OwnLogRow, SessionRecord, SettingRow, UpdateRow } from './storage-records';
import { guarded } from './storage-errors';

export const DATABASE_NAME = 'tablee';

export class TableeDatabase extends Dexie {
	kits!: EntityTable<KitRow, 'key'>;
	sessions!: EntityTable<SessionRecord, 'id'>;
	updates!: EntityTable<UpdateRow, 'seq'>;
	ownLog!: EntityTable<OwnLogRow, 'seq'>;
	settings!: EntityTable<SettingRow, 'key'>;
	drafts!: EntityTable<DraftRow, 'id'>;

	constructor(name = DATABASE_NAME) {
		const g = globalThis as { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange };
		super(name, {
			chromeTransactionDurability: 'strict',
			// Read the globals at construction time (not at Dexie's import), so a polyfill such as
			// fake-indexeddb installed after Dexie was imported is still used.
			...(g.indexedDB && g.IDBKeyRange ? { indexedDB: g.indexedDB, IDBKeyRange: g.IDBKeyRange } : {})
		});
		// `archived` is a boolean, which IndexedDB cannot index: sessions are few, so lists filter
		// in memory instead of declaring an index that would stay empty.
		this.version(1).stores({
			kits: '&key, id',
			sessions: '&id, updatedAt',
			updates: '++seq, sessionId',
			ownLog: '++seq, sessionId',
			settings: '&key'
		});
		// 2: kit drafts of the studio. Version 1 stays as it was, so existing databases upgrade.
		this.version(2).stores({ drafts: '&id, updatedAt' });
	}
}

let instance: TableeDatabase | undefined;

/** The shared database instance (created on first use). */
export function database(): TableeDatabase {
	instance ??= new TableeDatabase();
	return instance;
}

/** Closes and deletes the database; the next `database()` call starts empty. For tests. */
export async function resetDatabase(): Promise<void> {
	const db = instance ?? new TableeDatabase();
	instance = undefined;
	db.close();
	await guarded('write', () => db.delete());
}
