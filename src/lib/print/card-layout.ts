/**
 * The reflective grid's card deck on paper: which cards print (every dimension's cards, then the
 * kit's blank "other" cards) and how many fit on a sheet. Cards tile the sheet edge to edge inside
 * a margin, so one cut along each line separates them; cut marks sit in the margin on those lines.
 */
import type { KitGrid, LocalizedText } from '$lib/kits';
import { PAPER_MM, type PaperSize } from '$lib/sheets';
import { PAGE_MARGIN_MM } from './print-parts';

export type DeckCard =
	| { kind: 'card'; id: string; dimension: LocalizedText; title: LocalizedText; question: LocalizedText }
	| { kind: 'blank'; id: string; index: number };

/** Smallest card, in millimetres: room for a 100-character title and a 500-character question. */
export const CARD_MIN_MM = { width: 88, height: 80 } as const;

export interface CardSheetLayout {
	columns: number;
	rows: number;
	perSheet: number;
	/** One card's size, in millimetres. */
	card: { width: number; height: number };
	/** Offset of the card grid from the paper's top-left corner, in millimetres (centred). */
	origin: { x: number; y: number };
	paper: { width: number; height: number };
}

export function cardSheetLayout(paper: PaperSize): CardSheetLayout {
	const size = PAPER_MM[paper];
	const margin = PAGE_MARGIN_MM.cards;
	const usable = { width: size.width - 2 * margin, height: size.height - 2 * margin };
	const columns = Math.max(1, Math.floor(usable.width / CARD_MIN_MM.width));
	const rows = Math.max(1, Math.floor(usable.height / CARD_MIN_MM.height));
	const card = { width: usable.width / columns, height: usable.height / rows };
	return { columns, rows, perSheet: columns * rows, card, origin: { x: margin, y: margin }, paper: { ...size } };
}

/** Every card of the grid, dimension by dimension, then `blankCards` blank cards. */
export function deckCards(grid: KitGrid): DeckCard[] {
	const cards: DeckCard[] = grid.dimensions.flatMap((dimension) =>
		dimension.cards.map((card): DeckCard => ({
			kind: 'card',
			id: `${dimension.id}/${card.id}`,
			dimension: dimension.title,
			title: card.title,
			question: card.question
		}))
	);
	for (let index = 0; index < grid.blankCards; index++) cards.push({ kind: 'blank', id: `blank-${index + 1}`, index });
	return cards;
}

/** Splits items into pages of `perPage` (the last one may hold fewer). */
export function paginate<T>(items: readonly T[], perPage: number): T[][] {
	if (!Number.isInteger(perPage) || perPage < 1) throw new RangeError(`perPage must be a positive integer, got ${perPage}`);
	const pages: T[][] = [];
	for (let i = 0; i < items.length; i += perPage) pages.push(items.slice(i, i + perPage));
	return pages;
}

/** Where the cut lines fall, in millimetres from the paper's left and top edges. */
export function cutLines(layout: CardSheetLayout): { x: number[]; y: number[] } {
	const x = Array.from({ length: layout.columns + 1 }, (_, i) => layout.origin.x + i * layout.card.width);
	const y = Array.from({ length: layout.rows + 1 }, (_, i) => layout.origin.y + i * layout.card.height);
	return { x, y };
}
