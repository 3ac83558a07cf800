/**
 * Receiving a session's kit from the session's other devices, for a device that has the session
 * but not its kit (it joined from an invitation, or the kit was removed). Sync is attached to a
 * scratch doc with this device's usual transports (`LiveNetwork`); `SessionSyncEngine.requestKit` asks
 * the peers for the kit by content hash and the zip goes through the library's validated import
 * (`kitLibrary.receive`: unzip, every kit check, hash check, one write). Nothing of the scratch doc
 * is kept: the session screen opens normally once the kit is stored. QR links are borrowed, not
 * owned: they stay open for the session screen, whatever the outcome.
 */
import * as Y from 'yjs';
import { i18n, type MessageKey, type MessageParams } from '$lib/i18n';
import { fail, ok } from '$lib/result';
import { kitLibrary } from '$lib/library';
import { deviceId, deviceName } from '$lib/storage';
import { SessionSyncEngine, type KitAcceptResult, type KitRef, type PeerRole } from '$lib/sync';
import { LiveNetwork } from './live-network.svelte';
import { deviceHubCode, signalingFor } from '$lib/connect';

/** What `OpenSession.open` reports when the session is here but its kit is not. */
export interface MissingKit {
	sessionId: string;
	syncKey: string;
	kit: KitRef;
}

export type KitFetchPhase = 'searching' | 'receiving' | 'checking' | 'done' | 'failed';

export interface KitFetchOptions {
	timeoutMs?: number;
}

export class KitFetch {
	phase = $state<KitFetchPhase>('searching');
	/** Whole percent of the zip received from the current peer. */
	percent = $state(0);
	failure = $state.raw<{ key: MessageKey; params?: MessageParams } | null>(null);
	readonly missing: MissingKit;
	#role: PeerRole;
	#options: KitFetchOptions;
	#abort: AbortController | null = null;

	constructor(missing: MissingKit, role: PeerRole, options: KitFetchOptions = {}) {
		this.missing = missing;
		this.#role = role;
		this.#options = options;
	}

	get kitLabel(): string {
		return `${this.missing.kit.id} ${this.missing.kit.version}`;
	}

	/** Asks the session's devices for the kit; true once it is stored on this device. */
	async run(): Promise<boolean> {
		this.#abort?.abort();
		const abort = (this.#abort = new AbortController());
		this.phase = 'searching';
		this.percent = 0;
		this.failure = null;
		const { sessionId, syncKey, kit } = this.missing;
		const doc = new Y.Doc();
		let sync: SessionSyncEngine | null = null;
		let network: LiveNetwork | null = null;
		try {
			sync = new SessionSyncEngine({ doc, sessionId, key: syncKey, device: { id: await deviceId(), role: this.#role, name: await deviceName() } });
			network = new LiveNetwork(sync, { signaling: await signalingFor(sessionId), hubCode: await deviceHubCode() });
			const outcome = await sync.requestKit(kit, {
				signal: abort.signal,
				// Long enough for a tablet that is just starting; the person may retry at once.
				timeoutMs: this.#options.timeoutMs ?? 20_000,
				onProgress: ({ received, size }) => {
					this.phase = 'receiving';
					this.percent = Math.min(100, Math.floor((received / size) * 100));
				},
				accept: (zip) => this.#accept(zip)
			});
			if (abort.signal.aborted) return false;
			if (outcome.ok) {
				this.phase = 'done';
				return true;
			}
			const label = this.kitLabel;
			const problem = outcome.problem;
			if (problem.key === 'local') this.failure = { key: 'live.kit.local', params: { kit: label, reason: problem.params?.reason ?? '' } };
			else if (problem.key === 'noPeers') this.failure = { key: 'live.kit.noPeers', params: { kit: label } };
			else this.failure = { key: 'live.kit.notFound', params: { kit: label } };
			this.phase = 'failed';
			return false;
		} catch (error) {
			this.failure = { key: 'live.kit.local', params: { kit: this.kitLabel, reason: error instanceof Error ? error.message : String(error) } };
			this.phase = 'failed';
			return false;
		} finally {
			// Detach the QR links first: destroying the scratch sync would otherwise hang them up,
			// and the session screen that opens next needs them (they are this device's only way
			// to the session when it joined by QR pairing).
			network?.destroy();
			sync?.destroy();
			doc.destroy();
		}
	}

	async #accept(zip: Uint8Array): Promise<KitAcceptResult> {
		this.phase = 'checking';
		try {
			const outcome = await kitLibrary.receive(zip, this.missing.kit.hash);
			if (outcome.ok) return ok();
			this.phase = 'receiving';
			const { key, params, detail } = outcome.problem;
			return fail(detail.fault, { reason: i18n.t(key, params) });
		} catch (error) {
			// Storage errors (full disk…) are this device's, not the sender's.
			return fail('local', { reason: error instanceof Error ? error.message : String(error) });
		}
	}

	destroy(): void {
		this.#abort?.abort();
		this.#abort = null;
	}
}
