/**
 * The agenda clock, derived from the log of timer actions (start, pause, resume, extend, next,
 * goto), never from a ticking counter: a reload, a late-joining tablet or a merge of two devices'
 * logs all give the same state for the same `now`.
 *
 * Events are applied in (time, id) order, the same on every device. Actions that no longer make
 * sense once merged are ignored: a second "start" while running, or a "next" that names an
 * activity other than the current one (two devices pressing "next" together skip one activity,
 * not two). Device clocks may disagree a little: durations are clamped at zero, never negative.
 */
import type { TimerEvent } from './session-schema';
import type { SessionPlan } from './session-plan';

export type TimerStatus = 'not-started' | 'running' | 'paused' | 'finished';

/** One visit of an activity (an activity visited twice through `goto` has two runs). */
export interface ActivityRun {
	activityId: string;
	startedAt: number;
	/** Null while this is the current run. */
	endedAt: number | null;
}

/** The agenda as planned and as run, per activity of the plan. */
export interface ActivityClock {
	activityId: string;
	plannedMinutes: number;
	extendedMinutes: number;
	/** Running time spent in this activity (pauses excluded), up to `now`. */
	elapsedMs: number;
	firstStartedAt: number | null;
	lastEndedAt: number | null;
	/** Never visited although later activities were (skipped over). */
	skipped: boolean;
}

export interface TimerState {
	status: TimerStatus;
	activityId: string | null;
	activityIndex: number | null;
	/** Planned plus extended time of the current activity. */
	allottedMs: number;
	elapsedMs: number;
	/** Negative when the current activity runs over its time. */
	remainingMs: number;
	overtime: boolean;
	startedAt: number | null;
	finishedAt: number | null;
	/** Every visit, in order: the agenda as run. */
	runs: ActivityRun[];
	activities: ActivityClock[];
}

const MINUTE = 60_000;

/** Derives the clock at `now` from the (sorted) timer events. */
export function deriveTimer(plan: SessionPlan, events: readonly TimerEvent[], now: number): TimerState {
	const ids = plan.activities.map((a) => a.id);
	const elapsed = new Map<string, number>();
	const extra = new Map<string, number>();
	const runs: ActivityRun[] = [];
	let current: number | null = null;
	let running = false;
	let finished = false;
	let resumedAt = 0;
	let startedAt: number | null = null;
	let finishedAt: number | null = null;

	const accrue = (at: number) => {
		if (running && current !== null) {
			const id = ids[current]!;
			elapsed.set(id, (elapsed.get(id) ?? 0) + Math.max(0, at - resumedAt));
		}
		resumedAt = Math.max(resumedAt, at);
	};
	const enter = (index: number, at: number) => {
		const open = runs.at(-1);
		if (open && open.endedAt === null) open.endedAt = Math.max(open.startedAt, at);
		current = index;
		runs.push({ activityId: ids[index]!, startedAt: at, endedAt: null });
		resumedAt = at;
	};
	const begin = (index: number, at: number) => {
		enter(index, at);
		startedAt ??= at;
		running = true;
		finished = false;
		finishedAt = null;
	};

	for (const e of events) {
		const target = e.activityId === null ? -1 : ids.indexOf(e.activityId);
		switch (e.type) {
			case 'start':
				if (current === null && !finished) {
					if (e.activityId !== null && target < 0) break;
					begin(Math.max(0, target), e.at);
				} else if (current !== null && !running) {
					running = true;
					resumedAt = e.at;
				}
				break;
			case 'pause':
				if (running) {
					accrue(e.at);
					running = false;
				}
				break;
			case 'resume':
				if (current !== null && !running) {
					running = true;
					resumedAt = e.at;
				}
				break;
			case 'extend': {
				const id = e.activityId ?? (current === null ? null : ids[current]!);
				if (id !== null && ids.includes(id) && e.minutes !== null) extra.set(id, (extra.get(id) ?? 0) + e.minutes);
				break;
			}
			case 'next':
				if (current === null || ids[current] !== e.activityId) break;
				accrue(e.at);
				if (current + 1 < ids.length) {
					enter(current + 1, e.at);
				} else {
					const open = runs.at(-1);
					if (open) open.endedAt = Math.max(open.startedAt, e.at);
					current = null;
					running = false;
					finished = true;
					finishedAt = e.at;
				}
				break;
			case 'goto':
				if (target < 0 || target === current) break;
				if (current === null) begin(target, e.at);
				else {
					accrue(e.at);
					enter(target, e.at);
				}
				break;
		}
	}
	accrue(Math.max(now, resumedAt));

	const lastVisited = runs.reduce((max, r) => Math.max(max, ids.indexOf(r.activityId)), -1);
	const activities: ActivityClock[] = plan.activities.map((a, index) => {
		const mine = runs.filter((r) => r.activityId === a.id);
		return {
			activityId: a.id,
			plannedMinutes: a.durationMinutes,
			extendedMinutes: extra.get(a.id) ?? 0,
			elapsedMs: elapsed.get(a.id) ?? 0,
			firstStartedAt: mine[0]?.startedAt ?? null,
			lastEndedAt: mine.length === 0 ? null : (mine.at(-1)!.endedAt ?? null),
			skipped: mine.length === 0 && index < lastVisited
		};
	});
	const cur: number | null = current;
	const clock = cur === null ? undefined : activities[cur];
	const allottedMs = clock ? (clock.plannedMinutes + clock.extendedMinutes) * MINUTE : 0;
	const elapsedMs = clock?.elapsedMs ?? 0;
	return {
		status: finished ? 'finished' : cur === null ? 'not-started' : running ? 'running' : 'paused',
		activityId: clock?.activityId ?? null,
		activityIndex: cur,
		allottedMs,
		elapsedMs,
		remainingMs: clock ? allottedMs - elapsedMs : 0,
		overtime: clock ? elapsedMs > allottedMs : false,
		startedAt,
		finishedAt,
		runs,
		activities
	};
}
