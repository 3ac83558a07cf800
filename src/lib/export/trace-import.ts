/**
 * Imports a validated trace into this device's storage. The trace's document state is checked on
 * a scratch doc first (it must decode and belong to the trace's session and kit); then:
 * - an unknown session is created (its metadata from the trace, a fresh sync key: a trace never
 *   carries the key), with the document as its first stored update;
 * - a session already here receives only what it lacks (Yjs state-vector diff), so importing the
 *   same trace twice, or a trace older than the device's state, changes nothing and duplicates
 *   nothing.
 */
import * as Y from 'yjs';
import { fromBase64 } from 'lib0/buffer';
import { readSnapshot } from '$lib/session';
import { appendUpdates, getSession, joinSession, loadUpdates, randomId, type RandomSource } from '$lib/storage';
import type { MessageKey } from '$lib/i18n';
import { fail, type Problem, type Result } from '$lib/result';
import type { Trace } from './trace-schema';

/** The session the trace went into; `created`: it was not on this device; `changed`: it brought something. */
export interface ImportedTrace {
	sessionId: string;
	created: boolean;
	changed: boolean;
}

export type ImportTraceResult = Result<ImportedTrace, Problem<MessageKey>>;

export interface ImportTraceOptions {
	now?: () => number;
	random?: RandomSource;
}

/** Transaction origin of imported state. */
export const TRACE_IMPORT_ORIGIN = Symbol('trace-import');

/** Decodes and checks the trace's document on a scratch doc; `null` with a reason when unusable. */
export function traceDocument(trace: Trace): Result<Y.Doc, Problem<MessageKey>> {
	if (trace.document === null) return fail('export.import.noDocument');
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, fromBase64(trace.document));
	} catch {
		doc.destroy();
		return fail('export.import.corruptDocument');
	}
	const meta = readSnapshot(doc).meta;
	if (!meta || meta.sessionId !== trace.session.id || meta.kitId !== trace.kit.id || meta.agendaId !== trace.kit.agendaId) {
		doc.destroy();
		return fail('export.import.mismatch');
	}
	return { ok: true, value: doc };
}

/** Loads a stored session's doc from this device's updates (read-only: nothing is written). */
export async function loadSessionDoc(sessionId: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	const { items } = await loadUpdates(sessionId);
	// One bad stored update must not hide the others.
	for (const update of items) {
		try {
			Y.applyUpdate(doc, update);
		} catch {
			continue;
		}
	}
	return doc;
}

export async function importTrace(trace: Trace, options: ImportTraceOptions = {}): Promise<ImportTraceResult> {
	const now = options.now ?? Date.now;
	const checked = traceDocument(trace);
	if (!checked.ok) return checked;
	const incoming = checked.value;
	try {
		const existing = await getSession(trace.session.id);
		if (existing && (existing.kit.id !== trace.kit.id || existing.agendaId !== trace.kit.agendaId)) {
			return fail('export.import.mismatch');
		}
		const local = existing ? await loadSessionDoc(trace.session.id) : new Y.Doc();
		try {
			const diff = Y.encodeStateAsUpdate(incoming, Y.encodeStateVector(local));
			let changed = false;
			const onUpdate = () => {
				changed = true;
			};
			local.on('update', onUpdate);
			Y.applyUpdate(local, diff, TRACE_IMPORT_ORIGIN);
			local.off('update', onUpdate);
			if (!existing) {
				await joinSession(
					{
						id: trace.session.id,
						syncKey: randomId(options.random),
						title: trace.session.title,
						date: trace.session.date,
						place: trace.session.place,
						facilitators: trace.session.facilitators,
						kit: { id: trace.kit.id, version: trace.kit.version, hash: trace.kit.hash },
						agendaId: trace.kit.agendaId,
						language: trace.session.language
					},
					{ now, random: options.random }
				);
			}
			if (changed) await appendUpdates(trace.session.id, [diff], now());
			return { ok: true, value: { sessionId: trace.session.id, created: !existing, changed } };
		} finally {
			local.destroy();
		}
	} finally {
		incoming.destroy();
	}
}
