/**
 * Derived, read-only views over a validated snapshot: what screens and exports show. Pure
 * functions of (snapshot, plan); the model caches the snapshot, so they stay cheap.
 *
 * Merge rules that keep the shared result fair whatever order devices synced in:
 * - votes: per participant and activity, only the first `dots` votes (by time) count, so a
 *   participant voting from two tablets at once cannot exceed the budget;
 * - merged duplicates fold into the root of their merge chain, votes included.
 */
import type { SessionPlan } from './session-plan';
import { findActivity } from './session-plan';
import type { SessionSnapshot } from './session-read';
import type { CardChoice, CaseAnswer, CheckinPhase, Contribution, ContributionKind, OtherCard, Vote } from './session-schema';

/**
 * What several views derive from the same snapshot (contributions by id, counted votes, dots per
 * note, merge chains), built once per snapshot: a board reads them through three or four views per
 * render, each a pass over every note and vote of the session. Snapshots are never changed once
 * read (the model reads a new one after every doc change), so the snapshot object is the key.
 */
interface Shared {
	byId: ReadonlyMap<string, Contribution>;
	counted: readonly Vote[];
	votes: ReadonlyMap<string, number>;
	/** Merge root → ids merged into it (directly or through a chain). */
	merged: ReadonlyMap<string, string[]>;
}

const sharedBySnapshot = new WeakMap<SessionSnapshot, WeakMap<SessionPlan, Shared>>();

function shared(snapshot: SessionSnapshot, plan: SessionPlan): Shared {
	let byPlan = sharedBySnapshot.get(snapshot);
	if (!byPlan) sharedBySnapshot.set(snapshot, (byPlan = new WeakMap()));
	let out = byPlan.get(plan);
	if (!out) {
		const byId = new Map(snapshot.contributions.map((c) => [c.id, c]));
		const counted = computeCountedVotes(snapshot, plan);
		const votes = new Map<string, number>();
		for (const vote of counted) {
			if (!byId.has(vote.contributionId)) continue;
			const root = mergeRoot(byId, vote.contributionId);
			votes.set(root, (votes.get(root) ?? 0) + 1);
		}
		const merged = new Map<string, string[]>();
		for (const c of snapshot.contributions) {
			const root = mergeRoot(byId, c.id);
			if (root === c.id) continue;
			const list = merged.get(root);
			if (list) list.push(c.id);
			else merged.set(root, [c.id]);
		}
		out = { byId, counted, votes, merged };
		byPlan.set(plan, out);
	}
	return out;
}

function computeCountedVotes(snapshot: SessionSnapshot, plan: SessionPlan): Vote[] {
	const used = new Map<string, number>();
	const out: Vote[] = [];
	for (const vote of snapshot.votes) {
		if (vote.withdrawnAt !== null) continue;
		const dots = findActivity(plan, vote.activityId)?.dots ?? 0;
		const key = `${vote.activityId}:${vote.voterId}`;
		const n = used.get(key) ?? 0;
		if (n >= dots) continue;
		used.set(key, n + 1);
		out.push(vote);
	}
	return out;
}

/** Votes that count: not withdrawn, on a known activity with dots, within each voter's budget. */
export function countedVotes(snapshot: SessionSnapshot, plan: SessionPlan): Vote[] {
	return [...shared(snapshot, plan).counted];
}

/** Follows `mergedInto` links to the contribution that represents a merged group. */
export function mergeRoot(byId: ReadonlyMap<string, Contribution>, id: string): string {
	let current = id;
	const seen = new Set<string>();
	for (;;) {
		const next = byId.get(current)?.mergedInto;
		if (next == null || seen.has(current) || !byId.has(next)) return current;
		seen.add(current);
		current = next;
	}
}

/** Dots per contribution (on merge roots). */
export function voteCounts(snapshot: SessionSnapshot, plan: SessionPlan): Map<string, number> {
	return new Map(shared(snapshot, plan).votes);
}

/** Dots a participant has left in an activity. */
export function remainingDots(snapshot: SessionSnapshot, plan: SessionPlan, activityId: string, voterId: string): number {
	const dots = findActivity(plan, activityId)?.dots ?? 0;
	const used = shared(snapshot, plan).counted.filter((v) => v.activityId === activityId && v.voterId === voterId).length;
	return Math.max(0, dots - used);
}

/** A contribution as screens show it: with its dots and the duplicates merged into it. */
export interface ContributionView extends Contribution {
	votes: number;
	/** Ids of the contributions merged into this one (directly or through a chain). */
	merged: string[];
}

