/**
 * What every operation works with: the doc, the kit plan, who is writing, a clock, an id source
 * and the transaction origin that tags every write (so observers and transports can tell local
 * writes from remote ones).
 */
import type * as Y from 'yjs';
import type { SessionMaps } from './session-doc';
import type { SessionPlan } from './session-plan';
import type { SessionSnapshot } from './session-read';
import { refuse, type OpResult } from './session-result';

export interface OpContext {
	readonly doc: Y.Doc;
	readonly maps: SessionMaps;
	readonly plan: SessionPlan;
	/** This device's id, recorded on every record it writes. */
	readonly deviceId: string;
	/** Default anonymous author id for contributions written on this device. */
	readonly authorId: string;
	readonly now: () => number;
	readonly newId: () => string;
	readonly origin: unknown;
	/** The current validated snapshot (cached until the doc changes). */
	readonly snapshot: () => SessionSnapshot;
}

/** Runs writes in one transaction tagged with the context's origin. */
export function write(ctx: OpContext, run: () => void): void {
	ctx.doc.transact(run, ctx.origin);
}

/** Trims and bounds user text; `allowEmpty` for fields that may be cleared. */
export function cleanText(text: string, max: number, allowEmpty = false): OpResult<string> {
	const value = typeof text === 'string' ? text.trim() : '';
	if (!allowEmpty && value === '') return refuse('empty');
	if (value.length > max) return refuse('tooLong', { max });
	return { ok: true, value };
}

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Ids passed by code (participant ids, record ids) must be well formed: a bug, not user input. */
export function assertId(id: string, what: string): void {
	if (typeof id !== 'string' || !idPattern.test(id)) throw new RangeError(`Invalid ${what}: ${String(id)}`);
}
