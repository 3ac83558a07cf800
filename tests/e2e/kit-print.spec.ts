import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { expectNoAxeViolations, expectTabReachable, expectTouchTargets } from './support/axe';
import { pdfPageSizes } from './support/qr-decode';
import { readFolder } from './support/kit-zip';

/**
 * "Imprimer la trousse": the kit's posters, card deck, glossary booklet and case sheets, printed
 * from the kit on the device. Every check is made on the pages as printed (print media, then the
 * PDF Chromium prints): the number of pages, their size, and that no line of text and no card lies
 * outside the printable area or is clipped by its page.
 */
// Each test lays out and prints (PDF) dozens of pages at several sizes: minutes on a shared machine.
test.describe.configure({ timeout: 180_000 });

const MM_PX = 96 / 25.4;
/** The printable area's inset (src/lib/print SAFE_MARGIN_MM: a quarter inch). */
const SAFE_MM = 6.35;
const PDF_POINTS = { letter: [612, 792], a4: [595, 842], tabloid: [792, 1224] } as const;
type Paper = keyof typeof PDF_POINTS;
const PAPER_LABEL: Record<Paper, string> = { letter: 'Lettre (8,5 × 11 po)', a4: 'A4 (210 × 297 mm)', tabloid: 'Tabloïd (11 × 17 po)' };
const PAPER_MM: Record<Paper, [number, number]> = { letter: [215.9, 279.4], a4: [210, 297], tabloid: [279.4, 431.8] };

interface KitJson {
	id: string;
	version: string;
	title: Record<string, string>;
	languages: string[];
	posters: { id: string; body: Record<string, string> }[];
	glossary: { id: string; term: Record<string, string> }[];
	cases: { id: string; title: Record<string, string> }[];
	grid: { blankCards: number; dimensions: { id: string; title: Record<string, string>; cards: { id: string; title: Record<string, string>; question: Record<string, string> }[] }[] };
}
const bundled = (folder: string) => JSON.parse(readFileSync(`workshop-kits/${folder}/kit.json`, 'utf8')) as KitJson;
const cardCount = (kit: KitJson) => kit.grid.dimensions.reduce((n, d) => n + d.cards.length, 0) + kit.grid.blankCards;

async function choose(page: Page, part: RegExp, paper: Paper) {
	await page.getByRole('radio', { name: part }).check();
	await page.getByRole('radio', { name: PAPER_LABEL[paper] }).check();
	await ready(page);
}

/** Waits until every page is laid out and checked (the print button is enabled then). */
async function ready(page: Page) {
	await expect(page.locator('[data-fit="pending"], [data-fit="checking"]')).toHaveCount(0, { timeout: 30_000 });
	await expect(page.getByRole('button', { name: 'Imprimer', exact: true })).toBeEnabled();
}

/**
 * In print media: every page is exactly the paper (one after the other, a page break between
 * them), and every line of text and every card lies inside the printable area and inside the box
 * that clips it (a page's body, a card). Returns the problems found, empty when none.
 */
async function printedLayout(page: Page, paper: Paper): Promise<{ pages: number; problems: string[] }> {
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.app-header')).toBeHidden();
	await expect(page.getByRole('heading', { level: 1, name: 'Imprimer la trousse' })).toBeHidden();
	const result = await page.evaluate(
		({ safe, mmPx, size }) => {
			const problems: string[] = [];
			const pages = [...document.querySelectorAll<HTMLElement>('.print-page')];
			let previousBottom: number | undefined;
			pages.forEach((pageEl, index) => {
				const where = `${pageEl.dataset.part}/${pageEl.dataset.item} page ${pageEl.dataset.page ?? index + 1}`;
				const p = pageEl.getBoundingClientRect();
				if (Math.abs(p.width - size[0] * mmPx) > 1) problems.push(`${where}: width ${p.width}`);
				if (Math.abs(p.height - size[1] * mmPx) > 3) problems.push(`${where}: height ${p.height}`);
				if (previousBottom !== undefined && Math.abs(p.top - previousBottom) > 1) problems.push(`${where}: not right after the previous page`);
				if (index > 0 && getComputedStyle(pageEl).breakBefore !== 'page') problems.push(`${where}: no page break before`);
				previousBottom = p.bottom;
				const area = { left: p.left + safe * mmPx - 0.5, top: p.top + safe * mmPx - 0.5, right: p.right - safe * mmPx + 0.5, bottom: p.bottom - safe * mmPx + 0.5 };
				const outside = (r: DOMRect, box: { left: number; top: number; right: number; bottom: number }) =>
					r.left < box.left || r.top < box.top || r.right > box.right + 0.5 || r.bottom > box.bottom + 0.5;
				const walker = document.createTreeWalker(pageEl, NodeFilter.SHOW_TEXT);
				for (let node = walker.nextNode(); node; node = walker.nextNode()) {
					if (!node.textContent?.trim()) continue;
					const clip = node.parentElement?.closest('.page-body, .print-card')?.getBoundingClientRect();
					const range = document.createRange();
					range.selectNodeContents(node);
					for (const r of range.getClientRects()) {
						if (r.width === 0 || r.height === 0) continue;
						if (outside(r, area) || (clip && outside(r, clip))) {
							problems.push(`${where}: text cut off: “${node.textContent.trim().slice(0, 40)}”`);
							break;
						}
					}
				}
				for (const card of pageEl.querySelectorAll('.print-card')) {
					if (outside(card.getBoundingClientRect(), area)) problems.push(`${where}: card ${(card as HTMLElement).dataset.card} outside the printable area`);
				}
			});
			return { pages: pages.length, problems };
		},
		{ safe: SAFE_MM, mmPx: MM_PX, size: PAPER_MM[paper] }
	);
	// Back to no emulation: a forced 'screen' would also apply to page.pdf().
	await page.emulateMedia({ media: null });
	return result;
}

