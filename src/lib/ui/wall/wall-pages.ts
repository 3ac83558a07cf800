/**
 * How the wall fits notes on a projector without scrolling: cards of a fixed size in a grid that
 * fills the space left under the title and the questions, one page at a time, pages taking turns.
 * Notes the facilitator put on the wall ("Montrer à l'écran") come first on every page. Pure: the
 * view measures the space and passes it in.
 */

/** Note card size in `em` of the notes area: three lines of text and a line of tags. */
export const WALL_NOTE = { width: 9.5, height: 4.7, gap: 0.5 } as const;

/** How long each page stays on screen when the notes need several. */
export const WALL_PAGE_MS = 15_000;

export interface WallGrid {
	columns: number;
	rows: number;
}

/** Columns and rows of cards that fit in `width` × `height` pixels, at `em` pixels per em (at least 1 × 1). */
export function wallGrid(width: number, height: number, em: number): WallGrid {
	const cell = (size: number) => (size + WALL_NOTE.gap) * em;
	return {
		columns: Math.max(1, Math.floor((width + WALL_NOTE.gap * em) / cell(WALL_NOTE.width))),
		rows: Math.max(1, Math.floor((height + WALL_NOTE.gap * em) / cell(WALL_NOTE.height)))
	};
}

export interface WallPage<T> {
	/** What is on screen now: featured notes first, then this page's share of the others. */
	shown: T[];
	/** Notes not on screen now ("+12 autres"). */
	others: number;
	pages: number;
	/** The page shown (0-based), within `pages`. */
	page: number;
}

/**
 * One page of notes for `slots` cards. Featured notes are on every page (as many as fit); the
 * others, in the order given (newest first), are cut into pages of what remains.
 */
export function wallPage<T>(featured: readonly T[], others: readonly T[], slots: number, page: number): WallPage<T> {
	const total = featured.length + others.length;
	const pinned = featured.slice(0, Math.max(1, slots));
	const free = Math.max(0, slots - pinned.length);
	// With no room left beside the featured notes, the others cannot take turns: they are counted.
	const pages = free === 0 || others.length === 0 ? 1 : Math.ceil(others.length / free);
	const current = ((page % pages) + pages) % pages;
	const rest = free === 0 ? [] : others.slice(current * free, current * free + free);
	const shown = [...pinned, ...rest];
	return { shown, others: total - shown.length, pages, page: current };
}
