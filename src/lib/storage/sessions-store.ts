/**
 * Sessions on this device (`sessions` table): metadata only. The session's content lives in its
 * Yjs updates (`updates`) and this device's own-contribution log (`ownLog`).
 */
import * as v from 'valibot';
import { LOCALES } from '$lib/i18n';
import { database } from './storage-db';
import { guarded, StorageError } from './storage-errors';
import { cryptoRandom, idPattern, randomId, syncKeyPattern, type RandomSource } from './storage-random';
import { authorIdKey } from './settings-store';
import { KitRefSchema, SESSION_FIELD_LIMITS, SessionRecordSchema, validRows, type ListResult, type SessionRecord } from './storage-records';

/** What the user fills in to create a session. */
export interface NewSession {
	title: string;
	/** `YYYY-MM-DD`, or empty. */
	date?: string;
	place?: string;
	facilitators?: string[];
	kit: { id: string; version: string; hash: string };
	agendaId: string;
	language: (typeof LOCALES)[number];
}

/** Metadata the user may change after creation (the kit and agenda are fixed per session). */
export type SessionPatch = Partial<Pick<SessionRecord, 'title' | 'date' | 'place' | 'facilitators' | 'language'>>;

export interface StoreOptions {
	now?: () => number;
	random?: RandomSource;
}

const Text = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max));
const PatchSchema = v.object({
	title: v.optional(Text(SESSION_FIELD_LIMITS.title)),
	date: v.optional(v.pipe(v.string(), v.regex(/^(?:\d{4}-\d{2}-\d{2})?$/))),
	place: v.optional(Text(SESSION_FIELD_LIMITS.place)),
	facilitators: v.optional(
		v.pipe(
			v.array(Text(SESSION_FIELD_LIMITS.facilitatorName)),
			v.transform((names) => names.filter((n) => n !== '')),
			v.maxLength(SESSION_FIELD_LIMITS.facilitators)
		)
	),
	language: v.optional(v.picklist(LOCALES))
});

/** Validates user input, naming the first bad field in the error. */
function checked<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
	const parsed = v.safeParse(schema, input);
	if (parsed.success) return parsed.output;
	const path = parsed.issues[0]?.path?.map((p) => String(p.key)).join('.') ?? 'session';
	throw new StorageError('invalidInput', { params: { field: path } });
}

function parseRow(row: unknown): SessionRecord {
	const parsed = v.safeParse(SessionRecordSchema, row);
	if (!parsed.success) throw new StorageError('corrupt', { params: { table: 'sessions' } });
	return parsed.output;
}

/** Creates a session with a random id and a fresh random 128-bit sync key. */
export async function createSession(input: NewSession, options: StoreOptions = {}): Promise<SessionRecord> {
	const random = options.random ?? cryptoRandom;
	const row = buildRow(input, randomId(random), randomId(random), (options.now ?? Date.now)());
	await guarded('write', () => database().sessions.add(row));
	return row;
}

/** A session this device joins (from an invitation): id and key come from the inviting device. */
export interface JoinedSession extends NewSession {
	id: string;
	syncKey: string;
}

/**
 * Stores a session joined through an invitation. When the session is already on this device its
 * metadata is kept and only the key is updated (a newer invitation after a key rotation).
 */
export async function joinSession(input: JoinedSession, options: StoreOptions = {}): Promise<SessionRecord> {
	const id = checked(v.pipe(v.string(), v.regex(idPattern)), input.id);
	const syncKey = checked(v.pipe(v.string(), v.regex(syncKeyPattern)), input.syncKey);
	const now = (options.now ?? Date.now)();
	const db = database();
	return guarded('write', () =>
		db.transaction('rw', db.sessions, async () => {
			const existing = await getSession(id);
			const next = existing ? { ...existing, syncKey, updatedAt: now } : buildRow(input, id, syncKey, now);
			await db.sessions.put(next);
			return next;
		})
	);
}

