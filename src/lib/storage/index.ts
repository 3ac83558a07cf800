/**
 * Storage on this device: the one Dexie database `tablee` (kits, sessions, Yjs updates, own
 * contribution log, settings). Every read is validated; every failure is a `StorageError` with a
 * message key (`storage.error.*`).
 */
export { database, resetDatabase, TableeDatabase, DATABASE_NAME } from './storage-db';
export { StorageError, toStorageError, guarded } from './storage-errors';
export type { StorageErrorCode, StorageMessageKey } from './storage-errors';
export { cryptoRandom, randomId, safeIdStart, base64url, idPattern, syncKeyPattern } from './storage-random';
export type { RandomSource } from './storage-random';
export { SessionRecordSchema, KitRowSchema, KitRefSchema, DraftRowSchema, SESSION_FIELD_LIMITS, validRows } from './storage-records';
export type { SessionRecord, KitRow, KitSummary, KitRef, UpdateRow, OwnLogRow, DraftRow, ListResult } from './storage-records';
export {
	createSession,
	listSessions,
	getSession,
	updateSession,
	archiveSession,
	unarchiveSession,
	duplicateSession,
	deleteSession,
	joinSession,
	rotateSyncKey
} from './sessions-store';
export type { NewSession, JoinedSession, SessionPatch, StoreOptions } from './sessions-store';
export { putKit, getKit, listKits, deleteKit, kitKey } from './kits-store';
export { putDraft, getDraft, listDrafts, deleteDraft } from './drafts-store';
export { getSetting, setSetting, deviceId, deviceName, setDeviceName, sessionAuthorId } from './settings-store';
export { appendUpdates, loadUpdates, countUpdates, compactUpdates, appendOwnLog, loadOwnLog } from './updates-store';
export type { OwnLogEntry } from './updates-store';
