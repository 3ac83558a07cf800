/**
 * Sneakernet: a whole session state in one file, to carry between tablets on a USB stick or by
 * e-mail when no network joins them, and to keep as a backup.
 *
 *   file = magic "TABLEESY" (8 bytes) version:varUint sessionId:varString update:varUint8Array
 *          sha256(all previous bytes) (32 bytes)
 *
 * Import merges (Yjs union), so importing the same file twice, or an older file, changes
 * nothing. The file is untrusted: size, magic, version and checksum are checked, then the update
 * is applied to a scratch doc first; only a state re-encoded by Yjs reaches the session doc.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { digest } from 'lib0/hash/sha256';
import { SYNC_LIMITS } from '../protocol/sync-limits';
import { sameBytes } from './session-key';
import type { Result } from '$lib/result';
import type { SyncMessage } from './sync-types';

export const SESSION_FILE_MAGIC = new Uint8Array([0x54, 0x41, 0x42, 0x4c, 0x45, 0x45, 0x53, 0x59]);
export const SESSION_FILE_VERSION = 1;
export const SESSION_FILE_EXTENSION = '.tablee-session';
/** Transaction origin of imported state. */
export const SESSION_FILE_ORIGIN = Symbol('session-file-import');

export interface SessionFileOptions {
	/** Written into the file; on import, a file of another session is refused. */
	sessionId?: string;
}

export type ImportResult = Result<{ changed: boolean }, SyncMessage>;

export function exportSessionState(doc: Y.Doc, options: SessionFileOptions = {}): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeUint8Array(e, SESSION_FILE_MAGIC);
	encoding.writeVarUint(e, SESSION_FILE_VERSION);
	encoding.writeVarString(e, options.sessionId ?? '');
	encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
	const body = encoding.toUint8Array(e);
	const out = new Uint8Array(body.byteLength + 32);
	out.set(body);
	out.set(digest(body), body.byteLength);
	return out;
}

/** Reads and checks a session file without touching any doc. */
export function readSessionFile(bytes: unknown): Result<{ sessionId: string; update: Uint8Array }, SyncMessage> {
	const fail = (problem: SyncMessage) => ({ ok: false as const, problem });
	if (!(bytes instanceof Uint8Array) || bytes.byteLength === 0) return fail({ key: 'sync.file.empty' });
	if (bytes.byteLength > SYNC_LIMITS.fileBytes) {
		return fail({ key: 'sync.file.tooLarge', params: { max: SYNC_LIMITS.fileBytes / (1024 * 1024) } });
	}
	if (bytes.byteLength < SESSION_FILE_MAGIC.byteLength || !sameBytes(bytes.subarray(0, 8), SESSION_FILE_MAGIC)) {
		return fail({ key: 'sync.file.notTablee' });
	}
	try {
		const d = decoding.createDecoder(bytes.subarray(8));
		const version = decoding.readVarUint(d);
		if (version !== SESSION_FILE_VERSION) return fail({ key: 'sync.file.version', params: { version } });
		if (bytes.byteLength < 8 + 32) return fail({ key: 'sync.file.corrupt' });
		const body = bytes.subarray(0, bytes.byteLength - 32);
		if (!sameBytes(digest(body), bytes.subarray(bytes.byteLength - 32))) return fail({ key: 'sync.file.corrupt' });
		const bd = decoding.createDecoder(body.subarray(8));
		decoding.readVarUint(bd);
		const sessionId = decoding.readVarString(bd);
		const update = decoding.readVarUint8Array(bd);
		if (decoding.hasContent(bd)) return fail({ key: 'sync.file.corrupt' });
		return { ok: true, value: { sessionId, update } };
	} catch {
		return fail({ key: 'sync.file.corrupt' });
	}
}

/** Merges a session file into `doc`. On any error `doc` is left untouched. */
export function importSessionState(doc: Y.Doc, bytes: Uint8Array, options: SessionFileOptions = {}): ImportResult {
	const file = readSessionFile(bytes);
	if (!file.ok) return file;
	if (options.sessionId && file.value.sessionId && options.sessionId !== file.value.sessionId) {
		return { ok: false, problem: { key: 'sync.file.otherSession' } };
	}
	const scratch = new Y.Doc({ gc: doc.gc });
	let state: Uint8Array;
	try {
		Y.decodeUpdate(file.value.update);
		Y.applyUpdate(scratch, file.value.update);
		state = Y.encodeStateAsUpdate(scratch);
	} catch {
		return { ok: false, problem: { key: 'sync.file.corrupt' } };
	} finally {
		scratch.destroy();
	}
	let changed = false;
	const onUpdate = () => {
		changed = true;
	};
	doc.on('update', onUpdate);
	try {
		Y.applyUpdate(doc, state, SESSION_FILE_ORIGIN);
	} finally {
		doc.off('update', onUpdate);
	}
	return { ok: true, value: { changed } };
}
