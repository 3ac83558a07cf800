/**
 * Pure helpers for notes boards: which kind of contribution an activity writes, the silent-mode
 * split, grouping by theme and counting one person's dots. No runes, no DOM.
 */
import type { ActivityKind } from '$lib/kits';
import type { ContributionKind, ContributionView, Theme, Vote } from '$lib/session';

/** The contribution kind an activity's notes are written as. */
export function noteKind(kind: ActivityKind): ContributionKind {
	if (kind === 'experts') return 'question';
	if (kind === 'dream') return 'dream';
	if (kind === 'registry') return 'impression';
	return 'note';
}

/**
 * While an activity is silent, a person sees their own notes only (by author id, so two people
 * sharing a tablet do not see each other's) and a count of the others.
 */
export function silentSplit(notes: readonly ContributionView[], personId: string): { own: ContributionView[]; others: number } {
	const own = notes.filter((n) => n.authorId === personId);
	return { own, others: notes.length - own.length };
}

export interface BoardSection {
	/** Theme id, or null for notes in no theme. */
	themeId: string | null;
	name: string | null;
	notes: ContributionView[];
}

/** Notes grouped by the activity's live themes (in creation order), then the unthemed ones. */
export function themeSections(notes: readonly ContributionView[], themes: readonly Pick<Theme, 'id' | 'name'>[], keepEmpty = false): BoardSection[] {
	const sections: BoardSection[] = themes.map((t) => ({ themeId: t.id, name: t.name, notes: notes.filter((n) => n.themeId === t.id) }));
	const known = new Set(themes.map((t) => t.id));
	const rest = notes.filter((n) => n.themeId === null || !known.has(n.themeId));
	const out = keepEmpty ? sections : sections.filter((s) => s.notes.length > 0);
	if (rest.length > 0 || out.length === 0) out.push({ themeId: null, name: null, notes: rest });
	return out;
}

/** How many of one person's counted dots sit on a note (or on notes merged into it). */
export function dotsOn(counted: readonly Vote[], personId: string, note: Pick<ContributionView, 'id' | 'merged' | 'activityId'>): number {
	const ids = new Set([note.id, ...note.merged]);
	return counted.filter((v) => v.voterId === personId && v.activityId === note.activityId && ids.has(v.contributionId)).length;
}

/** Notes a board renders at first and adds per "show more": enough to fill a projector or tablet. */
export const BOARD_PAGE = 60;

export interface BoardPage {
	/** The sections, each cut to its notes among the most recent `limit` (order kept), with its full count. */
	sections: (BoardSection & { total: number })[];
	/** Older notes left out by the limit. */
	hidden: number;
}

/**
 * Keeps the `limit` most recent notes across sections (the last ones in board order), so a note
 * just written always shows. A board of thousands of notes is not readable at once, and
 * rendering every card made large sessions slow to open; older notes come with "show more".
 */
export function recentNotes(sections: readonly BoardSection[], limit: number): BoardPage {
	const total = sections.reduce((n, s) => n + s.notes.length, 0);
	let skip = Math.max(0, total - Math.max(0, limit));
	const hidden = skip;
	const out = sections.map((section) => {
		const drop = Math.min(skip, section.notes.length);
		skip -= drop;
		return { ...section, notes: section.notes.slice(drop), total: section.notes.length };
	});
	return { sections: out, hidden };
}
