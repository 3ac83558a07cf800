/**
 * The open session as the UI sees it: the stored row, the Y.Doc (for the sync layer), the model's
 * operations (`ops`), reactive reads (re-run when the doc changes, from this device or another),
 * and the save state. Open with `SessionDocState.open(id, { kit })`; call `destroy()` when leaving.
 */
import * as Y from 'yjs';
import { createSubscriber } from 'svelte/reactivity';
import {
	StorageError,
	deviceId as storedDeviceId,
	getSession,
	loadUpdates,
	type ListResult,
	sessionAuthorId,
	updateSession,
	type RandomSource,
	type SessionPatch,
	type SessionRecord,
	type StorageMessageKey
} from '$lib/storage';
import { SessionDocModel } from './session-doc-model';
import { planFor, UnknownAgendaError, type SessionKit } from './session-plan';
import { attachPersistence, type SaveState, type SessionPersistence } from './session-persistence';
import { SessionError } from './session-errors';
import type { CheckinSummary, ContributionFilter, ContributionView, GroupBoard, ThemeView, ActivityCounts, Viewer } from './session-views';
import type { SessionSnapshot } from './session-read';
import type { TimerState } from './session-timer';
import type { DocMeta } from './session-schema';
import type { SessionLabel } from './session-label';

/** The operations of the model (writes); reads go through the reactive getters below. */
export type SessionOps = Omit<
	SessionDocModel,
	| 'doc'
	| 'plan'
	| 'origin'
	| 'observe'
	| 'destroy'
	| 'initMeta'
	| 'snapshot'
	| 'meta'
	| 'label'
	| 'version'
	| 'contributions'
	| 'visibleContributions'
	| 'countsByActivity'
	| 'themes'
	| 'voteCounts'
	| 'remainingDots'
	| 'isSilent'
	| 'groupBoards'
	| 'groupBoard'
	| 'cardTally'
	| 'checkinSummary'
	| 'timerState'
>;

export interface SessionDocStateOptions {
	/** The session's kit (a validated manifest), matching the row's kit id and version. */
	kit: SessionKit;
	/** Defaults to this device's stored id. */
	deviceId?: string;
	now?: () => number;
	random?: RandomSource;
	compactAfter?: number;
	/** Reads started earlier by `SessionDocState.prefetch(id)` for this session (ignored for another id). */
	prefetched?: SessionPrefetch;
}

/** A session's stored row and updates, being read from this device's storage. */
export interface SessionPrefetch {
	id: string;
	row: Promise<SessionRecord | undefined>;
	stored: Promise<ListResult<Uint8Array>>;
}

export class SessionDocState {
	readonly doc: Y.Doc;
	readonly model: SessionDocModel;
	readonly persistence: SessionPersistence;
	/** Typed write operations (`session.ops.addContribution(...)`). */
	readonly ops: SessionOps;
	row = $state.raw<SessionRecord>() as SessionRecord;
	saveState = $state<SaveState>('saving');
	/** Message key to show while `saveState` is `error`. */
	saveError = $state<StorageMessageKey | null>(null);
	readonly #subscribe: () => void;
	readonly #offStatus: () => void;

	private constructor(row: SessionRecord, model: SessionDocModel, persistence: SessionPersistence) {
		this.row = row;
		this.doc = model.doc;
		this.model = model;
		this.ops = model;
		this.persistence = persistence;
		this.#subscribe = createSubscriber((update) => model.observe(() => update()));
		const onStatus = (status: SessionPersistence['status']) => {
			this.saveState = status.state;
			this.saveError = status.error?.key ?? null;
		};
		onStatus(persistence.status);
		persistence.on('status', onStatus);
		this.#offStatus = () => persistence.off('status', onStatus);
	}

