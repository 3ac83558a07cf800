/**
 * Meeting a session that is not on this device yet: a scratch doc joins the session's devices
 * with the invitation's key and waits for the session header (kit, agenda). Shared by joining
 * from a link and by phones. A catch-up that progresses is worth waiting for, however long the
 * session: every step of a streamed payload restarts the wait.
 */
import * as Y from 'yjs';
import { readSessionLabel, readSnapshot, sessionMaps, type DocMeta, type SessionLabel } from '$lib/session';
import { deviceId, deviceName } from '$lib/storage';
import { SessionSyncEngine, isKitCarrier, type PeerRole, type SyncStatus } from '$lib/sync';

export interface MeetOptions<T> {
	sessionId: string;
	key: string;
	role: PeerRole;
	/** Adds the transports to the scratch sync; may return what to undo before it is destroyed. */
	connect: (sync: SessionSyncEngine) => (() => void) | void;
	timeoutMs: number;
	signal?: AbortSignal;
	/** Whole percent of the session received so far, while a large session arrives. */
	onProgress?: (percent: number) => void;
	/** Looks at every status; a value other than undefined stops the wait with it. */
	watch?: (status: SyncStatus) => T | undefined;
}

/** The session as received: its header, label and whole state, to be stored. */
export interface MetSession {
	meta: DocMeta;
	label: SessionLabel;
	state: Uint8Array;
	/** A peer that can send kits (over a frame transport) was met. */
	kitPeers: boolean;
}

export type MeetOutcome<T> =
	| { kind: 'found'; session: MetSession }
	| { kind: 'stopped'; value: T }
	/** Nothing arrived in time (or the wait was aborted); `metPeers`: some device answered. */
	| { kind: 'timeout'; metPeers: boolean }
	/** The header that arrived is another session's. */
	| { kind: 'otherSession' };

export async function meetSession<T>(o: MeetOptions<T>): Promise<MeetOutcome<T>> {
	const doc = new Y.Doc();
	const sync = new SessionSyncEngine({ doc, sessionId: o.sessionId, key: o.key, device: { id: await deviceId(), role: o.role, name: await deviceName() } });
	const undo = o.connect(sync);
	try {
		let metPeers = false;
		const ended = await new Promise<{ meta: DocMeta } | { value: T } | null>((resolve) => {
			let lastReceived = -1;
			const check = () => {
				const meta = readSnapshot(doc).meta;
				if (meta) finish({ meta });
			};
			const onStatus = (status: SyncStatus) => {
				if (status.peers.length > 0) metPeers = true;
				const arriving = status.receiving;
				if (arriving && arriving.received !== lastReceived) {
					lastReceived = arriving.received;
					o.onProgress?.(Math.min(99, Math.floor((100 * arriving.received) / Math.max(1, arriving.total))));
					clearTimeout(timer);
					timer = setTimeout(abort, o.timeoutMs);
				}
				const value = o.watch?.(status);
				if (value !== undefined) finish({ value });
			};
			let done = false;
			const finish = (value: { meta: DocMeta } | { value: T } | null) => {
				if (done) return;
				done = true;
				clearTimeout(timer);
				doc.off('update', check);
				sync.off('status', onStatus);
				o.signal?.removeEventListener('abort', abort);
				resolve(value);
			};
			const abort = () => finish(null);
			let timer = setTimeout(abort, o.timeoutMs);
			doc.on('update', check);
			sync.on('status', onStatus);
			o.signal?.addEventListener('abort', abort);
			check();
		});
		if (ended === null) return { kind: 'timeout', metPeers };
		if ('value' in ended) return { kind: 'stopped', value: ended.value };
		if (ended.meta.sessionId !== o.sessionId) return { kind: 'otherSession' };
		const kitPeers = sync.transports.some((t) => isKitCarrier(t) && t.peers.length > 0);
		return { kind: 'found', session: { meta: ended.meta, label: readSessionLabel(sessionMaps(doc).meta), state: Y.encodeStateAsUpdate(doc), kitPeers } };
	} finally {
		undo?.();
		sync.destroy();
		doc.destroy();
	}
}
