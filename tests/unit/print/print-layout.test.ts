import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readKitSource, withKitDefaults, type KitGrid, type KitManifest } from '$lib/kits';
import {
	cardSheetLayout,
	cutLines,
	deckCards,
	glossaryOrder,
	largestFitting,
	paginate,
	paginateBlocks,
	papersFor,
	printableParts,
	SAFE_MARGIN_MM,
	typeSteps,
	CARD_MIN_MM
} from '$lib/print';
import { PAPER_MM, POSTER_PAPER_MM, pageSizeCss } from '$lib/sheets';

/** A bundled kit's manifest as the app sees it: read in its own format version, defaults filled in. */
function manifest(folder: string): KitManifest {
	const read = readKitSource(JSON.parse(readFileSync(`workshop-kits/${folder}/kit.json`, 'utf8')));
	if (!read.ok) throw new Error(`workshop-kits/${folder}/kit.json does not read: ${JSON.stringify(read.problem)}`);
	return withKitDefaults(read.value.source);
}

describe('card sheets', () => {
	it('fits six cards of at least the minimum size on Letter and on A4, inside the safe margin', () => {
		for (const paper of ['letter', 'a4'] as const) {
			const layout = cardSheetLayout(paper);
			expect([layout.columns, layout.rows, layout.perSheet], paper).toEqual([2, 3, 6]);
			expect(layout.card.width).toBeGreaterThanOrEqual(CARD_MIN_MM.width);
			expect(layout.card.height).toBeGreaterThanOrEqual(CARD_MIN_MM.height);
			const { x, y } = cutLines(layout);
			expect(x).toHaveLength(3);
			expect(y).toHaveLength(4);
			expect(x[0]).toBeGreaterThanOrEqual(SAFE_MARGIN_MM);
			expect(y[0]).toBeGreaterThanOrEqual(SAFE_MARGIN_MM);
			expect(x.at(-1)!).toBeLessThanOrEqual(PAPER_MM[paper].width - SAFE_MARGIN_MM + 1e-9);
			expect(y.at(-1)!).toBeLessThanOrEqual(PAPER_MM[paper].height - SAFE_MARGIN_MM + 1e-9);
		}
		// The cards differ between the two papers: A4 is narrower and taller.
		expect(cardSheetLayout('a4').card.height).toBeGreaterThan(cardSheetLayout('letter').card.height);
		expect(cardSheetLayout('a4').card.width).toBeLessThan(cardSheetLayout('letter').card.width);
	});

	it('deals the bundled grid and its blank cards in order, dimension by dimension', () => {
		const grid = manifest('dialogue-ia-services-publics').grid!;
		const deck = deckCards(grid);
		const cardCount = grid.dimensions.reduce((n, d) => n + d.cards.length, 0);
		expect(deck).toHaveLength(cardCount + grid.blankCards);
		expect(deck.slice(0, grid.dimensions[0]!.cards.length).every((c) => c.kind === 'card' && c.dimension === grid.dimensions[0]!.title)).toBe(true);
		expect(deck.slice(cardCount).map((c) => c.kind)).toEqual(Array(grid.blankCards).fill('blank'));
		expect(new Set(deck.map((c) => c.id)).size).toBe(deck.length);
	});

	it('paginates 50 cards and 3 blank cards into sheets of six', () => {
		const grid: KitGrid = {
			title: { 'fr-CA': 'Grille' },
			keep: 4,
			blankCards: 3,
			dimensions: [{ id: 'd', title: { 'fr-CA': 'D' }, cards: Array.from({ length: 50 }, (_, i) => ({ id: `c${i}`, title: { 'fr-CA': `C${i}` }, question: { 'fr-CA': '?' } })) }]
		};
		const sheets = paginate(deckCards(grid), cardSheetLayout('letter').perSheet);
		expect(sheets.map((s) => s.length)).toEqual([6, 6, 6, 6, 6, 6, 6, 6, 5]);
		expect(sheets.at(-1)!.slice(-3).map((c) => c.kind)).toEqual(['blank', 'blank', 'blank']);
		expect(paginate([], 6)).toEqual([]);
		expect(() => paginate([1], 0)).toThrow(RangeError);
	});
});

