/**
 * One session as the hub holds it: a Y.Doc (the backup replica), the `UpdateGuard` every
 * client update goes through, an Awareness relay, the on-disk log, and the connected clients.
 *
 * The hub is a peer in the frame protocol (`wire-protocol.ts`) towards each client: it answers
 * hello with hello + sync-step1, serves sync-step2 parts, and forwards every doc update to the
 * other clients. It never holds the session key: its hello echoes the key tag the client sent
 * (every client of a session has passed the same token check, hence holds the same key).
 *
 * Acknowledgement: an update is relayed to other clients only after it is on disk, so anything
 * another device has received through the hub survives a SIGKILL of the hub. Step-2 answers
 * likewise wait for pending writes.
 *
 * Outgoing updates are merged per client and sent at most every `flushIntervalMs`, so a client's
 * per-peer rate limit (`DEFAULT_RATE_LIMIT`) is never hit by a hub relaying for 60 phones.
 */
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { encodeFrame, parseFrame, type FrameBody } from '../lib/sync/wire-protocol';
import { randomEndpointId } from '../lib/sync/frame-transport';
import { UpdateGuard } from '../lib/sync/update-guard';
import { encodeMissingUpdates } from '../lib/sync/update-split';
import { SYNC_LIMITS } from '../lib/sync/sync-limits';
import { SessionLog, type SessionLogOptions } from './session-log';
import type { HubLogger } from './hub-logger';

/** The connection side of a client, provided by the sync endpoint. */
export interface ClientSocket {
	/** Short id for logs (never contribution text). */
	readonly id: string;
	send(frame: Uint8Array): void;
	/** Close the connection with a code and a short reason. */
	drop(code: number, reason: string): void;
}

export interface HubSessionOptions {
	log?: SessionLogOptions;
	flushIntervalMs?: number;
	logger: HubLogger;
}

export const HUB_DEVICE = { id: 'tablee-hub', role: 'station', name: 'Tablée hub' } as const;
const CLOSE_MALFORMED = 4422;
const PAYLOAD_LIMIT = SYNC_LIMITS.messageBytes - 1024;

class ClientState {
	endpoint: string | null = null;
	tag: Uint8Array | null = null;
	queue: Uint8Array[] = [];
	awarenessOut = new Set<number>();
	awarenessIn = new Set<number>();
	timer: ReturnType<typeof setTimeout> | null = null;
	lastFlush = 0;
	constructor(readonly socket: ClientSocket) {}
}

export class HubSession {
	readonly id: string;
	readonly doc = new Y.Doc();
	readonly endpointId = randomEndpointId();
	#guard: UpdateGuard;
	#awareness: Awareness;
	#log: SessionLog;
	#clients = new Map<ClientSocket, ClientState>();
	#logger: HubLogger;
	#flushIntervalMs: number;
	#relayed = 0;
	#closed = false;
	/** True while the disk state is replayed: those updates are already in the log. */
	#loading = false;

