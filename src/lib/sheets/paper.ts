/** Paper sizes a sheet prints on. The print stylesheet has one named `@page` per size. */
export const PAPER_SIZES = ['letter', 'a4'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** Millimetres, portrait. Letter first: it is the usual paper in Québec and the rest of Canada. */
export const PAPER_MM: Record<PaperSize, { width: number; height: number }> = {
	letter: { width: 215.9, height: 279.4 },
	a4: { width: 210, height: 297 }
};

export function isPaperSize(value: unknown): value is PaperSize {
	return typeof value === 'string' && (PAPER_SIZES as readonly string[]).includes(value);
}

/**
 * Paper a poster prints on: the room's large printer (tabloid, 11 × 17 in, or A3) or the usual
 * sheets. Letter and A4 keep the sizes above.
 */
export const POSTER_PAPER_SIZES = ['tabloid', 'a3', ...PAPER_SIZES] as const;
export type PosterPaperSize = (typeof POSTER_PAPER_SIZES)[number];

export const POSTER_PAPER_MM: Record<PosterPaperSize, { width: number; height: number }> = {
	tabloid: { width: 279.4, height: 431.8 },
	a3: { width: 297, height: 420 },
	...PAPER_MM
};

export function isPosterPaperSize(value: unknown): value is PosterPaperSize {
	return typeof value === 'string' && (POSTER_PAPER_SIZES as readonly string[]).includes(value);
}

/** The CSS `@page` `size` of a paper, portrait, in millimetres (exact for every size above). */
export function pageSizeCss(paper: PosterPaperSize): string {
	const { width, height } = POSTER_PAPER_MM[paper];
	return `${width}mm ${height}mm`;
}