describe('continuation pages', () => {
	it('keeps blocks in order and never puts more than the capacity on a page', () => {
		// Seeded: a failure prints the seed and replays.
		const seed = 20261205;
		let state = seed;
		const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
		for (let round = 0; round < 50; round++) {
			let top = 0;
			const blocks = Array.from({ length: 1 + Math.floor(random() * 60) }, () => {
				const block = { top, bottom: top + 5 + random() * 80 };
				top = block.bottom + random() * 10;
				return block;
			});
			const capacity = 100;
			const pages = paginateBlocks(blocks, capacity);
			expect(pages.flat(), `seed ${seed} round ${round}`).toEqual(blocks.map((_, i) => i));
			for (const page of pages) {
				expect(blocks[page.at(-1)!]!.bottom - blocks[page[0]!]!.top, `seed ${seed} round ${round}`).toBeLessThanOrEqual(capacity);
			}
			// Greedy: the next page's first block would not have fitted on the previous page.
			for (let p = 1; p < pages.length; p++) {
				const previous = pages[p - 1]!;
				expect(blocks[pages[p]![0]!]!.bottom - blocks[previous[0]!]!.top).toBeGreaterThan(capacity);
			}
		}
	});

	it('gives a block taller than a page a page of its own', () => {
		expect(paginateBlocks([{ top: 0, bottom: 10 }, { top: 12, bottom: 300 }, { top: 302, bottom: 310 }], 100)).toEqual([[0], [1], [2]]);
		expect(paginateBlocks([], 100)).toEqual([]);
		expect(() => paginateBlocks([], 0)).toThrow(RangeError);
	});

	it('finds the largest type size that fits', () => {
		const steps = typeSteps('posters', 'letter');
		expect(largestFitting(steps, (pt) => pt <= 22)).toBe(22);
		expect(largestFitting(steps, () => true)).toBe(steps[0]);
		expect(largestFitting(steps, () => false)).toBeUndefined();
	});
});

describe('parts and papers', () => {
	it('offers large paper for posters only, and type readable on a wall from 2 m', () => {
		expect(papersFor('posters')).toEqual(['tabloid', 'a3', 'letter', 'a4']);
		expect(papersFor('cards')).toEqual(['letter', 'a4']);
		expect(Math.min(...typeSteps('posters', 'letter'))).toBeGreaterThanOrEqual(14);
		expect(Math.min(...typeSteps('posters', 'tabloid'))).toBeGreaterThanOrEqual(20);
		for (const paper of ['tabloid', 'letter'] as const) {
			const steps = typeSteps('posters', paper);
			expect([...steps].sort((a, b) => b - a)).toEqual(steps);
		}
		expect(pageSizeCss('tabloid')).toBe('279.4mm 431.8mm');
		expect(POSTER_PAPER_MM.a3).toEqual({ width: 297, height: 420 });
	});

	it('lists what each bundled kit can print', () => {
		expect(printableParts(manifest('dialogue-ia-services-publics'))).toEqual(['posters', 'cards', 'glossary', 'cases', 'stations']);
		const bare = { ...manifest('library-ai-conversation'), grid: undefined, cases: [], stations: [] };
		expect(printableParts(bare)).toEqual(['posters', 'glossary']);
	});

	it('orders the glossary as it reads in the print language', () => {
		const terms = [{ t: 'Éthique' }, { t: 'biais' }, { t: 'Algorithme' }, { t: 'données' }];
		expect(glossaryOrder(terms, (x) => x.t, 'fr-CA').map((x) => x.t)).toEqual(['Algorithme', 'biais', 'données', 'Éthique']);
	});
});