/** The printed PDF's page sizes, all checked against the paper; returns the page count. */
async function pdfPages(page: Page, paper: Paper, path?: string): Promise<number> {
	const sizes = pdfPageSizes(await page.pdf({ path, preferCSSPageSize: true, printBackground: true }));
	for (const s of sizes) expect([Math.round(s.width), Math.round(s.height)], paper).toEqual(PDF_POINTS[paper]);
	return sizes.length;
}

/** Prints a part at a paper and checks it: `expected` pages, nothing cut off, one PDF page per page. */
async function expectPrinted(page: Page, part: RegExp, paper: Paper, expected: number, pdfPath?: string) {
	await choose(page, part, paper);
	const layout = await printedLayout(page, paper);
	expect(layout.problems, `${part} on ${paper}`).toEqual([]);
	expect(layout.pages, `${part} on ${paper}`).toBe(expected);
	expect(await pdfPages(page, paper, pdfPath), `${part} on ${paper}: PDF pages`).toBe(expected);
}

test('the bundled kit prints its posters, cards, glossary and cases at Letter and A4, nothing cut off', async ({ page }) => {
	const kit = bundled('dialogue-ia-services-publics');
	// Reachable from the kit's screen.
	await page.goto(`/kit?key=${kit.id}@${kit.version}`);
	await page.getByRole('link', { name: 'Imprimer la trousse' }).click();
	await expect(page).toHaveURL(new RegExp(`/kit/print\\?key=${kit.id}%40${kit.version}$`));
	await expect(page.getByRole('heading', { level: 1, name: 'Imprimer la trousse' })).toBeVisible();
	await ready(page);

	// The screen: axe, touch targets, keyboard.
	await expectNoAxeViolations(page, 'print preview (posters)');
	await expectTouchTargets(page, 'print preview (posters)');
	await expectTabReachable(page, page.getByRole('button', { name: 'Imprimer', exact: true }), 'the print button');
	// The choices are radio groups: the one before the button is the language, French chosen.
	await page.keyboard.press('Shift+Tab');
	await expect(page.getByRole('radio', { name: 'français' })).toBeFocused();

	// Posters: one page each, at Letter, A4 and tabloid; a poster's body never repeats its title.
	for (const paper of ['letter', 'a4', 'tabloid'] as const) {
		await expectPrinted(page, /^Les affiches/, paper, kit.posters.length, paper === 'letter' ? 'test-results/kit-print-posters-letter.pdf' : undefined);
	}
	const first = page.locator('[data-part="posters"][data-item="quest-ce-que-l-ia"]');
	await expect(first.locator('.poster-title')).toHaveText('Qu\'est-ce que l\'intelligence artificielle?');
	await expect(first.locator('.page-body h1')).toHaveCount(0);
	await expect(first.locator('.credits')).toContainText('Licence : CC BY 4.0');
	const image = page.locator('[data-item="echelle-participation"] .poster-image');
	await expect(image).toBeVisible();
	expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

	// The card deck: six cards a sheet, every card and the blank "Autre" cards, with cut marks.
	const cards = cardCount(kit);
	for (const paper of ['letter', 'a4'] as const) {
		await expectPrinted(page, /^Le jeu de cartes/, paper, Math.ceil(cards / 6), paper === 'letter' ? 'test-results/kit-print-cards-letter.pdf' : undefined);
		await expect(page.locator('.print-card')).toHaveCount(cards);
		await expect(page.locator('.print-card.blank')).toHaveCount(kit.grid.blankCards);
		await expect(page.locator('.print-card.blank').first()).toContainText('Autre');
	}
	const dimension = kit.grid.dimensions[1]!;
	const card = page.locator(`[data-card="${dimension.id}/${dimension.cards[0]!.id}"]`);
	await expect(card.locator('.card-dimension')).toHaveText(dimension.title['fr-CA']!);
	await expect(card.locator('.card-title')).toHaveText(dimension.cards[0]!.title['fr-CA']!);
	await expect(card.locator('.card-question')).toHaveText(dimension.cards[0]!.question['fr-CA']!);
	// Marks on every cut line: 3 vertical and 4 horizontal lines, at both ends.
	await expect(page.locator('[data-item="sheet-1"] [data-cut-mark]')).toHaveCount((3 + 4) * 2);
	await page.locator('[data-item="sheet-1"]').screenshot({ path: 'test-results/kit-print-cards.png' });

	// Cases: one page each.
	for (const paper of ['letter', 'a4'] as const) await expectPrinted(page, /^Les cas fictifs/, paper, kit.cases.length);
	await expect(page.locator('[data-part="cases"] .page-body').first()).toContainText('Contexte');
	await expect(page.locator('[data-part="cases"] .write-lines')).toHaveCount(kit.cases.length * 2);

	// The glossary booklet: every term, alphabetical, none split across pages or columns.
	await page.getByRole('radio', { name: /^Le glossaire en livret/ }).check();
	await ready(page);
	const terms = page.locator('.booklet-term');
	await expect(terms).toHaveCount(kit.glossary.length);
	const printed = await terms.locator('dt').allTextContents();
	expect(new Set(printed)).toEqual(new Set(kit.glossary.map((t) => t.term['fr-CA'])));
	expect(printed).toEqual([...printed].sort(new Intl.Collator('fr-CA', { sensitivity: 'base' }).compare));
	expect(await terms.evaluateAll((els) => els.every((el) => getComputedStyle(el).breakInside === 'avoid'))).toBe(true);
	for (const paper of ['letter', 'a4'] as const) {
		await page.getByRole('radio', { name: PAPER_LABEL[paper] }).check();
		const pages = await pdfPages(page, paper, paper === 'letter' ? 'test-results/kit-print-glossary-letter.pdf' : undefined);
		expect(pages).toBeGreaterThanOrEqual(2);
	}
	await expectNoAxeViolations(page, 'print preview (glossary)');

	// In English: the pages change language, the blank cards read "Other".
	await page.getByRole('radio', { name: 'anglais' }).check();
	await page.getByRole('radio', { name: /^Le jeu de cartes/ }).check();
	await ready(page);
	await expect(card.locator('.card-title')).toHaveText(dimension.cards[0]!.title.en!);
	await expect(page.locator('.print-card.blank').first()).toContainText('Other');
	await expect(page.locator('[data-part="cards"]').first()).toHaveAttribute('lang', 'en');

	// The print button opens the browser's print dialog.
	await page.evaluate(() => {
		const w = window as unknown as { printed: number; print: () => void };
		w.printed = 0;
		w.print = () => void w.printed++;
	});
	await page.getByRole('button', { name: 'Imprimer', exact: true }).click();
	expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
	await expectNoAxeViolations(page, 'print preview (cards, en)');
	await expectTouchTargets(page, 'print preview (cards, en)');
});

