/**
 * Continuation pages for text that does not fit one page at the smallest type a part allows:
 * the measured blocks (paragraphs, list items…) are dealt out to pages in order, a block never
 * split by this step (the screen splits a block taller than a page into smaller ones first).
 */

/** A block's vertical extent in its column, in any unit, from the top of the first block. */
export interface BlockExtent {
	top: number;
	bottom: number;
}

/**
 * Groups consecutive blocks into pages whose content height is at most `capacity`. Returns the
 * block indices of each page; a block taller than `capacity` gets a page of its own (the caller
 * splits such blocks beforehand; this keeps the order and never loses one).
 */
export function paginateBlocks(blocks: readonly BlockExtent[], capacity: number): number[][] {
	if (!(capacity > 0)) throw new RangeError(`capacity must be positive, got ${capacity}`);
	const pages: number[][] = [];
	let current: number[] = [];
	let start = 0;
	blocks.forEach((block, index) => {
		if (current.length > 0 && block.bottom - start > capacity) {
			pages.push(current);
			current = [];
		}
		if (current.length === 0) start = block.top;
		current.push(index);
	});
	if (current.length > 0) pages.push(current);
	return pages;
}

/**
 * The largest of `steps` (sorted from largest to smallest) for which `fits` is true, by binary
 * search (fitting is monotonic in type size); undefined when even the smallest does not fit.
 */
export function largestFitting(steps: readonly number[], fits: (step: number) => boolean): number | undefined {
	let lo = 0;
	let hi = steps.length - 1;
	let found: number | undefined;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const step = steps[mid] as number;
		if (fits(step)) {
			found = step;
			hi = mid - 1;
		} else {
			lo = mid + 1;
		}
	}
	return found;
}

/** Glossary terms in reading order for a language: alphabetical by the term as printed. */
export function glossaryOrder<T>(terms: readonly T[], termText: (term: T) => string, locale: string): T[] {
	const collator = new Intl.Collator(locale, { sensitivity: 'base' });
	return [...terms].sort((a, b) => collator.compare(termText(a), termText(b)));
}
