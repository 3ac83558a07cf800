import { describe, expect, it } from 'vitest';
import { deriveTimer, planFor, type TimerEvent } from '$lib/session';
import { activityRunState, countdown, formatClock } from '$lib/ui/console/timer-format';

const kit = {
	id: 'k',
	version: '1.0.0',
	agendas: [
		{
			id: 'a',
			activities: [
				{ id: 'one', kind: 'welcome', durationMinutes: 10 },
				{ id: 'two', kind: 'board', durationMinutes: 15 },
				{ id: 'three', kind: 'closing', durationMinutes: 5 }
			]
		}
	],
	stations: [],
	cases: []
};
const plan = planFor(kit, 'a');
let n = 0;
const event = (type: TimerEvent['type'], at: number, activityId: string | null = null, minutes: number | null = null): TimerEvent => ({
	id: `e${n++}`,
	type,
	at,
	deviceId: 'dev',
	activityId,
	minutes
});

describe('formatClock', () => {
	it('rounds time left up and time over down, with hours past 60 minutes', () => {
		expect(formatClock(15 * 60_000)).toBe('15:00');
		expect(formatClock(14 * 60_000 + 59_001)).toBe('15:00');
		expect(formatClock(400)).toBe('00:01');
		expect(formatClock(0)).toBe('00:00');
		expect(formatClock(61_900, 'down')).toBe('01:01');
		expect(formatClock(-61_900, 'down')).toBe('01:01');
		expect(formatClock(2 * 3_600_000 + 5 * 60_000)).toBe('2:05:00');
	});
});

describe('countdown and run states', () => {
	it('reads a running, extended, overtime and finished agenda', () => {
		const events = [event('start', 0), event('extend', 1000, 'one', 5)];
		let timer = deriveTimer(plan, events, 60_000);
		expect(countdown(timer)).toEqual({ text: '14:00', overtime: false });
		timer = deriveTimer(plan, events, 16 * 60_000 + 30_000);
		expect(countdown(timer)).toEqual({ text: '01:30', overtime: true });
		expect(timer.activities.map((c) => activityRunState(c, timer))).toEqual(['current', 'upcoming', 'upcoming']);

		const jumped = [...events, event('goto', 20 * 60_000, 'three')];
		timer = deriveTimer(plan, jumped, 21 * 60_000);
		expect(timer.activities.map((c) => activityRunState(c, timer))).toEqual(['done', 'skipped', 'current']);

		const done = [...jumped, event('next', 22 * 60_000, 'three')];
		timer = deriveTimer(plan, done, 23 * 60_000);
		expect(timer.status).toBe('finished');
		expect(timer.activities.map((c) => activityRunState(c, timer))).toEqual(['done', 'skipped', 'done']);
	});
});
