/**
 * What of a kit can be printed, and on which paper. One part prints at a time: posters go to the
 * room's large printer, cards and sheets to an ordinary one, so each print job has one paper size.
 */
import type { KitManifest } from '$lib/kits';
import { PAPER_SIZES, POSTER_PAPER_SIZES, type PosterPaperSize } from '$lib/sheets';

export const PRINT_PARTS = ['posters', 'cards', 'glossary', 'cases', 'stations'] as const;
export type PrintPart = (typeof PRINT_PARTS)[number];

export function isPrintPart(value: unknown): value is PrintPart {
	return typeof value === 'string' && (PRINT_PARTS as readonly string[]).includes(value);
}

/** The parts this kit has something to print for, in the order the screen offers them. */
export function printableParts(manifest: Pick<KitManifest, 'posters' | 'grid' | 'glossary' | 'cases' | 'stations'>): PrintPart[] {
	const has: Record<PrintPart, boolean> = {
		posters: manifest.posters.length > 0,
		cards: manifest.grid !== undefined,
		glossary: manifest.glossary.length > 0,
		cases: manifest.cases.length > 0,
		stations: manifest.stations.length > 0
	};
	return PRINT_PARTS.filter((part) => has[part]);
}

/** Paper sizes offered for a part: posters also on large paper, the rest on Letter or A4. */
export function papersFor(part: PrintPart): readonly PosterPaperSize[] {
	return part === 'posters' ? POSTER_PAPER_SIZES : PAPER_SIZES;
}

/**
 * Inset from the paper's edge, in millimetres, that every printer prints: a quarter inch, the
 * usual unprintable band of office printers. Nothing that must be read or cut along lies outside it.
 */
export const SAFE_MARGIN_MM = 6.35;

/** The page margin each part's pages are laid out with (all inside the safe margin). */
export const PAGE_MARGIN_MM: Record<PrintPart, number> = {
	posters: 12,
	cards: 12,
	glossary: 15,
	cases: 15,
	stations: 15
};

/**
 * Type sizes, in points, from the largest to the smallest a part may use: the layout picks the
 * largest at which a page's text fits. Posters are read on a wall from about 2 m, so their floor
 * stays high; past it, a poster continues on a second page rather than shrink further.
 */
export function typeSteps(part: PrintPart, paper: PosterPaperSize): number[] {
	const large = paper === 'tabloid' || paper === 'a3';
	const range: Record<PrintPart, [number, number]> = {
		posters: large ? [44, 20] : [32, 14],
		cards: [15, 7],
		glossary: [11, 11],
		cases: [16, 10],
		stations: large ? [48, 20] : [40, 16]
	};
	const [max, min] = range[part];
	const steps: number[] = [];
	for (let pt = max; pt >= min; pt -= max - min > 16 ? 2 : 1) steps.push(pt);
	if (steps.at(-1) !== min) steps.push(min);
	return steps;
}
