/**
 * The transports a live session uses to reach other devices, and the controls a facilitator has
 * over them: attach (same-device tabs always; the venue hub's `/sync` when a signaling address is
 * a hub's and the page may open it; y-webrtc when signaling addresses are configured and the page
 * allows it), "work offline" (drop the network transports while edits keep being saved locally,
 * then reconnect), and key rotation (new key stored, then handed to every transport: devices on
 * the old key drop off).
 *
 * Key rotation and the hub: the hub pins the token (derived from the key) of a session id. On
 * rotation the hub transport reconnects with the new token and the old one as `previous`, and the
 * hub re-pins the session (`src/hub/session-registry.ts`): this device stays on the hub, phones
 * and tablets still on the old key are cut off there too. Phone sheets printed before carry the
 * old key (`keyRenewedWithHub` makes the tablets panel say "reprint"). When the hub is not
 * attached at that moment (offline), the old key is kept here, in memory, for the next hub
 * transport to re-pin from.
 *
 * New sessions and the hub: the hub creates a session only for a device that holds its code
 * (`hubCode`, entered once under Réglages). Without it this device still joins a session the hub
 * holds; for one it does not, the hub transport says why (`sync.error.hubNotAdmitted`) and
 * keeps asking slowly, in case another device brings the session.
 */
import { rotateSyncKey } from '$lib/storage';
import { planTransports, plannedHub, plannedWebrtc, type TransportPlan } from '$lib/connect';
import {
	BroadcastChannelTransport,
	attachQrLinks,
	wasQrLinked,
	detectWebrtcEnvironment,
	type HubTransport,
	type SessionSyncEngine,
	type SyncMessage,
	type SyncStatus,
	type WebrtcTransport
} from '$lib/sync';
import { tabOutageRecord, type HubOutageRecord } from './hub-outage-record';

export interface LiveNetworkOptions {
	/** Signaling addresses for this session (may be empty: same-device tabs only). */
	signaling: readonly string[];
	/** This device's venue-hub code (Réglages), if any: lets it bring new sessions to the hub. */
	hubCode?: string | null;
	/** Clock for `hubUnreachableSince` (tests). */
	now?: () => number;
	/** Where the outage's start outlives this screen (tests); the tab's `sessionStorage` by default. */
	outageRecord?: HubOutageRecord;
}

export class LiveNetwork {
	readonly signaling: readonly string[];
	/** The venue hub's origin as devices reach it (`http://192.168.1.10:8080`), for phone links. */
	readonly hubOrigin: string | null;
	/** The venue hub's sync endpoint (`ws://host:port/sync`) when a signaling address is a hub's. */
	readonly hubUrl: string | null;
	/** The session key in use (changes on rotation). */
	key = $state('');
	/** True while the person chose to work offline on this device. */
	offline = $state(false);
	/** Why peer-to-peer sync is off on this device, or null when it is on. */
	unavailable = $state.raw<SyncMessage | null>(null);
	/** Why the venue hub is not used although the session has one, or null. */
	hubProblem = $state.raw<SyncMessage | null>(null);
	/**
	 * Since when (ms) the hub transport has been reporting the hub unreachable, or null while it
	 * answers (or is not used). Screens say how long the outage has lasted: a facilitator decides
	 * differently after 10 seconds and after 10 minutes.
	 */
	hubUnreachableSince = $state<number | null>(null);
	#now: () => number;
	#outages: HubOutageRecord;
	#offStatus: () => void;
	#sync: SessionSyncEngine;
	#webrtc: WebrtcTransport | null = null;
	#hub: HubTransport | null = null;
	/** The key a hub transport created later must re-pin from (renewed while detached), or null. */
	#hubPreviousKey: string | null = null;
	/** The key was renewed in this session screen while a hub is configured. */
	keyRenewedWithHub = $state(false);
	/** Direct links opened by QR pairing that this session uses now. */
	qrLinkCount = $state(0);
	/** This device was linked by QR for this session before (so a lost link needs a new scan). */
	qrLinkedBefore = $state(false);
	#qr: { detach(): void } | null = null;
	#hubCode: string | null;

	constructor(sync: SessionSyncEngine, options: LiveNetworkOptions) {
		this.#sync = sync;
		this.#hubCode = options.hubCode ?? null;
		this.signaling = [...options.signaling];
		const plan = planTransports(this.signaling, detectWebrtcEnvironment());
		this.hubOrigin = plan.hubOrigin;
		this.hubUrl = plan.hubUrl;
		this.key = sync.key;
		this.#now = options.now ?? Date.now;
		this.#outages = options.outageRecord ?? tabOutageRecord();
		const onStatus = (status: SyncStatus) => this.#trackHub(status);
		sync.on('status', onStatus);
		this.#offStatus = () => sync.off('status', onStatus);
		sync.addTransport(new BroadcastChannelTransport());
		this.#connect();
		this.#trackHub(sync.status);
	}

