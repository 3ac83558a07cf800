/**
 * "Up to date" over WebRTC comes from the frame exchange on each connection, not from y-webrtc's
 * room-wide `synced` flag (which could stick at false, or report true for a doc that never
 * arrived): a connection that ends takes only its own peers away; a resync runs the exchange
 * again on every connection.
 */
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SessionSyncEngine, WebrtcTransport } from '$lib/sync';
import { SESSION_ID, SESSION_KEY, makeDevice } from './sync-fixtures';
import { FakeSignaling } from './webrtc-fixtures';

const cleanups: (() => void)[] = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});

async function until(what: string, check: () => boolean): Promise<void> {
	const end = Date.now() + 10_000;
	while (!check()) {
		if (Date.now() > end) throw new Error(`never happened: ${what}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}

function tablet(net: FakeSignaling, i: number) {
	const doc = new Y.Doc();
	const sync = new SessionSyncEngine({ doc, sessionId: SESSION_ID, key: SESSION_KEY, device: makeDevice(i) });
	const transport = new WebrtcTransport({ signaling: ['ws://localhost:4444'], joinRoom: net.join, environment: { subtle: true, pageProtocol: null } });
	sync.addTransport(transport);
	cleanups.push(() => sync.destroy());
	return { doc, sync, transport };
}

it('stays caught up with the remaining tablets when one connection ends, and after a resync', async () => {
	const net = new FakeSignaling();
	const a = tablet(net, 0);
	const b = tablet(net, 1);
	const c = tablet(net, 2);
	a.doc.getMap('contributions').set('note', 'x');
	await until('caught up with B and C', () => a.sync.state === 'caught-up' && a.sync.peers.length === 2);
	c.sync.removeTransport(c.transport);
	await until('C gone', () => a.sync.peers.length === 1);
	expect(a.sync.state).toBe('caught-up');
	expect(a.sync.peers).toMatchObject([{ deviceId: 'device-1', synced: true }]);
	const states: string[] = [];
	a.sync.on('status', (s) => states.push(s.state));
	a.sync.resync();
	expect(a.sync.state).toBe('syncing');
	await until('caught up again', () => a.sync.state === 'caught-up');
	expect(states).toContain('syncing');
	expect(b.doc.getMap('contributions').get('note')).toBe('x');
});
