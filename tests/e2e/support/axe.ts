import { createRequire } from 'node:module';
import { expect, type Locator, type Page } from '@playwright/test';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page against WCAG 2.0/2.1/2.2 A and AA rules and fails with a readable
 * list of violations. The page must be in the state to check (dialogs open, data loaded).
 */
export async function expectNoAxeViolations(page: Page, context = 'page'): Promise<void> {
	const loaded = await page.evaluate(() => 'axe' in window);
	if (!loaded) await page.addScriptTag({ path: axePath });
	const violations = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
		const result = await axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
			resultTypes: ['violations']
		});
		return result.violations;
	});
	const readable = (violations as AxeViolation[]).map(
		(v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n  ')}`
	);
	expect(readable, `axe violations on ${context}`).toEqual([]);
}

/** Fails when any visible interactive element is smaller than 44 × 44 CSS pixels. */
export async function expectTouchTargets(page: Page, context = 'page'): Promise<void> {
	const small = await page.evaluate(() => {
		const selector = 'button, a[href], input:not([type="hidden"]), select, textarea, [role="button"], [role="tab"], summary';
		return [...document.querySelectorAll<HTMLElement>(selector)]
			.filter((el) => {
				const style = getComputedStyle(el);
				if (style.visibility === 'hidden' || style.display === 'none') return false;
				const r = el.getBoundingClientRect();
				if (r.width === 0 && r.height === 0) return false;
				// Links inside running text are exempt (WCAG 2.5.8 inline exception).
				if (el.tagName === 'A' && el.closest('p, li, dd, td') && !el.classList.contains('button')) return false;
				// Visually hidden inputs wrapped by a large label use the label as their target.
				if (el.tagName === 'INPUT' && el.closest('label')) {
					const lr = el.closest('label')!.getBoundingClientRect();
					return lr.width < 44 || lr.height < 44;
				}
				return r.width < 44 || r.height < 44;
			})
			.map((el) => `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40)}" ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`);
	});
	expect(small, `touch targets under 44 px on ${context}`).toEqual([]);
}

/**
 * Fails unless `target` can be reached with the Tab key from the top of the page (at most
 * `maxTabs` presses): keyboard users must be able to get to it, not only a script's `focus()`.
 */
export async function expectTabReachable(page: Page, target: Locator, context = 'element', maxTabs = 80): Promise<void> {
	await page.evaluate(() => {
		(document.activeElement as HTMLElement | null)?.blur();
		window.getSelection()?.removeAllRanges();
	});
	for (let i = 0; i < maxTabs; i++) {
		await page.keyboard.press('Tab');
		if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
	}
	throw new Error(`${context} was not reached within ${maxTabs} presses of Tab`);
}
