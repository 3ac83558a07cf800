/**
 * Facilitator actions: the agenda clock (appended as timestamped events, see `session-timer.ts`),
 * revealing silent activities, and observer notes (kept apart from participants' contributions).
 */
import { recordAt, recordMap } from './session-doc';
import { findActivity } from './session-plan';
import { SESSION_LIMITS, type TimerEventType } from './session-schema';
import { ok, refuse, type OpResult } from './session-result';
import { cleanText, write, type OpContext } from './session-context';
import { deriveTimer } from './session-timer';

/**
 * Appends a timer action. Its time is never earlier than the last action this device knows of:
 * a tablet whose clock runs a little behind still orders its action after what it saw.
 */
function push(ctx: OpContext, type: TimerEventType, activityId: string | null, minutes: number | null = null): void {
	const last = ctx.snapshot().timerEvents.at(-1)?.at ?? 0;
	const event = { id: ctx.newId(), type, at: Math.max(ctx.now(), last), deviceId: ctx.deviceId, activityId, minutes };
	write(ctx, () => ctx.maps.timer.push([event]));
}

function current(ctx: OpContext) {
	return deriveTimer(ctx.plan, ctx.snapshot().timerEvents, ctx.now());
}

/** Starts the agenda (at its first activity, or at `activityId`); resumes when paused. */
export function startTimer(ctx: OpContext, activityId?: string): OpResult {
	if (activityId !== undefined && !findActivity(ctx.plan, activityId)) return refuse('unknownActivity');
	push(ctx, 'start', activityId ?? null);
	return ok();
}

export function pauseTimer(ctx: OpContext): OpResult {
	const state = current(ctx);
	if (state.activityId === null) return refuse('notStarted');
	push(ctx, 'pause', state.activityId);
	return ok();
}

export function resumeTimer(ctx: OpContext): OpResult {
	const state = current(ctx);
	if (state.activityId === null) return refuse('notStarted');
	push(ctx, 'resume', state.activityId);
	return ok();
}

/** Gives the current activity `minutes` more. */
export function extendTimer(ctx: OpContext, minutes: number): OpResult {
	if (!Number.isInteger(minutes) || minutes < 1 || minutes > SESSION_LIMITS.extendMinutes) {
		return refuse('invalidMinutes', { max: SESSION_LIMITS.extendMinutes });
	}
	const state = current(ctx);
	if (state.activityId === null) return refuse('notStarted');
	push(ctx, 'extend', state.activityId, minutes);
	return ok();
}

/** Ends the current activity and moves to the next one (or finishes the agenda). */
export function nextActivity(ctx: OpContext): OpResult {
	const state = current(ctx);
	if (state.activityId === null) return refuse('notStarted');
	push(ctx, 'next', state.activityId);
	return ok();
}

/** Jumps to any activity of the agenda (starting the agenda if needed). */
export function goToActivity(ctx: OpContext, activityId: string): OpResult {
	if (!findActivity(ctx.plan, activityId)) return refuse('unknownActivity');
	push(ctx, 'goto', activityId);
	return ok();
}

/** Ends silent mode for an activity: everyone's notes become visible to everyone. */
export function reveal(ctx: OpContext, activityId: string): OpResult {
	const activity = findActivity(ctx.plan, activityId);
	if (!activity) return refuse('unknownActivity');
	if (activity.silent !== true) return refuse('notSilent');
	if (ctx.snapshot().reveals.some((r) => r.activityId === activityId)) return ok();
	write(ctx, () => ctx.maps.reveals.set(activityId, { at: ctx.now(), deviceId: ctx.deviceId }));
	return ok();
}

/** A facilitator's observation, optionally tied to an activity; returns its id. */
export function addObserverNote(ctx: OpContext, text: string, activityId: string | null = null): OpResult<string> {
	if (activityId !== null && !findActivity(ctx.plan, activityId)) return refuse('unknownActivity');
	const clean = cleanText(text, SESSION_LIMITS.observerNote);
	if (!clean.ok) return clean;
	const id = ctx.newId();
	write(ctx, () => {
		ctx.maps.observerNotes.set(
			id,
			recordMap({ activityId, text: clean.value, deviceId: ctx.deviceId, createdAt: ctx.now(), editedAt: null, deleted: false })
		);
	});
	return ok(id);
}

function updateNote(ctx: OpContext, id: string, fields: Record<string, string | number | boolean>): OpResult {
	const record = recordAt(ctx.maps.observerNotes, id);
	if (!record || !ctx.snapshot().observerNotes.some((n) => n.id === id)) return refuse('unknownNote');
	write(ctx, () => {
		for (const [key, value] of Object.entries(fields)) record.set(key, value);
	});
	return ok();
}

export function editObserverNote(ctx: OpContext, id: string, text: string): OpResult {
	const clean = cleanText(text, SESSION_LIMITS.observerNote);
	if (!clean.ok) return clean;
	return updateNote(ctx, id, { text: clean.value, editedAt: ctx.now() });
}

/** Soft delete (and restore with `deleted = false`). */
export function setObserverNoteDeleted(ctx: OpContext, id: string, deleted: boolean): OpResult {
	return updateNote(ctx, id, { deleted });
}
