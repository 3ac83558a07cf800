/**
 * Measuring printed pages in the browser: the largest type at which a page's text fits, and,
 * when it does not fit at the smallest, the blocks of each continuation page. The decisions are
 * the pure ones of `$lib/print` (largestFitting, paginateBlocks); this file only measures.
 */
import { largestFitting, paginateBlocks } from '$lib/print';

export interface PageLayout {
	/** Type size of the pages, in points. */
	pt: number;
	/** Body HTML of each page (already sanitised kit HTML, cut between blocks). */
	pages: string[];
}

const TEXT_BLOCKS = new Set(['P', 'LI', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DD', 'DT']);

/** Escapes text for HTML the print screen composes around kit Markdown. */
export function escapeHtml(text: string): string {
	return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/**
 * Links mean nothing on paper (and would be empty targets on the preview): kept as their text.
 * Images load at once, so that the measure sees them.
 */
export function paperize(root: HTMLElement): void {
	for (const link of root.querySelectorAll('a')) {
		const span = document.createElement('span');
		span.className = 'was-link';
		span.append(...link.childNodes);
		link.replaceWith(span);
	}
	for (const img of root.querySelectorAll('img')) img.loading = 'eager';
}

/** A body that opens with the page's own title as a heading (most posters do) would print it twice. */
function dropRepeatedTitle(body: HTMLElement, title: string | undefined): void {
	const first = body.firstElementChild;
	const norm = (text: string) => text.replace(/\s+/g, ' ').trim().toLocaleLowerCase();
	if (title && first && /^H[1-3]$/.test(first.tagName) && norm(first.textContent ?? '') === norm(title)) first.remove();
}

/** Resolves when every image under `root` is decoded (or failed: a broken image has no height to wait for). */
export async function imagesReady(root: HTMLElement): Promise<void> {
	await Promise.all([...root.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined)));
	await document.fonts?.ready;
}

/**
 * How tall the body's content is, in CSS pixels: the lowest bottom of its blocks (the body is
 * positioned, so they measure from its top). Not `scrollHeight`, which never reads below the
 * body's own height.
 */
export function contentHeight(body: HTMLElement): number {
	let bottom = 0;
	for (const child of body.children) {
		if (child instanceof HTMLElement) bottom = Math.max(bottom, child.offsetTop + child.offsetHeight);
	}
	return bottom;
}

export function overflows(body: HTMLElement): boolean {
	return contentHeight(body) > body.clientHeight + 1;
}

/**
 * Lays out `html` in the measuring page: the largest of `steps` (points, largest first) at which
 * the body fits; else the smallest, cut into pages of at most `safety` × the body's height.
 */
export async function layoutPages(
	page: HTMLElement,
	body: HTMLElement,
	html: string,
	steps: readonly number[],
	safety: number,
	title?: string
): Promise<PageLayout> {
	body.innerHTML = html;
	paperize(body);
	dropRepeatedTitle(body, title);
	await imagesReady(page);
	const fitsAt = (pt: number) => {
		page.style.fontSize = `${pt}pt`;
		return contentHeight(body) <= body.clientHeight * safety;
	};
	const pt = largestFitting(steps, fitsAt);
	if (pt !== undefined) {
		page.style.fontSize = `${pt}pt`;
		return { pt, pages: [body.innerHTML] };
	}
	const min = steps[steps.length - 1] as number;
	page.style.fontSize = `${min}pt`;
	const capacity = body.clientHeight * safety;
	const blocks = splitBlocks(body, capacity);
	const extents = blocks.map((b) => ({ top: b.offsetTop, bottom: b.offsetTop + b.offsetHeight }));
	return { pt: min, pages: paginateBlocks(extents, capacity).map((ids) => ids.map((i) => (blocks[i] as HTMLElement).outerHTML).join('')) };
}

/**
 * The body's content as blocks small enough to deal to pages: lists become one block per item
 * (each in a copy of its list, numbering kept), and a text block taller than a page is cut
 * between words. Such a cut keeps the words but not their inline styling: it only happens to a
 * single paragraph longer than a whole page.
 */
function splitBlocks(body: HTMLElement, capacity: number): HTMLElement[] {
	const blocks: HTMLElement[] = [];
	for (const child of [...body.children] as HTMLElement[]) {
		if (child.tagName === 'UL' || child.tagName === 'OL') {
			const items = [...child.children] as HTMLElement[];
			const start = child instanceof HTMLOListElement ? child.start : 1;
			items.forEach((item, i) => {
				const list = child.cloneNode(false) as HTMLElement;
				if (list instanceof HTMLOListElement) list.start = start + i;
				list.classList.add('split-list');
				if (i === 0) list.classList.add('split-first');
				if (i === items.length - 1) list.classList.add('split-last');
				list.append(item);
				blocks.push(list);
			});
		} else {
			blocks.push(child);
		}
	}
	body.replaceChildren(...blocks);
	const out: HTMLElement[] = [];
	for (const block of blocks) {
		const target = block.classList.contains('split-list') ? (block.firstElementChild as HTMLElement) : block;
		if (block.offsetHeight > capacity && TEXT_BLOCKS.has(target.tagName)) {
			const pieces = splitByWords(body, block, capacity);
			block.replaceWith(...pieces);
			out.push(...pieces);
		} else {
			out.push(block);
		}
	}
	return out;
}

function splitByWords(body: HTMLElement, block: HTMLElement, capacity: number): HTMLElement[] {
	const listItem = block.classList.contains('split-list');
	let words = (block.textContent ?? '').split(/\s+/).filter(Boolean);
	const pieces: HTMLElement[] = [];
	const shell = (count: number) => {
		const copy = block.cloneNode(true) as HTMLElement;
		const target = listItem ? (copy.firstElementChild as HTMLElement) : copy;
		target.textContent = words.slice(0, count).join(' ');
		return copy;
	};
	const probe = document.createElement('div');
	probe.style.cssText = 'position:absolute;left:0;right:0;top:0;visibility:hidden';
	body.append(probe);
	while (words.length > 0) {
		let lo = 1;
		let hi = words.length;
		// At least one word per piece, so this always ends.
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			probe.replaceChildren(shell(mid));
			if ((probe.firstElementChild as HTMLElement).offsetHeight <= capacity) lo = mid;
			else hi = mid - 1;
		}
		const piece = shell(lo);
		if (pieces.length > 0) piece.classList.add('continued-block');
		pieces.push(piece);
		words = words.slice(lo);
	}
	probe.remove();
	return pieces;
}
