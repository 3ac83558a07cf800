/**
 * Pure readings of the card game and the fictional cases for the screens: which cards a group
 * kept, placed on the kit's grid; how many groups kept each card; which answers each case got.
 * No runes, no DOM, no hard-coded counts: everything follows the kit's grid and cases.
 */
import type { KitCard, KitCase, KitDimension, KitGrid } from '$lib/kits';
import type { CaseAnswer, GroupBoard, OtherCard } from '$lib/session';

/** A card as a group holds it: a kit card of one dimension, or one of its own "other" cards. */
export type GameCard = { kind: 'kit'; id: string; card: KitCard; dimension: KitDimension } | { kind: 'other'; id: string; other: OtherCard };

/** What the card game needs from a group's board (a `GroupBoard`, or nothing yet). */
export type BoardCards = Pick<GroupBoard, 'chosen' | 'otherCards'>;

/** Kit card id → the card and its dimension. */
export function cardIndex(grid: KitGrid): Map<string, { card: KitCard; dimension: KitDimension }> {
	const index = new Map<string, { card: KitCard; dimension: KitDimension }>();
	for (const dimension of grid.dimensions) for (const card of dimension.cards) index.set(card.id, { card, dimension });
	return index;
}

/** Resolves a card id for a group; undefined when it is neither a kit card nor one of its cards. */
export function resolveCard(index: ReturnType<typeof cardIndex>, otherCards: readonly OtherCard[], id: string): GameCard | undefined {
	const kit = index.get(id);
	if (kit) return { kind: 'kit', id, ...kit };
	const other = otherCards.find((o) => o.id === id);
	return other ? { kind: 'other', id, other } : undefined;
}

/** A group's choices placed on the grid: one column per dimension, then its "other" cards. */
export interface GridPlacement {
	dimensions: { dimension: KitDimension; kept: KitCard[]; notKept: KitCard[] }[];
	other: { other: OtherCard; kept: boolean }[];
	/** Kept cards, oldest choice first (kit and "other" cards). */
	kept: GameCard[];
	keep: number;
	/** More cards kept than the kit allows (two tablets chose at once): the group must drop some. */
	extra: number;
}

export function placeOnGrid(grid: KitGrid, board: BoardCards | undefined): GridPlacement {
	const index = cardIndex(grid);
	const otherCards = board?.otherCards ?? [];
	const kept: GameCard[] = [];
	for (const choice of board?.chosen ?? []) {
		const card = resolveCard(index, otherCards, choice.cardId);
		if (card) kept.push(card);
	}
	const keptIds = new Set(kept.map((c) => c.id));
	return {
		dimensions: grid.dimensions.map((dimension) => ({
			dimension,
			kept: dimension.cards.filter((c) => keptIds.has(c.id)),
			notKept: dimension.cards.filter((c) => !keptIds.has(c.id))
		})),
		other: otherCards.map((other) => ({ other, kept: keptIds.has(other.id) })),
		kept,
		keep: grid.keep,
		extra: Math.max(0, kept.length - grid.keep)
	};
}

/** How many groups kept each card: the reading the workshop report made by hand. */
export interface GridTally {
	/** Groups that kept at least one card (the base of every count). */
	groups: number;
	dimensions: { dimension: KitDimension; cards: { card: KitCard; groups: number }[] }[];
	/** Groups that kept at least one of their own "other" cards. */
	otherGroups: number;
	/**
	 * The scale of the bars: the number of groups (at least 1), as in the bilan's chart. A bar is
	 * full only when every group kept the card; scaling to the highest count drew "1 groupe sur 3"
	 * as a full bar whenever no card was kept by more than one group.
	 */
	max: number;
}

