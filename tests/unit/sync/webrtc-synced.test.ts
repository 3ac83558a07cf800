/**
 * y-webrtc emits `synced: false` when a connection closes while another one is flagged unsynced,
 * and it never flags connections made after its room first synced: the transport keeps the
 * first `synced: true` of a provider so the status does not stick at 'syncing'.
 */
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate, applyAwarenessUpdate } from 'y-protocols/awareness';
import { SessionSync, WebrtcTransport, type WebrtcProviderFactory, type WebrtcProviderOptions } from '$lib/sync';
import { SESSION_ID, SESSION_KEY, makeDevice } from './sync-fixtures';

const cleanups: (() => void)[] = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});

it('keeps a provider caught up after y-webrtc reports synced:false on a closing connection', async () => {
	const doc = new Y.Doc();
	const sync = new SessionSync({ doc, sessionId: SESSION_ID, key: SESSION_KEY, device: makeDevice(0) });
	cleanups.push(() => sync.destroy());
	let options: WebrtcProviderOptions | undefined;
	const listeners: ((e: { synced: boolean }) => void)[] = [];
	const factory: WebrtcProviderFactory = async (_room, _doc, o) => {
		options = o;
		return { on: (_name, f) => listeners.push(f), disconnect: () => {}, destroy: () => {} };
	};
	sync.addTransport(new WebrtcTransport({ signaling: ['ws://localhost:4444'], createProvider: factory, environment: { subtle: true, pageProtocol: null } }));
	await new Promise((r) => setTimeout(r, 0));
	const peer = new Awareness(new Y.Doc());
	cleanups.push(() => peer.destroy());
	peer.setLocalState({ device: makeDevice(3, 'station') });
	applyAwarenessUpdate(options!.awareness, encodeAwarenessUpdate(peer, [peer.clientID]), 'remote');
	expect(sync.state).toBe('syncing');
	for (const f of listeners) f({ synced: true });
	expect(sync.state).toBe('caught-up');
	for (const f of listeners) f({ synced: false });
	expect(sync.state).toBe('caught-up');
});