export interface ContributionFilter {
	activityId?: string;
	stationId?: string | null;
	categoryId?: string | null;
	groupId?: string | null;
	/** A theme id, or `null` for notes in no (live) theme. */
	themeId?: string | null;
	kind?: ContributionKind;
	/** Include contributions hidden by moderation (facilitator views, exports). */
	includeHidden?: boolean;
	/** Include soft-deleted contributions (the "bin", exports). */
	includeDeleted?: boolean;
	/** List merged duplicates as their own entries too, instead of folding them into their root. */
	includeMerged?: boolean;
	/** Silent mode: while the activity is silent, only this device's own notes are listed. */
	viewer?: Viewer;
}

/** Who looks: a device sees its own notes during a silent activity; `seeAll` bypasses silence. */
export interface Viewer {
	deviceId: string;
	seeAll?: boolean;
}

/** True while a kit-silent activity has not been revealed. */
export function isSilent(snapshot: SessionSnapshot, plan: SessionPlan, activityId: string): boolean {
	return findActivity(plan, activityId)?.silent === true && !snapshot.reveals.some((r) => r.activityId === activityId);
}

/** Contributions matching a filter, oldest first, with vote counts. */
export function contributionViews(snapshot: SessionSnapshot, plan: SessionPlan, filter: ContributionFilter = {}): ContributionView[] {
	const { byId, votes, merged } = shared(snapshot, plan);
	const liveThemes = new Set(snapshot.themes.filter((t) => !t.deleted).map((t) => t.id));
	const silent = new Map<string, boolean>();
	const silentFor = (activityId: string) => {
		if (!silent.has(activityId)) silent.set(activityId, isSilent(snapshot, plan, activityId));
		return silent.get(activityId)!;
	};
	const out: ContributionView[] = [];
	for (const c of snapshot.contributions) {
		if (filter.activityId !== undefined && c.activityId !== filter.activityId) continue;
		if (filter.stationId !== undefined && c.stationId !== filter.stationId) continue;
		if (filter.categoryId !== undefined && c.categoryId !== filter.categoryId) continue;
		if (filter.groupId !== undefined && c.groupId !== filter.groupId) continue;
		if (filter.kind !== undefined && c.kind !== filter.kind) continue;
		const themeId = c.themeId !== null && liveThemes.has(c.themeId) ? c.themeId : null;
		if (filter.themeId !== undefined && themeId !== filter.themeId) continue;
		if (c.hidden && !filter.includeHidden) continue;
		if (c.deleted && !filter.includeDeleted) continue;
		if (!filter.includeMerged && mergeRoot(byId, c.id) !== c.id) continue;
		const viewer = filter.viewer;
		if (viewer && !viewer.seeAll && c.deviceId !== viewer.deviceId && silentFor(c.activityId)) continue;
		out.push({ ...c, themeId, votes: votes.get(c.id) ?? 0, merged: [...(merged.get(c.id) ?? [])] });
	}
	return out;
}

export interface ActivityCounts {
	/** Visible contributions (not hidden, not deleted; merged duplicates included). */
	total: number;
	hidden: number;
	deleted: number;
	byStation: Record<string, number>;
	byCategory: Record<string, number>;
	byKind: Partial<Record<ContributionKind, number>>;
}

/** Contribution counts per activity (visible ones by station, category and kind). */
export function countsByActivity(snapshot: SessionSnapshot): Record<string, ActivityCounts> {
	const out: Record<string, ActivityCounts> = {};
	for (const c of snapshot.contributions) {
		const counts = (out[c.activityId] ??= { total: 0, hidden: 0, deleted: 0, byStation: {}, byCategory: {}, byKind: {} });
		if (c.deleted) counts.deleted++;
		else if (c.hidden) counts.hidden++;
		else {
			counts.total++;
			if (c.stationId !== null) counts.byStation[c.stationId] = (counts.byStation[c.stationId] ?? 0) + 1;
			if (c.categoryId !== null) counts.byCategory[c.categoryId] = (counts.byCategory[c.categoryId] ?? 0) + 1;
			counts.byKind[c.kind] = (counts.byKind[c.kind] ?? 0) + 1;
		}
	}
	return out;
}

/** One theme of an activity with its (visible, folded) contributions. */
export interface ThemeView {
	id: string;
	activityId: string;
	name: string;
	contributions: ContributionView[];
	votes: number;
}

