/**
 * Readings of a trace shared by the summary and the synthesis. They follow the session's own
 * rules (hidden and deleted notes left out, merged duplicates folded into their root, themes as
 * the facilitator organised them), but work on the trace so that files from other devices and
 * other towns can be read without their Y.Doc.
 */
import { participantCount as countParticipants, type CheckinPhase } from '$lib/session';
import type { Trace, TraceContribution } from './trace-schema';

/** A note as the summary shows it: visible, root of its merge chain, with its folded duplicates. */
export interface VisibleNote extends TraceContribution {
	mergedCount: number;
}

function rootOf(byId: ReadonlyMap<string, TraceContribution>, id: string): string {
	let current = id;
	const seen = new Set<string>();
	for (;;) {
		const next = byId.get(current)?.mergedInto;
		if (next == null || seen.has(current) || !byId.has(next)) return current;
		seen.add(current);
		current = next;
	}
}

/** Visible notes (not hidden, not deleted, merge roots), in trace order. */
export function visibleNotes(trace: Trace): VisibleNote[] {
	const byId = new Map(trace.contributions.map((c) => [c.id, c]));
	const folded = new Map<string, number>();
	for (const c of trace.contributions) {
		const root = rootOf(byId, c.id);
		if (root !== c.id) folded.set(root, (folded.get(root) ?? 0) + 1);
	}
	return trace.contributions
		.filter((c) => !c.hidden && !c.deleted && rootOf(byId, c.id) === c.id)
		.map((c) => ({ ...c, mergedCount: folded.get(c.id) ?? 0 }));
}

export interface ThemedActivity {
	activityId: string;
	themes: { id: string; name: string; notes: VisibleNote[] }[];
	unthemed: VisibleNote[];
	total: number;
}

/** Per activity of the agenda (in agenda order, then any others), its notes grouped by theme. */
export function notesByTheme(trace: Trace, notes: readonly VisibleNote[] = visibleNotes(trace)): ThemedActivity[] {
	const order = [...trace.agenda.map((a) => a.activityId)];
	for (const n of notes) if (!order.includes(n.activityId)) order.push(n.activityId);
	const liveThemes = trace.themes.filter((t) => !t.deleted);
	const out: ThemedActivity[] = [];
	for (const activityId of order) {
		const mine = notes.filter((n) => n.activityId === activityId);
		if (mine.length === 0) continue;
		const themes = liveThemes
			.filter((t) => t.activityId === activityId)
			.map((t) => ({ id: t.id, name: t.name, notes: mine.filter((n) => n.themeId === t.id) }))
			.filter((t) => t.notes.length > 0);
		const themed = new Set(themes.flatMap((t) => t.notes.map((n) => n.id)));
		out.push({ activityId, themes, unthemed: mine.filter((n) => !themed.has(n.id)), total: mine.length });
	}
	return out;
}

/** Distinct pseudonymous participants, by the session's rule (`participantIds` in $lib/session). */
export function participantCount(trace: Trace): number {
	return countParticipants(trace);
}

/** How many groups kept each card (kit cards and "other" cards alike). */
export function keptCards(trace: Trace): Map<string, number> {
	const groups = new Set(trace.groups.map((g) => g.id));
	const tally = new Map<string, number>();
	for (const c of trace.cardChoices) {
		if (c.chosen && groups.has(c.groupId)) tally.set(c.cardId, (tally.get(c.cardId) ?? 0) + 1);
	}
	return tally;
}

/** Check-in counts per value and phase (one answer per participant and phase, as stored). */
export function checkinCounts(trace: Trace): { start: Map<number, number>; end: Map<number, number> } {
	const out = { start: new Map<number, number>(), end: new Map<number, number>() };
	for (const c of trace.checkins) out[c.phase].set(c.value, (out[c.phase].get(c.value) ?? 0) + 1);
	return out;
}

/**
 * The check-in activity each phase's answers answered: as recorded on the answers, else (traces
 * from before kit format 2) the agenda's first check-in for "start" and its last for "end".
 */
export function checkinActivities(trace: Trace): Record<CheckinPhase, string | null> {
	const checkins = trace.agenda.filter((a) => a.kind === 'checkin').map((a) => a.activityId);
	const recorded = (phase: CheckinPhase) => trace.checkins.find((c) => c.phase === phase && c.activityId)?.activityId ?? null;
	return {
		start: recorded('start') ?? checkins[0] ?? null,
		end: recorded('end') ?? (checkins.length > 1 ? checkins[checkins.length - 1]! : null)
	};
}

export function mean(counts: ReadonlyMap<number, number>): number | null {
	let n = 0;
	let sum = 0;
	for (const [value, count] of counts) {
		n += count;
		sum += value * count;
	}
	return n === 0 ? null : sum / n;
}

/**
 * The pilot report's kind of reading of the grid, in buckets whose sentences are true whatever
 * the number of groups: every card lands in exactly one bucket. With one group, "all", "more than
 * half" and "fewer than half" would all describe the same thing wrongly, so its kept cards have a
 * bucket of their own (`only`). With no group there is nothing to read (every list is empty).
 */
export interface GridReading {
	groups: number;
	/** One group only: the cards it kept. */
	only: string[];
	/** Kept by every group (two groups or more). */
	all: string[];
	/** Kept by more than half of the groups, not all. */
	more: string[];
	/** Kept by exactly half of the groups (an even number of groups). */
	half: string[];
	/** Kept by at least one group, fewer than half. */
	fewer: string[];
	/** Cards no group kept (0 when there is no group: nothing was asked). */
	none: number;
	/** Cards read. */
	total: number;
}

/** Reads `cardIds` (kit order); within a bucket, most kept first, then kit order (ties keep it). */
export function gridReading(cardIds: readonly string[], kept: (cardId: string) => number, groups: number): GridReading {
	const reading: GridReading = { groups, only: [], all: [], more: [], half: [], fewer: [], none: 0, total: cardIds.length };
	if (groups <= 0) return reading;
	const order = [...cardIds].sort((a, b) => kept(b) - kept(a));
	for (const id of order) {
		const n = Math.min(kept(id), groups);
		if (n <= 0) reading.none++;
		else if (groups === 1) reading.only.push(id);
		else if (n === groups) reading.all.push(id);
		else if (2 * n > groups) reading.more.push(id);
		else if (2 * n === groups) reading.half.push(id);
		else reading.fewer.push(id);
	}
	return reading;
}

/**
 * For each card cited in case answers: in how many groups' processes (a group's answers to its
 * case) it appears, each process once. A process counts when it holds an answer with text or a
 * cited card: an answer field that was cleared is not a process.
 */
export function citedAcrossCases(trace: Trace): { processes: number; cards: { cardId: string; groups: number }[] } {
	const byCard = new Map<string, Set<string>>();
	const processes = new Set<string>();
	for (const a of trace.caseAnswers) {
		if (a.text.trim() === '' && a.citedCards.length === 0) continue;
		processes.add(`${a.groupId}:${a.caseId}`);
		for (const card of a.citedCards) {
			const set = byCard.get(card) ?? new Set<string>();
			set.add(`${a.groupId}:${a.caseId}`);
			byCard.set(card, set);
		}
	}
	const cards = [...byCard].map(([cardId, set]) => ({ cardId, groups: set.size })).sort((a, b) => b.groups - a.groups || (a.cardId < b.cardId ? -1 : 1));
	return { processes: processes.size, cards };
}
