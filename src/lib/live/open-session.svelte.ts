/**
 * A session as a screen uses it: the stored row, its kit, the session state (model, ops, reactive
 * reads, save state) and the sync layer with this device's transports. Every session screen
 * (console, station, activity, wall) opens one through `OpenSessionGate.svelte`, so opening and
 * closing happen in one place: sync is detached before the doc is destroyed.
 */
import type { MessageKey, MessageParams } from '$lib/i18n';
import { kitLibrary, kitsUnavailable, KitView } from '$lib/library';
import type { Problem, Result } from '$lib/result';
import { writeKitZip, type KitActivity, type KitAgenda, type KitPackage } from '$lib/kits';
import { SessionError, SessionDocState, type SessionPrefetch } from '$lib/session';
import { deviceId as storedDeviceId, deviceName, sessionAuthorId, StorageError } from '$lib/storage';
import { SessionSyncEngine, isKitHash, type PeerRole, type SyncStatus } from '$lib/sync';
import { LiveNetwork } from './live-network.svelte';
import { deviceHubCode, signalingFor } from '$lib/connect';
import { deviceChoices, type ConsentAnswer } from './device-choices';
import type { MissingKit } from './kit-fetch.svelte';

/**
 * Why a session could not be opened, as a message for the user. `detail`: the session is on this
 * device but its kit is not, and it can be received from peers.
 */
export type OpenSessionProblem = Problem<MessageKey, MissingKit | undefined>;

export type OpenSessionResult = Result<OpenSession, OpenSessionProblem>;

/**
 * A User Timing mark (`tablee:open:<stage>`) at each stage of opening, for profiles
 * (tests/bench/session-open-profile.bench.ts); costs a few microseconds.
 */
function mark(stage: string): void {
	performance.mark(`tablee:open:${stage}`);
}

/** The reads opening a session starts with, in flight. */
interface OpenReads {
	prefetched: SessionPrefetch;
	/** This device's id, name, signaling addresses for the session, hub code. */
	device: Promise<[string, string, string[], string | null]>;
}

/**
 * Starts every read opening session `id` needs: its row and stored updates, this device's
 * settings, the kits' index (while the row, which names the kit, is read), then the kit itself
 * (unzipped and parsed once per page by `kitLibrary`). Errors surface where they are awaited.
 */
function startReads(id: string): OpenReads {
	kitLibrary.prepare();
	const prefetched = SessionDocState.prefetch(id);
	const device = Promise.all([storedDeviceId(), deviceName(), signalingFor(id), deviceHubCode()]);
	device.catch(() => {});
	prefetched.row.then(
		(row) => row && kitLibrary.open(`${row.kit.id}@${row.kit.version}`).catch(() => {}),
		() => {}
	);
	return { prefetched, device };
}

/** Reads started by `prefetchSession` are used only this soon after (older ones may be stale). */
const EARLY_READS_MS = 3000;
let early: { id: string; at: number; reads: OpenReads } | null = null;

/**
 * Starts reading session `id` before its screen mounts (a route's `load`, which runs while the
 * app's catalog loads), for the next `OpenSession.open(id)` to use. Nothing is written.
 */
export function prefetchSession(id: string): void {
	if (!id) return;
	mark('prefetch');
	early = { id, at: Date.now(), reads: startReads(id) };
}

function takeEarlyReads(id: string): OpenReads | undefined {
	const taken = early;
	early = null;
	return taken && taken.id === id && Date.now() - taken.at < EARLY_READS_MS ? taken.reads : undefined;
}

export class OpenSession {
	readonly session: SessionDocState;
	readonly sync: SessionSyncEngine;
	/** This device's transports and the controls over them (offline, key rotation). */
	readonly network: LiveNetwork;
	readonly kit: KitPackage;
	readonly view: KitView;
	readonly role: PeerRole;
	/** This device's pseudonymous author id in this session (never a name). */
	readonly participantId: string;
	readonly deviceId: string;
	syncStatus = $state.raw<SyncStatus>() as SyncStatus;
	/** The group this device works for (card game, cases, notes), or null. */
	groupId = $state<string | null>(null);
	/** The participant's answer to the kit's consent text on this device, or null (not asked yet). */
	consent = $state<ConsentAnswer | null>(null);
	#offStatus: () => void;
	#stopProviding: () => void;

