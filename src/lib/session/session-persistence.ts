/**
 * Keeps a session's Y.Doc on this device: loads the stored updates, appends every new update
 * (strict durability), compacts the stored rows into one snapshot update when they pile up, and
 * appends this device's own contributions to its append-only log.
 *
 * A failed write (disk full, ...) never loses anything: the updates stay queued in memory (and in
 * the doc), the status turns to `error` with a `storage.error.*` key, and the write is retried
 * with backoff, on the next change, or on `retry()`. The status says `saved` only once every
 * queued update is on disk.
 */
import * as v from 'valibot';
import * as Y from 'yjs';
import { ObservableV2 } from 'lib0/observable';
import {
	appendOwnLog,
	appendUpdates,
	compactUpdates,
	deviceId as storedDeviceId,
	loadUpdates,
	toStorageError,
	type ListResult,
	type OwnLogEntry,
	type StorageError
} from '$lib/storage';
import { sessionMaps } from './session-doc';
import { ContributionSchema } from './session-schema';
import { REBUILD_ORIGIN } from './session-own-log';

export type SaveState = 'saving' | 'saved' | 'error';

export interface SaveStatus {
	state: SaveState;
	/** Set when `state` is `error`: the UI shows `error.key`. */
	error: StorageError | null;
	/** Updates and log entries waiting to be written. */
	pending: number;
}

export type PersistenceEvents = {
	status: (status: SaveStatus) => void;
};

export interface PersistenceOptions {
	/** This device's id: contributions it wrote go to its own log. Defaults to the stored device id. */
	deviceId?: string;
	now?: () => number;
	/** Compact when more than this many update rows are stored (default 200). */
	compactAfter?: number;
	/** First retry delay after a failed write, doubled up to 30 s (default 1 s). */
	retryDelayMs?: number;
	/**
	 * This session's stored updates, already being read: `loadUpdates(sessionId)` started by the
	 * caller (see `SessionDocState.prefetch`), so that the read overlaps its other work.
	 */
	stored?: Promise<ListResult<Uint8Array>>;
}

export class SessionPersistence extends ObservableV2<PersistenceEvents> {
	readonly doc: Y.Doc;
	readonly sessionId: string;
	/** Resolves once the stored updates are applied; rejects with a `StorageError`. */
	readonly whenLoaded: Promise<void>;
	/** Damaged stored updates skipped while loading. */
	skippedOnLoad = 0;
	#status: SaveStatus = { state: 'saving', error: null, pending: 0 };
	#updates: Uint8Array[] = [];
	/** Own-log candidates: contributions changed by local writes, with the device that wrote them. */
	#log: (OwnLogEntry & { deviceId: string })[] = [];
	readonly #deviceId: Promise<string>;
	#writing: Promise<void> | null = null;
	#rows = 0;
	#retryTimer: ReturnType<typeof setTimeout> | undefined;
	#retryDelay: number;
	#destroyed = false;
	readonly #options: Required<Omit<PersistenceOptions, 'deviceId' | 'stored'>>;
	readonly #stored: Promise<ListResult<Uint8Array>> | undefined;
	readonly #contributions: Y.Map<unknown>;

