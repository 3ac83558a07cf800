/**
 * The sheets a facilitator can print for a session: one general "join" sheet (the phone lists the
 * stations) and one per station of the session's agenda, in agenda order, each with the phone
 * link its QR code carries. Stations of the kit outside the agenda get no sheet: no activity of
 * the session would collect what a phone writes there.
 */
import type { KitAgenda, KitStation } from '$lib/kits';
import { buildPhoneLink, takeHomeUrl } from '$lib/sync';

export type SheetPlan =
	| { id: 'join'; kind: 'join'; link: string }
	| { id: `station:${string}`; kind: 'station'; station: KitStation; link: string };

export interface SheetPlanInput {
	stations: readonly KitStation[];
	agenda: KitAgenda;
	hubOrigin: string;
	sessionId: string;
	key: string;
}

/** The kit's stations used by an agenda, in the order the agenda first uses them. */
export function agendaStations(stations: readonly KitStation[], agenda: KitAgenda): KitStation[] {
	const ids = [...new Set(agenda.activities.flatMap((a) => a.stations ?? []))];
	return ids.flatMap((id) => stations.filter((s) => s.id === id));
}

export function planSheets(input: SheetPlanInput): SheetPlan[] {
	const base = { sessionId: input.sessionId, key: input.key };
	const join: SheetPlan = { id: 'join', kind: 'join', link: buildPhoneLink(input.hubOrigin, { ...base, view: 'join', station: '' }) };
	return [
		join,
		...agendaStations(input.stations, input.agenda).map(
			(station): SheetPlan => ({
				id: `station:${station.id}`,
				kind: 'station',
				station,
				link: buildPhoneLink(input.hubOrigin, { ...base, view: 'station', station: station.id })
			})
		)
	];
}

/**
 * The take-home link shown on the wall at the end: the summary a device of the session published
 * on the hub (`/take-home/<id>`, see `$lib/sync` take-home). It carries no key and no fragment, so
 * a photo of the wall opens that summary and nothing else of the session.
 */
export function takeHomeLink(hubOrigin: string, sessionId: string, key: string): string {
	return takeHomeUrl(hubOrigin, sessionId, key);
}