	/**
	 * Opens a stored session: checks the kit, loads the doc from this device's storage and writes
	 * the doc header when the doc is new. Throws `StorageError` (not found, unreadable) or
	 * `SessionError` (kit or agenda mismatch, doc of another session).
	 */
	static async open(id: string, options: SessionDocStateOptions): Promise<SessionDocState> {
		const prefetched = options.prefetched?.id === id ? options.prefetched : undefined;
		const row = await (prefetched?.row ?? getSession(id));
		if (!row) throw new StorageError('sessionNotFound');
		const { kit } = options;
		if (kit.id !== row.kit.id || kit.version !== row.kit.version) {
			throw new SessionError('kitMismatch', { kit: row.kit.id, version: row.kit.version });
		}
		let plan;
		try {
			plan = planFor(kit, row.agendaId);
		} catch (error) {
			if (error instanceof UnknownAgendaError) throw new SessionError('unknownAgenda', { agenda: row.agendaId });
			throw error;
		}
		const device = options.deviceId ?? (await storedDeviceId(options.random));
		const authorId = await sessionAuthorId(id, options.random);
		const doc = new Y.Doc();
		const model = new SessionDocModel(doc, { plan, deviceId: device, authorId, now: options.now, random: options.random });
		const persistence = attachPersistence(doc, id, { deviceId: device, now: options.now, compactAfter: options.compactAfter, stored: prefetched?.stored });
		try {
			await persistence.whenLoaded;
			model.initMeta({ sessionId: id, kit: row.kit, agendaId: row.agendaId, createdAt: row.createdAt, label: { title: row.title, place: row.place, date: row.date } });
			const meta = model.meta();
			if (meta && (meta.sessionId !== id || meta.kitId !== row.kit.id)) throw new SessionError('otherSession');
		} catch (error) {
			await persistence.destroy();
			model.destroy();
			doc.destroy();
			throw error;
		}
		return new SessionDocState(row, model, persistence);
	}

	/**
	 * Starts reading a session's row and stored updates now, so that a caller can do other work
	 * (open the kit) while storage answers; pass the result to `open`. Errors surface in `open`.
	 */
	static prefetch(id: string): SessionPrefetch {
		const prefetch = { id, row: getSession(id), stored: loadUpdates(id) };
		// Unobserved when the caller gives up before `open` (kit missing): not an unhandled rejection.
		prefetch.row.catch(() => {});
		prefetch.stored.catch(() => {});
		return prefetch;
	}

	// Reactive reads: each re-runs in effects and deriveds when the doc changes.

	get snapshot(): SessionSnapshot {
		this.#subscribe();
		return this.model.snapshot();
	}
	get meta(): DocMeta | null {
		this.#subscribe();
		return this.model.meta();
	}
	get label(): SessionLabel {
		this.#subscribe();
		return this.model.label();
	}
	get counts(): Record<string, ActivityCounts> {
		this.#subscribe();
		return this.model.countsByActivity();
	}
	get groupBoards(): GroupBoard[] {
		this.#subscribe();
		return this.model.groupBoards();
	}
	get checkinSummary(): CheckinSummary {
		this.#subscribe();
		return this.model.checkinSummary();
	}
	get cardTally(): Map<string, number> {
		this.#subscribe();
		return this.model.cardTally();
	}
	contributions(filter?: ContributionFilter): ContributionView[] {
		this.#subscribe();
		return this.model.contributions(filter);
	}
	/** This device's view: others' notes stay hidden while the activity is silent. */
	visibleContributions(filter?: Omit<ContributionFilter, 'viewer'>, viewer?: Viewer): ContributionView[] {
		this.#subscribe();
		return this.model.visibleContributions(filter, viewer);
	}
	themes(activityId: string): { themes: ThemeView[]; unthemed: ContributionView[] } {
		this.#subscribe();
		return this.model.themes(activityId);
	}
	voteCounts(): Map<string, number> {
		this.#subscribe();
		return this.model.voteCounts();
	}
	remainingDots(activityId: string, voterId: string): number {
		this.#subscribe();
		return this.model.remainingDots(activityId, voterId);
	}
	isSilent(activityId: string): boolean {
		this.#subscribe();
		return this.model.isSilent(activityId);
	}
	/** The agenda clock at `now`: pass a ticking clock from the view to refresh the countdown. */
	timerState(now: number): TimerState {
		this.#subscribe();
		return this.model.timerState(now);
	}

	/** Changes the stored metadata (title, date, place, facilitators, language). */
	async updateMeta(patch: SessionPatch): Promise<void> {
		this.row = await updateSession(this.row.id, patch);
		// Devices that join later show the session by these (QR join confirmation).
		this.model.setLabel({ title: this.row.title, place: this.row.place, date: this.row.date });
	}

	/** Writes what is queued now (after a storage error, once space was freed). */
	retrySave(): Promise<void> {
		return this.persistence.retry();
	}

	/** Stops everything this state started: listeners, persistence (after a last write), the doc. */
	async destroy(): Promise<void> {
		this.#offStatus();
		await this.persistence.destroy();
		this.model.destroy();
		this.doc.destroy();
	}
}
