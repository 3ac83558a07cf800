/**
 * `SessionSyncEngine`: attaches transports to one session Y.Doc and reports one status model.
 *
 * It owns the pieces transports share: the `UpdateGuard` (the only way remote updates enter the
 * doc), the awareness instance (presence: `{ device }`), the revoked-device list, and the key.
 * It does not know the session model: it works on any Y.Doc.
 *
 *   const sync = new SessionSyncEngine({ doc, sessionId, key, device });
 *   sync.addTransport(new BroadcastChannelTransport());
 *   sync.addTransport(new WebrtcTransport({ signaling: ['wss://hub.local:4444'] }));
 *   sync.on('status', (s) => …);  await sync.whenSynced;  …  sync.destroy();
 *
 * Kits travel with the session (`kit-exchange.ts`): `provideKit(hash, load)` serves this
 * session's kit to peers that lack it; `requestKit(ref, { accept })` fetches it from them.
 */
import type * as Y from 'yjs';
import { ObservableV2 } from 'lib0/observable';
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import { fail } from '$lib/result';
import { UpdateGuard } from '../protocol/update-guard';
import { isValidSessionKey } from './session-key';
import { isValidId } from '../protocol/wire-protocol';
import { readDeviceState } from './device-state';
import { KitExchange, type KitRef, type KitRequestOptions, type KitRequestOutcome } from '../protocol/kit-exchange';
import { isDeviceRevoked, observeRevokedDevices, listRevokedDevices, revokeDevice } from './device-revocation';
import { isKitCarrier } from './sync-types';
import type {
	KitCarrier,
	LocalDevice,
	PeerInfo,
	RejectedEvent,
	SyncContext,
	SyncState,
	SyncTransport,
	TransportKind,
	TransportStatus
} from './sync-types';

export interface SessionSyncEngineOptions {
	doc: Y.Doc;
	sessionId: string;
	/** base64url 128-bit session key (`generateSessionKey`). */
	key: string;
	device: LocalDevice;
	transports?: SyncTransport[];
	/** Clock (tests). */
	now?: () => number;
}

export interface SyncStatus {
	state: SyncState;
	peers: readonly PeerInfo[];
	/** Time of the last message sent or received, or null. */
	lastExchange: number | null;
	transports: readonly { kind: TransportKind; status: TransportStatus }[];
	/** This device was revoked from the session; sync stopped. */
	revoked: boolean;
	/** Large payloads (catch-ups) arriving from peers, all together; null when none is. */
	receiving: { received: number; total: number } | null;
}

export type SessionSyncEngineEvents = {
	status: (status: SyncStatus) => void;
	rejected: (event: RejectedEvent) => void;
	/** This device was revoked: every transport was closed. */
	revoked: () => void;
};

interface Attached {
	transport: SyncTransport;
	detach: () => void;
}

export class SessionSyncEngine extends ObservableV2<SessionSyncEngineEvents> {
	readonly doc: Y.Doc;
	readonly sessionId: string;
	readonly device: LocalDevice;
	readonly awareness: Awareness;
	readonly guard: UpdateGuard;
	/** Resolves the first time the state reaches 'caught-up'. */
	readonly whenSynced: Promise<void>;
	#resolveSynced: () => void = () => {};
	#context: SyncContext;
	#attached: Attached[] = [];
	#status: SyncStatus;
	#lastExchange: number | null = null;
	#lastExchangeEmitted = 0;
	#unobserveRevoked: () => void;
	#destroyed = false;
	#kits: KitExchange;

