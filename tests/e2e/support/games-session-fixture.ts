import { expect, type Page } from '@playwright/test';

export interface TestSessionOptions {
	/** A bundled kit id (from /kits/index.json). */
	kitId: string;
	agendaId: string;
	language?: 'fr-CA' | 'en';
	title?: string;
}

/**
 * Test seam (one, at the storage boundary) until the sessions page can create sessions in tests:
 * writes one session row into this browser context's `tablee` database, shaped and validated as
 * `createSession` (src/lib/storage/sessions-store.ts) writes it, and returns the session id.
 *
 * The app creates the database itself: opening a session screen with an unknown id makes Dexie
 * declare its tables, then the page shows "not found". Only then is the row added, so the test
 * never declares the schema in a second place.
 */
export async function createTestSession(page: Page, options: TestSessionOptions): Promise<string> {
	await page.goto('/activity?id=fixtureUnknown0');
	await expect(page.getByRole('alert')).toBeVisible();
	return page.evaluate(async ({ kitId, agendaId, language, title }) => {
		const index = (await (await fetch('/kits/index.json')).json()) as { id: string; version: string; hash: string }[];
		const kit = index.find((k) => k.id === kitId);
		if (!kit) throw new Error(`Kit ${kitId} is not bundled`);
		const randomId = () =>
			btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
				.replaceAll('+', '-')
				.replaceAll('/', '_')
				.replace(/=+$/, '');
		const now = Date.now();
		const row = {
			id: randomId(),
			title,
			date: '',
			place: '',
			facilitators: [],
			kit: { id: kit.id, version: kit.version, hash: kit.hash },
			agendaId,
			language,
			createdAt: now,
			updatedAt: now,
			archived: false,
			syncKey: randomId()
		};
		await new Promise<void>((resolve, reject) => {
			const open = indexedDB.open('tablee');
			open.onerror = () => reject(open.error);
			open.onsuccess = () => {
				const db = open.result;
				const tx = db.transaction('sessions', 'readwrite');
				tx.objectStore('sessions').add(row);
				tx.oncomplete = () => {
					db.close();
					resolve();
				};
				tx.onerror = () => reject(tx.error);
			};
		});
		return row.id;
	}, { language: 'fr-CA' as const, title: 'Séance de test', ...options });
}