	private constructor(args: { session: SessionDocState; sync: SessionSyncEngine; network: LiveNetwork; kit: KitPackage; role: PeerRole; participantId: string; deviceId: string }) {
		this.session = args.session;
		this.sync = args.sync;
		this.network = args.network;
		this.kit = args.kit;
		this.view = new KitView(args.kit);
		this.role = args.role;
		this.participantId = args.participantId;
		this.deviceId = args.deviceId;
		this.syncStatus = args.sync.status;
		const id = args.session.row.id;
		this.consent = deviceChoices.consent(id);
		const group = deviceChoices.group(id);
		this.groupId = group && args.session.snapshot.groups.some((g) => g.id === group) ? group : null;
		const onStatus = (status: SyncStatus) => (this.syncStatus = status);
		args.sync.on('status', onStatus);
		this.#offStatus = () => args.sync.off('status', onStatus);
		// The kit travels with the session: serve it to devices of the session that lack it.
		const kit = args.kit;
		let zip: Uint8Array | null = null;
		this.#stopProviding = args.sync.provideKit(kit.hash, async () => (zip ??= writeKitZip(kit)));
	}

	/** Opens a stored session with its kit and joins same-device tabs and, when configured, the local network. */
	static async open(id: string, role: PeerRole): Promise<OpenSessionResult> {
		try {
			const reads = takeEarlyReads(id);
			mark(reads ? 'start (reads started before)' : 'start');
			const { prefetched, device } = reads ?? startReads(id);
			const row = await prefetched.row;
			if (!row) return { ok: false, problem: { key: 'live.error.notFound' } };
			mark('row');
			// The author id is made (written) only for a session that exists.
			const [opened, [deviceId, name, signaling, hubCode], participantId] = await Promise.all([kitLibrary.open(`${row.kit.id}@${row.kit.version}`), device, sessionAuthorId(id)]);
			mark('kit');
			if (!opened.ok && kitsUnavailable(opened.problem)) return { ok: false, problem: { key: 'library.open.unavailable' } };
			if (!opened.ok) {
				return {
					ok: false,
					problem: {
						key: 'live.error.kitMissing',
						params: { kit: `${row.kit.id} ${row.kit.version}` },
						detail: isKitHash(row.kit.hash) ? { sessionId: id, syncKey: row.syncKey, kit: { ...row.kit } } : undefined
					}
				};
			}
			const session = await SessionDocState.open(id, { kit: opened.value.kit.manifest, deviceId, prefetched });
			mark('doc');
			const sync = new SessionSyncEngine({
				doc: session.doc,
				sessionId: id,
				key: row.syncKey,
				device: { id: deviceId, role, name }
			});
			const network = new LiveNetwork(sync, { signaling, hubCode });
			mark('done');
			return { ok: true, value: new OpenSession({ session, sync, network, kit: opened.value.kit, role, participantId, deviceId }) };
		} catch (error) {
			if (error instanceof StorageError || error instanceof SessionError) {
				return { ok: false, problem: { key: error.key as MessageKey, params: 'params' in error ? (error.params as MessageParams) : undefined } };
			}
			console.error(error);
			return { ok: false, problem: { key: 'live.error.unexpected', params: { reason: error instanceof Error ? error.message : String(error) } } };
		}
	}

	/** The kit agenda this session runs. */
	get agenda(): KitAgenda {
		const agenda = this.kit.manifest.agendas.find((a) => a.id === this.session.row.agendaId);
		// SessionDocState.open refuses a session whose agenda is not in its kit.
		if (!agenda) throw new Error(`Agenda ${this.session.row.agendaId} missing from kit`);
		return agenda;
	}

	/** One activity of the agenda, with its kit text. */
	activity(id: string | null | undefined): KitActivity | undefined {
		return id ? this.agenda.activities.find((a) => a.id === id) : undefined;
	}

	get sessionId(): string {
		return this.session.row.id;
	}

	/** Participants contribute only after accepting the consent text; facilitators need not. */
	get mayContribute(): boolean {
		return this.role === 'facilitator' || this.consent === 'accepted';
	}

	chooseGroup(groupId: string | null): void {
		this.groupId = groupId;
		deviceChoices.setGroup(this.sessionId, groupId);
	}

	answerConsent(answer: ConsentAnswer | null): void {
		this.consent = answer;
		deviceChoices.setConsent(this.sessionId, answer);
	}

	/** Leaves the session: sync first (it holds the doc), then the session, then kit resources. */
	destroy(): void {
		this.#offStatus();
		this.#stopProviding();
		this.network.destroy();
		this.sync.destroy();
		this.session.destroy();
		this.view.destroy();
	}
}
