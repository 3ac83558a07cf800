/**
 * Shared vocabulary of the sync layer: the status model the UI shows, the peer model, and the
 * small `SyncTransport` contract every way of reaching other devices implements (same-device
 * tabs, y-webrtc, and later QR pairing and the venue hub).
 */
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { ObservableV2 } from 'lib0/observable';
import type { MessageKey } from '$lib/i18n';
import type { Problem } from '$lib/result';
import type { UpdateGuard } from '../protocol/update-guard';
import type { KitFrameBody } from '../protocol/wire-protocol';

/** A message key of the sync catalog; the UI translates it with `translate(locale, key, params)`. */
export type SyncMessageKey = Extract<MessageKey, `sync.${string}`>;
export type SyncMessage = Problem<SyncMessageKey>;

export { PEER_ROLES, type PeerRole } from '../protocol/wire-protocol';
import type { PeerRole } from '../protocol/wire-protocol';
export { isKitCarrier, type KitCarrier, type KitFrameSink } from '../protocol/kit-exchange';
import type { KitFrameSink } from '../protocol/kit-exchange';

export type TransportKind = 'broadcast-channel' | 'webrtc' | 'link' | 'qr' | 'hub';

/** The device running this code, as announced to peers. */
export interface LocalDevice {
	/** Stable per device (kept by storage), `[A-Za-z0-9_-]{1,64}`. */
	id: string;
	role: PeerRole;
	/** Human name shown to the facilitator ("Station 3", "Tablette d’Ana"); at most 64 chars. */
	name: string;
}

/** One remote device as seen through one transport. */
export interface PeerInfo {
	/** Transport-level id of the remote endpoint (changes when the remote tab reloads). */
	id: string;
	deviceId: string;
	role: PeerRole;
	deviceName: string;
	transport: TransportKind;
	/**
	 * True while the state vector this peer last sent equals this device's: it holds everything
	 * this device holds and the other way round. Never inferred from an open connection.
	 */
	synced: boolean;
	/** A payload too large for one frame (a catch-up) is arriving from this peer. */
	receiving?: { received: number; total: number };
}

/**
 * offline: no transport can reach anyone. connecting: looking for peers. syncing: at least one
 * peer has not finished the initial exchange. caught-up: every known peer has exchanged state.
 */
export type SyncState = 'offline' | 'connecting' | 'syncing' | 'caught-up';

export type TransportState = 'idle' | 'connecting' | 'connected' | 'unavailable';

export interface TransportStatus {
	state: TransportState;
	/** Why the transport is unavailable or degraded, for the UI. */
	message?: SyncMessage;
}

/** Reasons a received message or peer was refused. */
export type RejectReason = 'tooLarge' | 'malformed' | 'rateLimited' | 'revoked';

export interface RejectedEvent {
	transport: TransportKind;
	/** Transport-level id of the refused sender, when known. */
	peerId: string | null;
	reason: RejectReason;
	message: SyncMessage;
}

export type TransportEvents = {
	status: (status: TransportStatus) => void;
	peers: (peers: readonly PeerInfo[]) => void;
	/** A message was sent to or received from a peer (drives `lastExchange`). */
	exchange: (at: number) => void;
	rejected: (event: RejectedEvent) => void;
};

/** What a transport needs from the session it serves; handed over by `SessionSyncEngine`. */
export interface SyncContext {
	sessionId: string;
	/** base64url session key (128 bits). */
	key: string;
	doc: Y.Doc;
	awareness: Awareness;
	device: LocalDevice;
	/** The only door through which remote document updates enter the session doc. */
	guard: UpdateGuard;
	isRevoked(deviceId: string): boolean;
	now(): number;
	/** Where kit frames from registered peers go (`kit-exchange.ts`); absent: requests are declined. */
	kits?: KitFrameSink;
}


/**
 * A way to reach other devices. A transport is created unattached; `SessionSyncEngine.addTransport`
 * calls `attach` once. Every update a transport applies is tagged with the transport itself as
 * origin, and a transport never sends an update back to where it came from.
 */
export interface SyncTransport extends ObservableV2<TransportEvents> {
	readonly kind: TransportKind;
	readonly status: TransportStatus;
	readonly peers: readonly PeerInfo[];
	attach(context: SyncContext): void;
	/** The session key changed: reconnect with the new one; peers still on the old key drop off. */
	setKey(key: string): void;
	/** Re-run the state exchange with every peer (after a partition heals, a wake-up...). */
	resync(): void;
	/** Forget a peer now (revoked device). */
	dropDevice(deviceId: string): void;
	/** Undo everything `attach` did: listeners, timers, channels, connections. */
	destroy(): void;
}
