/**
 * What a session screen says about sync, recorded in the page every time it changes, with the
 * time (`Date.now()`, the machine's clock, the same in every browser and in Node): the badge
 * (`data-sync-state`, `data-receiving`), the join screen's progress (`data-join-receiving`), every
 * `role=status` text, the tablets panel's row for the venue hub and its message, and the note
 * count of the console. Short-lived states (a progress percentage, an "up to date" shown too
 * early) are then checked after the fact, without timing anything.
 *
 * Install with `context.addInitScript(watchSyncScreens)` (survives full loads, restarts the record)
 * or `page.evaluate(watchSyncScreens)` on a page already open (restarts the record).
 */
import type { Page } from '@playwright/test';

export interface Seen {
	t: number;
	/** The badge's `data-sync-state`. */
	badge: string | null;
	/** The badge's `data-receiving` or the join screen's `data-join-receiving`. */
	receiving: string | null;
	/** Every `role=status` text on the screen, joined with ' | '. */
	statuses: string;
	/** The tablets panel's "up to date" cell for the venue hub: text and `data-peer-synced`. */
	hub: string | null;
	hubSynced: string | null;
	/** The tablets panel's message (file saved, file merged…). */
	message: string | null;
	/** Sum of the console's per-activity note counts; null off the console. */
	count: number | null;
}

export function watchSyncScreens(): void {
	type W = { __seen?: Seen[]; __seenObserver?: MutationObserver };
	const w = window as unknown as W;
	w.__seenObserver?.disconnect();
	const seen: Seen[] = [];
	w.__seen = seen;
	let last = '';
	const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
	const read = () => {
		const badge = document.querySelector('.sync-badge [role="status"]');
		const join = document.querySelector('[data-join-receiving]');
		const hubRow = document.querySelector('.sync-panel tbody tr[data-peer-kind="hub"]');
		const hubCell = hubRow?.querySelector('[data-peer-synced]');
		const counted = document.getElementById('counts-heading') !== null;
		const state = {
			badge: badge?.getAttribute('data-sync-state') ?? null,
			receiving: badge?.getAttribute('data-receiving') ?? join?.getAttribute('data-join-receiving') ?? null,
			statuses: [...document.querySelectorAll('[role="status"]')].map((el) => text(el) ?? '').filter((s) => s !== '').join(' | '),
			hub: text(hubCell),
			hubSynced: hubCell?.getAttribute('data-peer-synced') ?? null,
			message: text(document.querySelector('.sync-panel > p[role="status"]')),
			count: counted ? [...document.querySelectorAll('tr[data-activity] > td:first-of-type')].reduce((sum, td) => sum + Number(text(td) ?? 0), 0) : null
		};
		const key = JSON.stringify(state);
		if (key !== last) {
			last = key;
			seen.push({ t: Date.now(), ...state });
		}
	};
	const observer = new MutationObserver(read);
	w.__seenObserver = observer;
	observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
	if (document.body) read();
}

export const seenOn = (page: Page): Promise<Seen[]> => page.evaluate(() => (window as unknown as { __seen?: Seen[] }).__seen ?? []);

/** The console's note count as shown (sum of its per-activity table), or null off the console. */
export const consoleCount = (page: Page): Promise<number | null> =>
	page.evaluate(() => {
		if (!document.getElementById('counts-heading')) return null;
		return [...document.querySelectorAll('tr[data-activity] > td:first-of-type')].reduce((sum, td) => sum + Number(td.textContent?.trim() || 0), 0);
	});

/** The receiving percentages a screen showed, in order. */
export const percentagesSeen = (seen: Seen[]): string[] => seen.flatMap((s) => (s.receiving !== null ? [s.receiving] : []));