/** Replaces a session's sync key by a fresh random one (after removing a device). */
export async function rotateSyncKey(id: string, options: StoreOptions = {}): Promise<SessionRecord> {
	const syncKey = randomId(options.random ?? cryptoRandom);
	const db = database();
	return guarded('write', () =>
		db.transaction('rw', db.sessions, async () => {
			const next: SessionRecord = { ...(await requireSession(id)), syncKey, updatedAt: (options.now ?? Date.now)() };
			await db.sessions.put(next);
			return next;
		})
	);
}

function buildRow(input: NewSession, id: string, syncKey: string, now: number): SessionRecord {
	const patch = checked(PatchSchema, { title: input.title, date: input.date ?? '', place: input.place ?? '', facilitators: input.facilitators ?? [], language: input.language });
	return checked(SessionRecordSchema, {
		id,
		title: patch.title ?? '',
		date: patch.date ?? '',
		place: patch.place ?? '',
		facilitators: patch.facilitators ?? [],
		kit: checked(KitRefSchema, input.kit),
		agendaId: input.agendaId,
		language: input.language,
		createdAt: now,
		updatedAt: now,
		archived: false,
		syncKey
	});
}

/** Sessions, most recently updated first. By default only active (not archived) sessions. */
export async function listSessions(options: { archived?: boolean | 'all' } = {}): Promise<ListResult<SessionRecord>> {
	const rows = await guarded('read', () => database().sessions.orderBy('updatedAt').reverse().toArray());
	const result = validRows(SessionRecordSchema, rows);
	const archived = options.archived ?? false;
	return { items: archived === 'all' ? result.items : result.items.filter((s) => s.archived === archived), skipped: result.skipped };
}

/** One session, or `undefined` when absent; a damaged row throws `storage.error.corrupt`. */
export async function getSession(id: string): Promise<SessionRecord | undefined> {
	const row = await guarded('read', () => database().sessions.get(id));
	return row === undefined ? undefined : parseRow(row);
}

async function requireSession(id: string): Promise<SessionRecord> {
	const row = await getSession(id);
	if (!row) throw new StorageError('sessionNotFound');
	return row;
}

/** Changes metadata; returns the updated row. */
export async function updateSession(id: string, patch: SessionPatch, options: StoreOptions = {}): Promise<SessionRecord> {
	const clean = checked(PatchSchema, patch);
	const db = database();
	return guarded('write', () =>
		db.transaction('rw', db.sessions, async () => {
			const current = await requireSession(id);
			const next: SessionRecord = { ...current, ...stripUndefined(clean), updatedAt: (options.now ?? Date.now)() };
			await db.sessions.put(next);
			return next;
		})
	);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
	return Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export async function archiveSession(id: string, archived = true, options: StoreOptions = {}): Promise<SessionRecord> {
	const db = database();
	return guarded('write', () =>
		db.transaction('rw', db.sessions, async () => {
			const current = await requireSession(id);
			const next: SessionRecord = { ...current, archived, updatedAt: (options.now ?? Date.now)() };
			await db.sessions.put(next);
			return next;
		})
	);
}

export function unarchiveSession(id: string, options: StoreOptions = {}): Promise<SessionRecord> {
	return archiveSession(id, false, options);
}

/**
 * A new session with the same kit, agenda and metadata (title overridable), a new id, a new sync
 * key and an empty document: a workshop run again with another group.
 */
export async function duplicateSession(id: string, overrides: SessionPatch = {}, options: StoreOptions = {}): Promise<SessionRecord> {
	const source = await requireSession(id);
	return createSession(
		{
			title: overrides.title ?? source.title,
			date: overrides.date ?? source.date,
			place: overrides.place ?? source.place,
			facilitators: overrides.facilitators ?? source.facilitators,
			kit: source.kit,
			agendaId: source.agendaId,
			language: overrides.language ?? source.language
		},
		options
	);
}

/** Deletes a session, its stored updates, its own-contribution log and its author id, in one transaction. */
export async function deleteSession(id: string): Promise<void> {
	const db = database();
	await guarded('write', () =>
		db.transaction('rw', db.sessions, db.updates, db.ownLog, db.settings, async () => {
			await db.sessions.delete(id);
			await db.settings.delete(authorIdKey(id));
			await db.updates.where('sessionId').equals(id).delete();
			await db.ownLog.where('sessionId').equals(id).delete();
		})
	);
}
