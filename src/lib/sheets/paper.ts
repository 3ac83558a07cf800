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