	constructor(doc: Y.Doc, sessionId: string, options: PersistenceOptions = {}) {
		super();
		this.doc = doc;
		this.sessionId = sessionId;
		this.#options = {
			now: options.now ?? Date.now,
			compactAfter: options.compactAfter ?? 200,
			retryDelayMs: options.retryDelayMs ?? 1000
		};
		this.#stored = options.stored;
		this.#deviceId = options.deviceId === undefined ? storedDeviceId() : Promise.resolve(options.deviceId);
		// A failure here surfaces when the first log entry is written.
		this.#deviceId.catch(() => {});
		this.#retryDelay = this.#options.retryDelayMs;
		this.#contributions = sessionMaps(doc).contributions;
		doc.on('update', this.#onUpdate);
		doc.on('afterTransaction', this.#onTransaction);
		this.whenLoaded = this.#load();
		// The rejection is reported through `status` too; avoid an unhandled rejection when the
		// caller only watches the status.
		this.whenLoaded.catch(() => {});
	}

	get status(): SaveStatus {
		return this.#status;
	}

	async #load(): Promise<void> {
		try {
			const { items, skipped } = await (this.#stored ?? loadUpdates(this.sessionId));
			this.skippedOnLoad = skipped;
			this.#rows = items.length;
			// What storage holds is not written back, so `#onUpdate` would ignore this transaction;
			// off while it runs, Yjs does not re-encode the whole loaded doc for it (tens of ms
			// for a 5,000-note session). Nothing else can write in between: this block is synchronous.
			this.doc.off('update', this.#onUpdate);
			try {
				Y.transact(
					this.doc,
					() => {
						for (const update of items) {
							try {
								Y.applyUpdate(this.doc, update, this);
							} catch {
								this.skippedOnLoad++;
							}
						}
					},
					this
				);
			} finally {
				if (!this.#destroyed) this.doc.on('update', this.#onUpdate);
			}
		} catch (error) {
			const e = toStorageError(error, 'read');
			this.#setStatus({ state: 'error', error: e });
			throw e;
		}
		if (this.#rows > this.#options.compactAfter) await this.#compact();
		this.#kick();
	}

	readonly #onUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin === this || this.#destroyed) return;
		this.#updates.push(update);
		this.#kick();
	};

	/** Collects this device's own contributions created or edited in a local transaction. */
	readonly #onTransaction = (tr: Y.Transaction) => {
		if (!tr.local || tr.origin === this || tr.origin === REBUILD_ORIGIN || this.#destroyed) return;
		const ids = new Set<string>();
		for (const [type, keys] of tr.changed) {
			if ((type as unknown) === this.#contributions) {
				for (const key of keys) if (key !== null) ids.add(key);
			} else if (type._item?.parent === this.#contributions && typeof type._item.parentSub === 'string') {
				ids.add(type._item.parentSub);
			}
		}
		const at = this.#options.now();
		for (const id of ids) {
			const value = this.#contributions.get(id);
			const record = value instanceof Y.Map ? value.toJSON() : undefined;
			const parsed = v.safeParse(ContributionSchema, record);
			if (parsed.success) this.#log.push({ sessionId: this.sessionId, contributionId: id, at, record, deviceId: parsed.output.deviceId });
		}
		if (this.#log.length > 0) this.#kick();
	};

	#pending(): number {
		return this.#updates.length + this.#log.length;
	}

	#setStatus(patch: Partial<SaveStatus>): void {
		this.#status = { ...this.#status, ...patch, pending: this.#pending() };
		this.emit('status', [this.#status]);
	}

	/** Starts a write unless one is running (it will pick up what was queued meanwhile). */
	#kick(): void {
		if (this.#writing) return;
		if (this.#pending() === 0) {
			if (this.#status.state !== 'saved' && this.#status.state !== 'error') this.#setStatus({ state: 'saved', error: null });
			return;
		}
		if (this.#status.state !== 'error') this.#setStatus({ state: 'saving' });
		// Start on the next microtask: Yjs emits `afterTransaction` (own-log entries) before
		// `update`, and both should go out in the same write.
		this.#writing = Promise.resolve()
			.then(() => this.#write())
			.finally(() => {
				this.#writing = null;
			});
	}

	async #write(): Promise<void> {
		while (this.#pending() > 0) {
			const updates = this.#updates;
			const log = this.#log;
			this.#updates = [];
			this.#log = [];
			let updatesSaved = false;
			try {
				if (updates.length > 0) {
					await appendUpdates(this.sessionId, [updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates)], this.#options.now());
					this.#rows++;
				}
				updatesSaved = true;
				if (log.length > 0) {
					const me = await this.#deviceId;
					await appendOwnLog(log.filter((e) => e.deviceId === me).map(({ deviceId: _d, ...entry }) => entry));
				}
			} catch (error) {
				// Keep what was not written queued, in order, for the next attempt.
				if (!updatesSaved) this.#updates = [...updates, ...this.#updates];
				this.#log = [...log, ...this.#log];
				this.#setStatus({ state: 'error', error: toStorageError(error, 'write') });
				this.#scheduleRetry();
				return;
			}
			if (this.#rows > this.#options.compactAfter) await this.#compact();
		}
		this.#retryDelay = this.#options.retryDelayMs;
		this.#setStatus({ state: 'saved', error: null });
	}

	async #compact(): Promise<void> {
		try {
			await compactUpdates(this.sessionId, (updates) => Y.mergeUpdates(updates), this.#options.now());
			this.#rows = 1;
		} catch (error) {
			// Nothing is lost when compaction fails: the rows stay as they were.
			this.#setStatus({ state: 'error', error: toStorageError(error, 'write') });
		}
	}

	#scheduleRetry(): void {
		if (this.#destroyed || this.#retryTimer !== undefined) return;
		this.#retryTimer = setTimeout(() => {
			this.#retryTimer = undefined;
			this.#kick();
		}, this.#retryDelay);
		this.#retryDelay = Math.min(this.#retryDelay * 2, 30_000);
	}

	/** Tries the queued writes now; resolves when they are done (see `status` for the outcome). */
	async retry(): Promise<void> {
		clearTimeout(this.#retryTimer);
		this.#retryTimer = undefined;
		await this.flushed();
		this.#kick();
		await this.flushed();
	}

	/** Resolves when no write is running (queued writes that failed stay queued). */
	async flushed(): Promise<void> {
		while (this.#writing) await this.#writing;
	}

	/**
	 * Stops listening, makes one last attempt at writing what is queued, and waits for it. What
	 * still fails stays in the doc (the caller may export it); the status reports the error.
	 */
	override async destroy(): Promise<void> {
		clearTimeout(this.#retryTimer);
		this.#retryTimer = undefined;
		this.doc.off('update', this.#onUpdate);
		this.doc.off('afterTransaction', this.#onTransaction);
		this.#destroyed = true;
		await this.flushed();
		this.#kick();
		await this.flushed();
		super.destroy();
	}
}

/** Attaches persistence to a session doc; await `whenLoaded` before showing the session. */
export function attachPersistence(doc: Y.Doc, sessionId: string, options: PersistenceOptions = {}): SessionPersistence {
	return new SessionPersistence(doc, sessionId, options);
}