/** Live themes of an activity with their contributions; `unthemed` holds the rest. */
export function themeViews(snapshot: SessionSnapshot, plan: SessionPlan, activityId: string): { themes: ThemeView[]; unthemed: ContributionView[] } {
	const all = contributionViews(snapshot, plan, { activityId });
	const themes = snapshot.themes
		.filter((t) => t.activityId === activityId && !t.deleted)
		.map((t) => {
			const contributions = all.filter((c) => c.themeId === t.id);
			return { id: t.id, activityId, name: t.name, contributions, votes: contributions.reduce((n, c) => n + c.votes, 0) };
		});
	return { themes, unthemed: all.filter((c) => c.themeId === null) };
}

/** A group's card-game table: chosen cards (oldest choice first), its "other" cards, its case. */
export interface GroupBoard {
	groupId: string;
	name: string;
	chosen: CardChoice[];
	otherCards: OtherCard[];
	keep: number;
	/** Chosen cards reached the kit's `keep` count. */
	full: boolean;
	/** More than `keep` chosen (two tablets chose at once); the UI asks the group to drop one. */
	overKeep: boolean;
	caseId: string | null;
	answers: CaseAnswer[];
}

/** All groups side by side, in creation order. */
export function groupBoards(snapshot: SessionSnapshot, plan: SessionPlan): GroupBoard[] {
	const keep = plan.grid?.keep ?? 0;
	return snapshot.groups.map((g) => {
		const chosen = snapshot.cardChoices.filter((c) => c.groupId === g.id && c.chosen);
		const caseId = snapshot.caseAssignments.find((a) => a.groupId === g.id)?.caseId ?? null;
		return {
			groupId: g.id,
			name: g.name,
			chosen,
			otherCards: snapshot.otherCards.filter((o) => o.groupId === g.id),
			keep,
			full: chosen.length >= keep,
			overKeep: chosen.length > keep,
			caseId,
			answers: snapshot.caseAnswers.filter((a) => a.groupId === g.id)
		};
	});
}

/** How many groups kept each kit card (the report's "kept by several groups" reading). */
export function cardTally(snapshot: SessionSnapshot, plan: SessionPlan): Map<string, number> {
	const tally = new Map<string, number>();
	for (const id of plan.grid?.cards.keys() ?? []) tally.set(id, 0);
	const groups = new Set(snapshot.groups.map((g) => g.id));
	for (const c of snapshot.cardChoices) {
		if (c.chosen && !c.other && groups.has(c.groupId) && tally.has(c.cardId)) tally.set(c.cardId, tally.get(c.cardId)! + 1);
	}
	return tally;
}

/** Anonymous check-in results: counts per scale value, and the before/after change. */
export interface CheckinSummary {
	scale: readonly number[];
	counts: Record<CheckinPhase, Record<number, number>>;
	responses: Record<CheckinPhase, number>;
	mean: Record<CheckinPhase, number | null>;
	/** Participants who answered both phases (by position on the scale). */
	paired: { count: number; higher: number; same: number; lower: number; meanChange: number | null };
}

export function checkinSummary(snapshot: SessionSnapshot, plan: SessionPlan): CheckinSummary {
	const scale = plan.checkinScale;
	const counts: CheckinSummary['counts'] = { start: {}, end: {} };
	for (const value of scale) {
		counts.start[value] = 0;
		counts.end[value] = 0;
	}
	const byParticipant = new Map<string, Partial<Record<CheckinPhase, number>>>();
	for (const c of snapshot.checkins) {
		if (!scale.includes(c.value)) continue;
		counts[c.phase][c.value] = (counts[c.phase][c.value] ?? 0) + 1;
		const entry = byParticipant.get(c.participantId) ?? {};
		entry[c.phase] = c.value;
		byParticipant.set(c.participantId, entry);
	}
	const phaseValues = (phase: CheckinPhase) => [...byParticipant.values()].flatMap((e) => (e[phase] === undefined ? [] : [e[phase]]));
	const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
	const changes = [...byParticipant.values()].flatMap((e) =>
		e.start === undefined || e.end === undefined ? [] : [scale.indexOf(e.end) - scale.indexOf(e.start)]
	);
	return {
		scale,
		counts,
		responses: { start: phaseValues('start').length, end: phaseValues('end').length },
		mean: { start: mean(phaseValues('start')), end: mean(phaseValues('end')) },
		paired: {
			count: changes.length,
			higher: changes.filter((d) => d > 0).length,
			same: changes.filter((d) => d === 0).length,
			lower: changes.filter((d) => d < 0).length,
			meanChange: mean(changes)
		}
	};
}