test('the English library kit prints from the kits library, in its only language', async ({ page }) => {
	const kit = bundled('library-ai-conversation');
	await page.goto('/kits');
	await page.getByRole('listitem').filter({ hasText: kit.title.en! }).getByRole('link', { name: 'Imprimer la trousse' }).click();
	await expect(page).toHaveURL(new RegExp(`/kit/print\\?key=${kit.id}%40${kit.version}$`));
	await ready(page);
	// One language: no choice, the pages in English whatever the screen's language.
	await expect(page.getByRole('radio', { name: 'anglais' })).toHaveCount(0);
	await expect(page.locator('.print-page').first()).toHaveAttribute('lang', 'en');
	for (const paper of ['letter', 'a4'] as const) {
		await expectPrinted(page, /^Les affiches/, paper, kit.posters.length);
		await expectPrinted(page, /^Le jeu de cartes/, paper, Math.ceil(cardCount(kit) / 6));
		await expect(page.locator('.print-card.blank')).toContainText(['Other']);
		await expectPrinted(page, /^Les cas fictifs/, paper, kit.cases.length);
	}
	await expectNoAxeViolations(page, 'print preview (library kit)');
});

test('a kit with a very long poster and 50 cards: the poster continues on marked pages, the cards fill their sheets', async ({ page }) => {
	const folder = 'workshop-kits/dialogue-ia-services-publics';
	const files = readFolder(folder);
	const manifest = JSON.parse(new TextDecoder().decode(files['kit.json'])) as KitJson;
	manifest.id = 'trousse-a-imprimer';
	manifest.title = { 'fr-CA': 'Trousse à imprimer', en: 'Kit to print' };
	// 50 cards over two dimensions, with the longest texts the format allows, and 4 blank cards.
	const long = (word: string, max: number) => `${word} `.repeat(Math.ceil(max / (word.length + 1))).slice(0, max - 1) + '?';
	manifest.grid.blankCards = 4;
	manifest.grid.dimensions = [0, 1].map((d) => ({
		id: `dimension-${d + 1}`,
		title: { 'fr-CA': `Dimension ${d + 1}`, en: `Dimension ${d + 1}` },
		cards: Array.from({ length: 25 }, (_, i) => ({
			id: `carte-${d + 1}-${i + 1}`,
			title: { 'fr-CA': i === 0 ? long('Titre', 100) : `Carte ${d + 1}.${i + 1}`, en: `Card ${d + 1}.${i + 1}` },
			question: { 'fr-CA': i % 5 === 0 ? long('Pourquoi', 500) : `Question ${i + 1} de la dimension ${d + 1}?`, en: `Question ${i + 1}?` }
		}))
	}));
	// The first poster: headings, paragraphs, a long list and one paragraph longer than a page.
	const poster = manifest.posters[0]!;
	const sections = Array.from({ length: 12 }, (_, s) =>
		[`## Partie ${s + 1}`, `Paragraphe ${s + 1}. ${'Une phrase pour remplir la page. '.repeat(8)}`, ...Array.from({ length: 6 }, (_, i) => `- Point ${s + 1}.${i + 1} de la liste`)].join('\n\n')
	);
	const giant = `Fin du texte. ${'Un très long paragraphe qui ne tient pas sur une seule page. '.repeat(120)}Dernier mot.`;
	files[poster.body['fr-CA']!] = new TextEncoder().encode(`# Une très longue affiche\n\n${sections.join('\n\n')}\n\n${giant}\n`);
	files['kit.json'] = new TextEncoder().encode(JSON.stringify(manifest, null, '\t'));

	await page.goto('/kits');
	await page.getByLabel('Choisir un fichier .zip').setInputFiles({ name: 'trousse-a-imprimer.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(files)) });
	await expect(page.getByRole('status').filter({ hasText: 'a été importée' })).toBeVisible();
	await page.goto(`/kit/print?key=trousse-a-imprimer@${manifest.version}`);
	await ready(page);

	for (const paper of ['letter', 'a4'] as const) {
		await choose(page, /^Les affiches/, paper);
		const longPages = page.locator(`[data-part="posters"][data-item="${poster.id}"]`);
		const count = await longPages.count();
		expect(count, paper).toBeGreaterThan(2);
		if (paper === 'letter') await longPages.nth(1).screenshot({ path: 'test-results/kit-print-long-poster.png' });
		// Marked: "continued" at the foot of every page but the last, and at the top of every page but the first.
		await expect(longPages.locator('[data-continues]')).toHaveCount(count - 1);
		await expect(longPages.locator('[data-continued]')).toHaveCount(count - 1);
		await expect(longPages.nth(1).locator('[data-continued]')).toHaveText(`Suite, page 2 sur ${count}`);
		await expect(longPages.last().locator('.page-body')).toContainText('Dernier mot.');
		// Every word of the poster is printed once, in order.
		const text = (await longPages.locator('.page-body').allTextContents()).join(' ').replace(/\s+/g, ' ');
		for (let s = 1; s <= 12; s++) expect(text).toContain(`Point ${s}.6 de la liste`);
		expect(text.split('Un très long paragraphe').length - 1).toBe(120);
		// The other posters keep one page each.
		const expected = manifest.posters.length - 1 + count;
		const layout = await printedLayout(page, paper);
		expect(layout.problems, paper).toEqual([]);
		expect(layout.pages, paper).toBe(expected);
		expect(await pdfPages(page, paper, paper === 'letter' ? 'test-results/kit-print-long-poster.pdf' : undefined)).toBe(expected);

		// 50 cards and 4 blank ones: nine sheets of six, every card inside its sheet's printable area.
		await expectPrinted(page, /^Le jeu de cartes/, paper, 9);
		await expect(page.locator('.print-card')).toHaveCount(54);
		await expect(page.locator('.print-card.blank')).toHaveCount(4);
	}
	await expectNoAxeViolations(page, 'print preview (generated kit)');
});