	constructor(options: SessionSyncEngineOptions) {
		super();
		const { doc, sessionId, key, device } = options;
		if (!isValidId(sessionId)) throw new RangeError('sync: invalid session id');
		if (!isValidSessionKey(key)) throw new RangeError('sync: invalid session key');
		if (!readDeviceState({ device })) throw new RangeError('sync: invalid device');
		this.doc = doc;
		this.sessionId = sessionId;
		this.device = { ...device };
		this.guard = new UpdateGuard(doc);
		this.awareness = new Awareness(doc);
		this.awareness.setLocalState({ device: this.device });
		this.whenSynced = new Promise((resolve) => (this.#resolveSynced = resolve));
		const now = options.now ?? (() => Date.now());
		this.#kits = new KitExchange(() => this.#attached.map((a) => a.transport).filter((t): t is SyncTransport & KitCarrier => isKitCarrier(t)), now);
		this.#context = {
			sessionId,
			key,
			doc,
			awareness: this.awareness,
			device: this.device,
			guard: this.guard,
			isRevoked: (id) => isDeviceRevoked(doc, id),
			now,
			kits: this.#kits
		};
		this.#status = this.#compute();
		this.#unobserveRevoked = observeRevokedDevices(doc, this.#onRevokedChange);
		for (const t of options.transports ?? []) this.addTransport(t);
		this.#onRevokedChange(false);
	}

	get status(): SyncStatus {
		return this.#status;
	}
	get state(): SyncState {
		return this.#status.state;
	}
	get peers(): readonly PeerInfo[] {
		return this.#status.peers;
	}
	get lastExchange(): number | null {
		return this.#lastExchange;
	}
	get key(): string {
		return this.#context.key;
	}
	get transports(): readonly SyncTransport[] {
		return this.#attached.map((a) => a.transport);
	}

	/** Attaches `transport`; it is destroyed with this object or by `removeTransport`. */
	addTransport(transport: SyncTransport): void {
		if (this.#destroyed || this.#status.revoked) {
			transport.destroy();
			return;
		}
		const onChange = () => this.#refresh();
		const onExchange = (at: number) => this.#onExchange(at);
		const onRejected = (event: RejectedEvent) => this.emit('rejected', [event]);
		transport.on('status', onChange);
		transport.on('peers', onChange);
		transport.on('exchange', onExchange);
		transport.on('rejected', onRejected);
		const detach = () => {
			transport.off('status', onChange);
			transport.off('peers', onChange);
			transport.off('exchange', onExchange);
			transport.off('rejected', onRejected);
		};
		this.#attached.push({ transport, detach });
		transport.attach(this.#context);
		this.#refresh();
	}

	removeTransport(transport: SyncTransport): void {
		const i = this.#attached.findIndex((a) => a.transport === transport);
		if (i < 0) return;
		const [entry] = this.#attached.splice(i, 1);
		entry?.detach();
		transport.destroy();
		this.#refresh();
	}

	/** Switches every transport to `key`; devices still on the old key drop off. */
	rotateKey(key: string): void {
		if (!isValidSessionKey(key)) throw new RangeError('sync: invalid session key');
		this.#context.key = key;
		for (const { transport } of this.#attached) transport.setKey(key);
	}

	/** Re-runs the state exchange on every transport (after a partition heals, a wake-up…). */
	resync(): void {
		for (const { transport } of this.#attached) transport.resync();
	}

	/** Records the revocation in the doc (synced to all); follow with `rotateKey` to make it hold. */
	revokeDevice(deviceId: string): void {
		revokeDevice(this.doc, deviceId, this.device.id, this.#context.now());
	}

	/**
	 * Serves the kit with content hash `hash` (this session's kit) to peers of the session that ask
	 * for it; `load` returns its zip. Returns a function that stops serving it.
	 */
	provideKit(hash: string, load: () => Promise<Uint8Array | null>): () => void {
		return this.#kits.provide(hash, load);
	}

	/**
	 * Fetches the kit `ref` from the session's peers over the frame transports; `accept` checks
	 * and stores the received zip (see `KitRequestOptions`). Progress through `onProgress`.
	 */
	requestKit(ref: KitRef, options: KitRequestOptions): Promise<KitRequestOutcome> {
		if (this.#destroyed) return Promise.resolve(fail('closed'));
		return this.#kits.request(ref, options);
	}

	override destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.#kits.close();
		this.#unobserveRevoked();
		for (const { transport, detach } of this.#attached) {
			detach();
			transport.destroy();
		}
		this.#attached = [];
		removeAwarenessStates(this.awareness, [this.doc.clientID], 'destroy');
		this.awareness.destroy();
		this.guard.destroy();
		super.destroy();
	}

	#onRevokedChange = (inTransaction = true): void => {
		if (this.#destroyed) return;
		const revoked = listRevokedDevices(this.doc);
		if (revoked.some((r) => r.deviceId === this.device.id)) {
			for (const { transport, detach } of this.#attached) {
				detach();
				transport.destroy();
			}
			this.#attached = [];
			const first = !this.#status.revoked;
			this.#status = { ...this.#compute(), revoked: true, state: 'offline' };
			if (first) {
				this.emit('revoked', []);
				this.emit('status', [this.#status]);
			}
			return;
		}
		const drop = () => {
			for (const r of revoked) for (const { transport } of this.#attached) transport.dropDevice(r.deviceId);
			this.#refresh();
		};
		if (!inTransaction) return drop();
		// Map observers run before the doc's 'update' event: drop the peers only after the
		// transports have sent this update, so the revoked device learns of its revocation.
		const afterSend = () => {
			this.doc.off('update', afterSend);
			drop();
		};
		this.doc.on('update', afterSend);
	};

	#onExchange(at: number): void {
		this.#lastExchange = at;
		// Status listeners are told at most once a second about exchanges alone.
		if (at - this.#lastExchangeEmitted >= 1000) {
			this.#lastExchangeEmitted = at;
			this.#refresh(true);
		}
	}

	#refresh(force = false): void {
		if (this.#destroyed || this.#status.revoked) return;
		const next = this.#compute();
		const prev = this.#status;
		this.#status = next;
		if (next.state === 'caught-up') this.#resolveSynced();
		if (!samePeers(prev.peers, next.peers)) this.#kits.peersChanged();
		if (force || prev.state !== next.state || !samePeers(prev.peers, next.peers) || !sameTransports(prev, next)) {
			this.emit('status', [next]);
		}
	}

	#compute(): SyncStatus {
		const transports = this.#attached.map(({ transport }) => ({ kind: transport.kind, status: transport.status }));
		const peers = this.#attached.flatMap(({ transport }) => transport.peers);
		const active = transports.some((t) => t.status.state === 'connected' || t.status.state === 'connecting');
		let state: SyncState;
		if (!active) state = 'offline';
		else if (peers.length === 0) state = 'connecting';
		else if (peers.some((p) => !p.synced)) state = 'syncing';
		else state = 'caught-up';
		const arriving = peers.flatMap((p) => (p.receiving ? [p.receiving] : []));
		const receiving = arriving.length === 0 ? null : {
			received: arriving.reduce((sum, p) => sum + p.received, 0),
			total: arriving.reduce((sum, p) => sum + p.total, 0)
		};
		return { state, peers, lastExchange: this.#lastExchange, transports, revoked: false, receiving };
	}
}

function samePeers(a: readonly PeerInfo[], b: readonly PeerInfo[]): boolean {
	return a.length === b.length && a.every((p, i) => {
		const q = b[i];
		return q !== undefined && p.id === q.id && p.synced === q.synced && p.transport === q.transport && p.receiving === q.receiving;
	});
}

function sameTransports(a: SyncStatus, b: SyncStatus): boolean {
	return a.transports.length === b.transports.length &&
		a.transports.every((t, i) => t.status === b.transports[i]?.status);
}
