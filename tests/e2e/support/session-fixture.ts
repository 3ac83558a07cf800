/**
 * Test seam: creates a session on the device of `page` by writing one row into the app's
 * IndexedDB database, exactly as `createSession` in `src/lib/storage/sessions-store.ts` stores it
 * (table `sessions`, key path `id`; row shape `SessionRowSchema` in `storage-records.ts`). The
 * built app's modules are hashed bundles and cannot be imported from a test, so the row is
 * written with the plain IndexedDB API after the app has created its database.
 *
 * Keep this in step with `SessionRowSchema`: the app validates the row when it reads it, so a
 * drifted shape fails loudly ("session not found" or "corrupt"), never silently.
 */
import type { Page } from '@playwright/test';

export interface SessionSeed {
	kitId: string;
	/** Defaults to the bundled kit's version (from /kits/index.json). */
	kitVersion?: string;
	/** Defaults to the bundled kit's hash (from /kits/index.json). */
	kitHash?: string;
	agendaId: string;
	title?: string;
}

/** Creates a session on this browser context's device and returns its id. */
export async function createSession(page: Page, seed: SessionSeed): Promise<string> {
	if (!page.url().startsWith('http')) await page.goto('/');
	return page.evaluate(async (seed) => {
		const index = (await (await fetch('/kits/index.json')).json()) as { id: string; version: string; hash: string }[];
		const bundled = index.find((k) => k.id === seed.kitId);
		const version = seed.kitVersion ?? bundled?.version;
		const hash = seed.kitHash ?? bundled?.hash;
		if (!version || !hash) throw new Error(`createSession: kit ${seed.kitId} is not bundled; pass kitVersion and kitHash`);

		// Wait for the app to create its database (its first screen lists kits from it).
		let db: IDBDatabase | undefined;
		for (let attempt = 0; attempt < 100 && !db; attempt++) {
			const exists = (await indexedDB.databases()).some((d) => d.name === 'tablee');
			if (exists) {
				const open = await new Promise<IDBDatabase>((resolve, reject) => {
					const request = indexedDB.open('tablee');
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => reject(request.error);
				});
				if (open.objectStoreNames.contains('sessions')) db = open;
				else open.close();
			}
			if (!db) await new Promise((r) => setTimeout(r, 100));
		}
		if (!db) throw new Error('createSession: the app did not create its database');

		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
		const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(22)), (b) => alphabet[b & 63]).join('');
		const now = Date.now();
		const row = {
			id: randomId(),
			title: seed.title ?? 'Séance de test',
			date: '',
			place: '',
			facilitators: [],
			kit: { id: seed.kitId, version, hash },
			agendaId: seed.agendaId,
			language: 'fr-CA',
			createdAt: now,
			updatedAt: now,
			archived: false,
			syncKey: randomId()
		};
		await new Promise<void>((resolve, reject) => {
			const tx = db.transaction('sessions', 'readwrite');
			tx.objectStore('sessions').put(row);
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
		db.close();
		return row.id;
	}, seed);
}
