/**
 * The baseline of the session-open ratio (session-load.bench.ts): a plain page that opens a Y.Doc
 * from IndexedDB with y-indexeddb and renders the newest notes of one activity as cards, with
 * nothing else (no framework, no kit, no sync, no catalog). Built by the bench with Vite.
 *   - `?seed`: `window.seedDoc(base64 update)` stores a session's state, then resolves;
 *   - `?activity=<id>&count=<n>`: renders the newest `n` notes of that activity.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence, storeState } from 'y-indexeddb';

const DB = 'tablee-baseline';
const params = new URLSearchParams(location.search);
const doc = new Y.Doc();
const persistence = new IndexeddbPersistence(DB, doc);

(window as unknown as { seedDoc: (b64: string) => Promise<void> }).seedDoc = async (b64) => {
	await persistence.whenSynced;
	Y.applyUpdate(doc, Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
	await storeState(persistence, true);
};

const activity = params.get('activity');
if (activity) {
	const count = Number(params.get('count') ?? '60');
	void persistence.whenSynced.then(() => {
		const notes: { text: string; createdAt: number }[] = [];
		doc.getMap<Y.Map<unknown>>('contributions').forEach((record) => {
			if (record.get('activityId') !== activity || record.get('deleted')) return;
			notes.push({ text: String(record.get('text') ?? ''), createdAt: Number(record.get('createdAt') ?? 0) });
		});
		notes.sort((a, b) => b.createdAt - a.createdAt);
		const board = document.getElementById('board')!;
		const fragment = document.createDocumentFragment();
		for (const note of notes.slice(0, count)) {
			const card = document.createElement('article');
			card.className = 'note';
			const text = document.createElement('p');
			text.className = 'text';
			text.textContent = note.text;
			card.append(text);
			fragment.append(card);
		}
		board.append(fragment);
	});
}
