/**
 * Pure formatting and reading of the agenda clock for the console and the wall: countdowns as
 * « 14:59 », activity states as run, time of day. No runes, no DOM: tested in Node.
 */
import type { ActivityClock, TimerState } from '$lib/session';

/**
 * A duration as `m:ss` under an hour, `h:mm:ss` above. The sign is dropped (callers say in
 * words whether time is left or over). Time left rounds up, so a fresh 15-minute activity reads
 * 15:00 and reaches 0:00 only when it is over; time over rounds down.
 */
export function formatClock(ms: number, rounding: 'up' | 'down' = 'up'): string {
	const abs = Math.abs(ms) / 1000;
	const total = rounding === 'up' ? Math.ceil(abs) : Math.floor(abs);
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const ss = String(s).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${String(m).padStart(2, '0')}:${ss}`;
}

/** The countdown the screens show: remaining time, or time over once the allotment is spent. */
export function countdown(timer: TimerState): { text: string; overtime: boolean } {
	if (timer.remainingMs < 0) return { text: formatClock(-timer.remainingMs, 'down'), overtime: true };
	return { text: formatClock(timer.remainingMs, 'up'), overtime: false };
}

/** Clock time (« 14 h 05 », "2:05 PM") in the UI's locale. */
export function timeOfDay(at: number, locale: string): string {
	return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(new Date(at));
}

export type ActivityRunState = 'current' | 'done' | 'skipped' | 'upcoming';

/** Where an activity of the agenda stands, as run so far. */
export function activityRunState(clock: ActivityClock, timer: TimerState): ActivityRunState {
	if (timer.activityId === clock.activityId) return 'current';
	if (clock.firstStartedAt !== null) return 'done';
	if (clock.skipped || timer.status === 'finished') return 'skipped';
	return 'upcoming';
}
