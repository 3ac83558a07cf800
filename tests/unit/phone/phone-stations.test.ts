import { describe, expect, it } from 'vitest';
import type { KitAgenda, KitStation } from '$lib/kits';
import { phoneStations, stationActivity } from '$lib/ui/phone/phone-stations';
import { hubSignalingUrl } from '$lib/connect';

const station = (id: string) => ({ id, title: { 'fr-CA': id }, question: { 'fr-CA': '?' } }) as unknown as KitStation;
const agenda = {
	id: 'a',
	activities: [
		{ id: 'welcome', kind: 'welcome' },
		{ id: 'wall', kind: 'board', stations: ['s1'] },
		{ id: 'tour', kind: 'stations', stations: ['s2', 's1', 'missing'] },
		{ id: 'registry', kind: 'registry', stations: ['s3'] }
	]
} as unknown as KitAgenda;

describe('phone stations', () => {
	it('lists the note-writing stations in agenda order, each with its activities', () => {
		const list = phoneStations(agenda, [station('s1'), station('s2'), station('s3')]);
		expect(list.map((e) => [e.station.id, e.activities.map((a) => a.id)])).toEqual([
			['s1', ['wall', 'tour']],
			['s2', ['tour']]
		]);
	});
	it('writes to the current activity when it names the station, else to the first', () => {
		const [s1] = phoneStations(agenda, [station('s1')]);
		expect(stationActivity(s1!, 'tour').id).toBe('tour');
		expect(stationActivity(s1!, 'welcome').id).toBe('wall');
		expect(stationActivity(s1!, null).id).toBe('wall');
	});
	it('derives the hub’s signaling address from the page origin', () => {
		expect(hubSignalingUrl('http://192.168.1.10:8080')).toBe('ws://192.168.1.10:8080/signaling');
		expect(hubSignalingUrl('https://hub.local')).toBe('wss://hub.local/signaling');
		expect(hubSignalingUrl('file:///x')).toBeNull();
	});
});
