import type { CheckinPhase } from './session-schema';

/**
 * What the session model needs from the kit: the chosen agenda, its stations, the grid, the
 * cases and the check-in scale. `SessionKit` is a structural subset of the kit manifest, so a
 * validated `KitManifest` can be passed as is; the model never copies kit content into the doc.
 */
export interface SessionKitActivity {
	readonly id: string;
	readonly kind: string;
	readonly durationMinutes: number;
	readonly stations?: readonly string[];
	readonly silent?: boolean;
	readonly dots?: number;
}

export interface SessionKit {
	readonly id: string;
	readonly version: string;
	readonly agendas: readonly { readonly id: string; readonly activities: readonly SessionKitActivity[] }[];
	readonly stations: readonly { readonly id: string; readonly categories?: readonly { readonly id: string }[] }[];
	readonly grid?: {
		readonly keep: number;
		readonly blankCards: number;
		readonly dimensions: readonly { readonly id: string; readonly cards: readonly { readonly id: string }[] }[];
	};
	readonly cases: readonly { readonly id: string; readonly questions: readonly { readonly id: string }[] }[];
	/** The kit's check-in scale (`KitManifest.checkinScale`), shared by its check-in activities. */
	readonly checkinScale?: readonly { readonly value: number }[];
}

/** The kit resolved for one agenda, with lookups the operations use. */
export interface SessionPlan {
	readonly kitId: string;
	readonly kitVersion: string;
	readonly agendaId: string;
	readonly activities: readonly SessionKitActivity[];
	/** Station id → its category ids. */
	readonly stations: ReadonlyMap<string, ReadonlySet<string>>;
	readonly grid: {
		readonly keep: number;
		readonly blankCards: number;
		/** Card id → dimension id. */
		readonly cards: ReadonlyMap<string, string>;
	} | null;
	/** Case id → its question ids, in order. */
	readonly cases: ReadonlyMap<string, readonly string[]>;
	/** Allowed check-in values, in scale order; empty when the kit has no check-in. */
	readonly checkinScale: readonly number[];
}

export class UnknownAgendaError extends Error {
	constructor(readonly agendaId: string) {
		super(`Unknown agenda ${agendaId}`);
		this.name = 'UnknownAgendaError';
	}
}

/** Resolves a kit for one of its agendas; throws `UnknownAgendaError` when the kit lacks it. */
export function planFor(kit: SessionKit, agendaId: string): SessionPlan {
	const agenda = kit.agendas.find((a) => a.id === agendaId);
	if (!agenda) throw new UnknownAgendaError(agendaId);
	const cards = new Map<string, string>();
	for (const d of kit.grid?.dimensions ?? []) for (const c of d.cards) cards.set(c.id, d.id);
	return {
		kitId: kit.id,
		kitVersion: kit.version,
		agendaId,
		activities: agenda.activities,
		stations: new Map(kit.stations.map((s) => [s.id, new Set((s.categories ?? []).map((c) => c.id))])),
		grid: kit.grid ? { keep: kit.grid.keep, blankCards: kit.grid.blankCards, cards } : null,
		cases: new Map(kit.cases.map((c) => [c.id, c.questions.map((q) => q.id)])),
		checkinScale: (kit.checkinScale ?? []).map((s) => s.value)
	};
}

/**
 * The phase a check-in activity's answers are stored under: the agenda's first check-in is
 * "start", any later one "end" (a format-2 kit has at most two, each with its own question).
 */
export function checkinPhaseOf(activities: readonly { readonly id: string; readonly kind: string }[], activityId: string): CheckinPhase {
	return activities.find((a) => a.kind === 'checkin')?.id === activityId ? 'start' : 'end';
}

/**
 * The check-in activity whose question the answers of a phase answered: the first check-in for
 * "start", the last one for "end" (undefined when the agenda has no check-in for that phase).
 */
export function checkinActivityOf<A extends { readonly id: string; readonly kind: string }>(activities: readonly A[], phase: CheckinPhase): A | undefined {
	const checkins = activities.filter((a) => a.kind === 'checkin');
	return phase === 'start' ? checkins[0] : checkins.length > 1 ? checkins[checkins.length - 1] : undefined;
}

export function findActivity(plan: SessionPlan, activityId: string): SessionKitActivity | undefined {
	return plan.activities.find((a) => a.id === activityId);
}
