import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetDatabase } from '$lib/storage';
import { kitLibrary } from '$lib/library';
import { KitFetch } from '$lib/live/kit-fetch.svelte';
import { LinkTransport, SessionSyncEngine, qrLinks, type PeerLink } from '$lib/sync';
import { realisticKit } from '../sync/kit-fixtures';
import { pairedLinks } from '../sync/qr-fixtures';
import { SESSION_ID, SESSION_KEY, makeDevice } from '../sync/sync-fixtures';

/**
 * `KitFetch` (the kit-receiving screen's logic) over a QR link: the link is borrowed from the
 * page's QR link registry, not owned. Whether the kit arrives or not, the link is still open
 * afterwards, for the session screen that opens next (on a tablet that joined by QR pairing it is
 * the only way to the session).
 */
const { kit, zip } = await realisticKit();
const ref = { id: kit.manifest.id, version: kit.manifest.version, hash: kit.hash };
const cleanups: (() => unknown)[] = [];

beforeEach(() => {
	// No kits bundled with the app in this test: the received kit is stored, not matched.
	vi.stubGlobal('fetch', async (url: string) => {
		if (url === '/kits/index.json') return new Response('[]', { headers: { 'content-type': 'application/json' } });
		return new Response('', { status: 404 });
	});
});

afterEach(async () => {
	for (const fn of cleanups.splice(0).reverse()) await fn();
	vi.unstubAllGlobals();
	await resetDatabase();
});

/** Tablet A at the other end of a QR link, in the session, serving the kit when `serve`. */
function tabletA(link: PeerLink, serve: boolean) {
	const doc = new Y.Doc();
	const sync = new SessionSyncEngine({ doc, sessionId: SESSION_ID, key: SESSION_KEY, device: makeDevice(1) });
	sync.addTransport(new LinkTransport({ link: { send: (b) => link.send(b), listen: (f) => link.listen(f), close: () => link.close() }, kind: 'qr', heartbeatMs: 0 }));
	if (serve) sync.provideKit(kit.hash, async () => zip);
	cleanups.push(() => sync.destroy(), () => doc.destroy());
}

/** Tablet B's end of the link, in the registry as after a pairing. */
function linkedB(serve: boolean): PeerLink {
	const [a, b] = pairedLinks(SESSION_ID);
	cleanups.push(() => a.close(), () => b.close());
	tabletA(a, serve);
	qrLinks.add(b);
	return b;
}

describe('KitFetch over a QR link', () => {
	it('receives and stores the kit, and leaves the QR link open for the session screen', async () => {
		const link = linkedB(true);
		const fetcher = new KitFetch({ sessionId: SESSION_ID, syncKey: SESSION_KEY, kit: ref }, 'station', { timeoutMs: 5000 });
		expect(await fetcher.run()).toBe(true);
		expect(fetcher.phase).toBe('done');
		expect((await kitLibrary.open(`${ref.id}@${ref.version}`)).ok).toBe(true);
		expect(link.state).toBe('open');
		expect(qrLinks.list(SESSION_ID)).toContain(link);
	});

	it('leaves the QR link open when the kit does not come', async () => {
		const link = linkedB(false);
		const fetcher = new KitFetch({ sessionId: SESSION_ID, syncKey: SESSION_KEY, kit: ref }, 'station', { timeoutMs: 400 });
		expect(await fetcher.run()).toBe(false);
		expect(fetcher.failure?.key).toBe('live.kit.notFound');
		expect(link.state).toBe('open');
		expect(qrLinks.list(SESSION_ID)).toContain(link);
	});
});