export function gridTally(grid: KitGrid, boards: readonly BoardCards[]): GridTally {
	const index = cardIndex(grid);
	const counts = new Map<string, number>();
	let groups = 0;
	let otherGroups = 0;
	for (const board of boards) {
		const ids = new Set(board.chosen.map((c) => c.cardId));
		const kit = [...ids].filter((id) => index.has(id));
		const other = board.otherCards.some((o) => ids.has(o.id));
		if (kit.length === 0 && !other) continue;
		groups++;
		if (other) otherGroups++;
		for (const id of kit) counts.set(id, (counts.get(id) ?? 0) + 1);
	}
	const dimensions = grid.dimensions.map((dimension) => ({
		dimension,
		cards: dimension.cards.map((card) => ({ card, groups: counts.get(card.id) ?? 0 }))
	}));
	return { groups, dimensions, otherGroups, max: Math.max(1, groups) };
}

/**
 * Cards a case answer may cite: the group's kept cards, plus cards the answer already cites
 * (a card put back after being cited stays listed, so it can be unticked).
 */
export function citableCards(grid: KitGrid | undefined, board: BoardCards | undefined, cited: readonly string[]): GameCard[] {
	if (!grid) return [];
	const placement = placeOnGrid(grid, board);
	const out = [...placement.kept];
	const index = cardIndex(grid);
	for (const id of cited) {
		if (out.some((c) => c.id === id)) continue;
		const card = resolveCard(index, board?.otherCards ?? [], id);
		if (card) out.push(card);
	}
	return out;
}

/** One group's work on one case, for the facilitator's case-by-case reading. */
export interface CaseGroupWork {
	groupId: string;
	name: string;
	/** The group currently works on this case (false: it answered, then chose another case). */
	assigned: boolean;
	answers: Map<string, CaseAnswer>;
	board: GroupBoard;
}

/** Every kit case with the groups working on it (assigned, or with answers to it). */
export function caseWork(cases: readonly KitCase[], boards: readonly GroupBoard[]): { kitCase: KitCase; groups: CaseGroupWork[] }[] {
	return cases.map((kitCase) => ({
		kitCase,
		groups: boards
			.filter((b) => b.caseId === kitCase.id || b.answers.some((a) => a.caseId === kitCase.id && a.text !== ''))
			.map((board) => ({
				groupId: board.groupId,
				name: board.name,
				assigned: board.caseId === kitCase.id,
				answers: new Map(board.answers.filter((a) => a.caseId === kitCase.id).map((a) => [a.questionId, a])),
				board
			}))
	}));
}

/** A group's answers to one case: how many of its questions have text, out of how many. */
export interface CaseProgress {
	answered: number;
	total: number;
}

export function caseProgress(kitCase: Pick<KitCase, 'id' | 'questions'>, board: Pick<GroupBoard, 'answers'> | undefined): CaseProgress {
	const questions = new Set(kitCase.questions.map((q) => q.id));
	const answered = new Set((board?.answers ?? []).filter((a) => a.caseId === kitCase.id && questions.has(a.questionId) && a.text.trim() !== '').map((a) => a.questionId));
	return { answered: answered.size, total: questions.size };
}

/**
 * Every case as a group choosing one sees it: how many groups work on it now, how many answered
 * it before moving on (their answers are kept), and this group's own progress on it. A group that
 * switched case still finds its earlier answers, instead of "no group" on the case it left.
 */
export interface CaseChoice {
	kitCase: KitCase;
	/** Groups whose current case this is. */
	working: number;
	/** Other groups that answered it, then chose another case. */
	answeredBefore: number;
	/** This group's answers to it (kept when it chose another case). */
	mine: CaseProgress;
	current: boolean;
}

export function caseChoices(cases: readonly KitCase[], boards: readonly GroupBoard[], groupId: string | null): CaseChoice[] {
	const own = boards.find((b) => b.groupId === groupId);
	return cases.map((kitCase) => ({
		kitCase,
		working: boards.filter((b) => b.caseId === kitCase.id).length,
		answeredBefore: boards.filter((b) => b.caseId !== kitCase.id && caseProgress(kitCase, b).answered > 0).length,
		mine: caseProgress(kitCase, own),
		current: own?.caseId === kitCase.id
	}));
}