	/**
	 * Starts the outage clock at the first "unreachable" report. Anything else the hub says
	 * (connected, a refusal, "not admitted yet") means it answers, which stops it; a plain
	 * "connecting" between two attempts changes nothing. The start outlives this screen (the tab's
	 * `HubOutageRecord`), so the next screen, or a reload, goes on counting from it.
	 */
	#trackHub(status: SyncStatus): void {
		const hub = status.transports.find((t) => t.kind === 'hub')?.status;
		if (hub?.message?.key === 'sync.error.hubUnreachable') {
			const now = this.#now();
			if (this.hubUnreachableSince === null && this.hubUrl) this.hubUnreachableSince = this.#outages.resume(this.hubUrl, now);
			this.hubUnreachableSince ??= now;
			if (this.hubUrl) this.#outages.seen(this.hubUrl, this.hubUnreachableSince, now);
		} else if (!hub || hub.state !== 'connecting' || hub.message) {
			// Only an answer ends the recorded outage: a refusal, or a socket really open (a hub
			// transport being attached reports "connected" for a moment before it connects).
			const answered = hub !== undefined && (hub.state === 'connected' ? this.#hub?.connected === true : hub.message !== undefined);
			if (answered && this.hubUrl) this.#outages.clear(this.hubUrl);
			this.hubUnreachableSince = null;
		}
	}

	/** No QR link left although this device was linked by QR before: it needs a new pairing. */
	get qrLinksLost(): boolean {
		return !this.offline && this.qrLinkedBefore && this.qrLinkCount === 0;
	}

	/** Leaves the session screen: QR links stay open for the next screen. */
	destroy(): void {
		if (this.hubUnreachableSince !== null && this.hubUrl) this.#outages.seen(this.hubUrl, this.hubUnreachableSince, this.#now());
		this.#offStatus();
		this.#qr?.detach();
		this.#qr = null;
	}

	/** Whether this device can use peer-to-peer sync at all (addresses set, secure page). */
	get canConnect(): boolean {
		return this.unavailable === null;
	}

	/** True while the hub transport is attached (it may still be connecting). */
	get usesHub(): boolean {
		return this.#hub !== null;
	}

	/** Stops network sync on this device; contributions keep being saved locally. */
	goOffline(): void {
		if (this.offline) return;
		this.offline = true;
		if (this.#webrtc) this.#sync.removeTransport(this.#webrtc);
		this.#webrtc = null;
		this.#dropHub();
		this.#qr?.detach();
		this.#qr = null;
	}

	/** Reconnects; the state exchange on reconnection brings both sides up to date. */
	reconnect(): void {
		if (!this.offline) return;
		this.offline = false;
		this.#connect();
	}

	/** Stores a fresh session key and switches every transport to it; returns the new key. */
	async rotateKey(): Promise<string> {
		const before = this.#sync.key;
		const row = await rotateSyncKey(this.#sync.sessionId);
		// An attached hub transport re-pins by itself (`HubTransport.setKey`); otherwise remember.
		if (this.hubUrl && !this.#hub) this.#hubPreviousKey ??= before;
		if (this.hubUrl) this.keyRenewedWithHub = true;
		this.#sync.rotateKey(row.syncKey);
		this.key = row.syncKey;
		return row.syncKey;
	}

	#dropHub(): void {
		if (!this.#hub) return;
		this.#hubPreviousKey = this.#hub.pendingPreviousKey;
		this.#sync.removeTransport(this.#hub);
		this.#hub = null;
	}

	#connect(): void {
		this.qrLinkedBefore = wasQrLinked(this.#sync.sessionId);
		this.#qr = attachQrLinks(this.#sync, (count) => {
			this.qrLinkCount = count;
			if (count > 0) this.qrLinkedBefore = true;
		});
		const env = detectWebrtcEnvironment();
		const plan = planTransports(this.signaling, env);
		this.#connectHub(plan);
		this.unavailable = plan.webrtcProblem;
		this.#webrtc = plannedWebrtc(plan, env);
		if (this.#webrtc) this.#sync.addTransport(this.#webrtc);
	}

	/** The hub needs no WebCrypto; only the mixed-content rule can keep a page from it. */
	#connectHub(plan: TransportPlan): void {
		if (this.#hub) return;
		this.hubProblem = plan.hubProblem;
		this.#hub = plannedHub(plan, { sessionId: this.#sync.sessionId, key: this.#sync.key, previousKey: this.#hubPreviousKey, hubCode: this.#hubCode });
		if (!this.#hub) return;
		this.#hubPreviousKey = null;
		this.#sync.addTransport(this.#hub);
	}
}
