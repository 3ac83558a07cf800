import { describe, expect, it } from 'vitest';
import { incomingNotes } from '../../../src/lib/ui/console/incoming-notes';

const note = (id: string, activityId: string, deviceId: string, createdAt: number, deleted = false) => ({ id, activityId, deviceId, createdAt, deleted });

describe('notes that arrived elsewhere (console feed)', () => {
	const notes = [
		note('a', 'stations', 'phone-1', 100),
		note('b', 'stations', 'phone-2', 300),
		note('c', 'board', 'console', 400),
		note('d', 'board', 'tablet', 200),
		note('e', 'current', 'phone-1', 500),
		note('f', 'stations', 'phone-1', 600, true)
	];

	it('lists other devices’ notes outside the current activity, newest first, deleted ones left out', () => {
		const page = incomingNotes(notes, { currentActivityId: 'current', ownDeviceId: 'console', limit: 10 });
		expect(page.notes.map((n) => n.id)).toEqual(['b', 'd', 'a']);
		expect(page.more).toBe(0);
	});

	it('cuts to the limit and counts the rest', () => {
		const page = incomingNotes(notes, { currentActivityId: null, ownDeviceId: 'console', limit: 2 });
		expect(page.notes.map((n) => n.id)).toEqual(['e', 'b']);
		expect(page.more).toBe(2);
	});
});
