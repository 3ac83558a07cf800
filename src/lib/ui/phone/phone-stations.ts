/**
 * Which stations a phone can write at, and in which activity: the agenda's note-writing
 * activities that name the station. Pure (no runes, no DOM).
 */
import type { KitActivity, KitAgenda, KitStation } from '$lib/kits';

/** Activity kinds whose notes go to a station (the boards a phone shows). */
const NOTE_KINDS = new Set<KitActivity['kind']>(['board', 'dream', 'closing', 'experts', 'stations']);

export interface PhoneStation {
	station: KitStation;
	activities: KitActivity[];
}

/** Every station of the agenda that takes notes, in agenda order, each with its activities. */
export function phoneStations(agenda: KitAgenda, stations: readonly KitStation[]): PhoneStation[] {
	const byId = new Map<string, PhoneStation>();
	for (const activity of agenda.activities) {
		if (!NOTE_KINDS.has(activity.kind)) continue;
		for (const id of activity.stations ?? []) {
			const station = stations.find((s) => s.id === id);
			if (!station) continue;
			const entry = byId.get(id) ?? { station, activities: [] };
			entry.activities.push(activity);
			byId.set(id, entry);
		}
	}
	return [...byId.values()];
}

/** The activity a station's notes go to now: the current one when it names the station, else its first. */
export function stationActivity(entry: PhoneStation, currentActivityId: string | null): KitActivity {
	return entry.activities.find((a) => a.id === currentActivityId) ?? entry.activities[0]!;
}