	private constructor(id: string, log: SessionLog, options: HubSessionOptions) {
		this.id = id;
		this.#log = log;
		this.#logger = options.logger;
		this.#flushIntervalMs = options.flushIntervalMs ?? 20;
		this.#guard = new UpdateGuard(this.doc);
		this.#awareness = new Awareness(this.doc);
		this.#awareness.setLocalState(null);
		this.doc.on('update', this.#onDocUpdate);
		this.#awareness.on('update', this.#onAwarenessUpdate);
	}

	/** Loads the session from `dir` (snapshot + log) and opens its log for appending. */
	static async load(id: string, dir: string, options: HubSessionOptions): Promise<HubSession> {
		let doc: Y.Doc | null = null;
		const loaded = await SessionLog.open(dir, () => Y.encodeStateAsUpdate(doc!), options.log);
		const session = new HubSession(id, loaded.log, options);
		doc = session.doc;
		let failed = 0;
		session.#loading = true;
		session.doc.transact(() => {
			for (const update of loaded.updates) {
				try {
					Y.applyUpdate(session.doc, update, 'disk');
				} catch {
					failed++;
				}
			}
		}, 'disk');
		session.#loading = false;
		session.#guard.destroy();
		session.#guard = new UpdateGuard(session.doc);
		options.logger('session.loaded', {
			session: id,
			records: loaded.updates.length,
			discardedBytes: loaded.discardedBytes,
			failedRecords: failed
		});
		return session;
	}

	get clientCount(): number {
		return this.#clients.size;
	}
	get relayedUpdates(): number {
		return this.#relayed;
	}
	get sessionLog(): SessionLog {
		return this.#log;
	}

	addClient(socket: ClientSocket): void {
		this.#clients.set(socket, new ClientState(socket));
	}

	removeClient(socket: ClientSocket): void {
		const state = this.#clients.get(socket);
		if (!state) return;
		this.#clients.delete(socket);
		if (state.timer) clearTimeout(state.timer);
		if (state.awarenessIn.size > 0) removeAwarenessStates(this.#awareness, [...state.awarenessIn], 'leave');
	}

	/** Bytes from a client; anything invalid drops that client, the doc stays untouched. */
	receive(socket: ClientSocket, bytes: Uint8Array): void {
		const state = this.#clients.get(socket);
		if (!state) return;
		const frame = parseFrame(bytes, SYNC_LIMITS.messageBytes);
		if (!frame) return this.#drop(state, 'malformed frame', bytes.byteLength);
		switch (frame.type) {
			case 'hello': {
				const known = state.endpoint === frame.from;
				state.endpoint = frame.from;
				state.tag = frame.keyTag;
				if (known && !frame.wantReply) return;
				this.#send(state, this.#hello(state, false));
				this.#send(state, { type: 'sync-step1', stateVector: Y.encodeStateVector(this.doc) });
				const ids = [...this.#awareness.getStates().keys()];
				if (ids.length > 0) this.#send(state, { type: 'awareness', update: encodeAwarenessUpdate(this.#awareness, ids) });
				return;
			}
			case 'bye':
				state.endpoint = null;
				return;
			default:
				break;
		}
		if (state.endpoint === null) return;
		switch (frame.type) {
			case 'sync-step1':
				void this.#answerStep1(state, frame.stateVector);
				return;
			case 'sync-step2':
			case 'update': {
				const result = this.#guard.apply(frame.update, state);
				if (!result.ok) this.#drop(state, `update ${result.reason}`, frame.update.byteLength);
				return;
			}
			case 'awareness':
				try {
					applyAwarenessUpdate(this.#awareness, frame.update, state);
				} catch {
					this.#drop(state, 'malformed awareness', frame.update.byteLength);
				}
				return;
		}
	}

	/** Keeps each client's peer entry for the hub alive (clients forget silent peers). */
	heartbeat(): void {
		for (const state of this.#clients.values()) if (state.tag) this.#send(state, this.#hello(state, false));
	}

	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		for (const state of this.#clients.values()) if (state.timer) clearTimeout(state.timer);
		this.#clients.clear();
		this.doc.off('update', this.#onDocUpdate);
		this.#awareness.destroy();
		this.#guard.destroy();
		await this.#log.close();
		this.doc.destroy();
	}

	async #answerStep1(state: ClientState, stateVector: Uint8Array): Promise<void> {
		await this.#log.flushed().catch(() => {});
		if (!this.#clients.has(state.socket)) return;
		let parts: Uint8Array[];
		try {
			parts = encodeMissingUpdates(this.doc, stateVector, PAYLOAD_LIMIT).parts;
		} catch {
			return this.#drop(state, 'malformed state vector', stateVector.byteLength);
		}
		for (const update of parts) this.#send(state, { type: 'sync-step2', update });
	}

	#hello(state: ClientState, wantReply: boolean): FrameBody {
		return { type: 'hello', keyTag: state.tag!, deviceId: HUB_DEVICE.id, role: HUB_DEVICE.role, name: HUB_DEVICE.name, wantReply };
	}

	#send(state: ClientState, body: FrameBody): void {
		state.socket.send(encodeFrame(this.endpointId, state.endpoint ?? '', body));
	}

	#drop(state: ClientState, reason: string, bytes: number): void {
		this.#logger('client.dropped', { session: this.id, client: state.socket.id, reason, bytes });
		this.removeClient(state.socket);
		state.socket.drop(CLOSE_MALFORMED, reason);
	}

	#onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		if (this.#loading) return;
		const persisted = this.#log.append(update).catch((error: unknown) => {
			// Keep relaying (the workshop goes on); the failure is visible in the hub's log.
			this.#logger('log.writeFailed', { session: this.id, bytes: update.byteLength, error: String((error as Error)?.code ?? error) });
		});
		void persisted.then(() => {
			this.#relayed++;
			for (const state of this.#clients.values()) {
				if (state === origin || state.endpoint === null) continue;
				state.queue.push(update);
				this.#schedule(state);
			}
		});
	};

	#onAwarenessUpdate = (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
		const ids = [...change.added, ...change.updated, ...change.removed];
		if (origin instanceof ClientState) {
			for (const id of [...change.added, ...change.updated]) origin.awarenessIn.add(id);
			for (const id of change.removed) origin.awarenessIn.delete(id);
		}
		for (const state of this.#clients.values()) {
			if (state === origin || state.endpoint === null) continue;
			for (const id of ids) state.awarenessOut.add(id);
			this.#schedule(state);
		}
	};

	#schedule(state: ClientState): void {
		if (state.timer) return;
		const wait = Math.max(0, state.lastFlush + this.#flushIntervalMs - Date.now());
		state.timer = setTimeout(() => this.#flush(state), wait);
	}

	#flush(state: ClientState): void {
		state.timer = null;
		state.lastFlush = Date.now();
		if (!this.#clients.has(state.socket)) return;
		const queue = state.queue;
		state.queue = [];
		if (queue.length > 0) {
			const merged = queue.length === 1 ? queue[0]! : Y.mergeUpdates(queue);
			if (merged.byteLength <= PAYLOAD_LIMIT) this.#send(state, { type: 'update', update: merged });
			else {
				let oversized = false;
				for (const u of queue) {
					if (u.byteLength <= PAYLOAD_LIMIT) this.#send(state, { type: 'update', update: u });
					else oversized = true;
				}
				// Too big for one frame: ask for a state exchange, which answers in parts.
				if (oversized) this.#send(state, this.#hello(state, true));
			}
		}
		if (state.awarenessOut.size > 0) {
			const ids = [...state.awarenessOut].filter((id) => this.#awareness.meta.has(id));
			state.awarenessOut.clear();
			if (ids.length > 0) this.#send(state, { type: 'awareness', update: encodeAwarenessUpdate(this.#awareness, ids) });
		}
	}
}
