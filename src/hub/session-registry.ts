/**
 * The sessions a hub holds, and the door to them: `join(sessionId, token)`.
 *
 * Trust on first use: the first valid-looking token presented for an unknown session id is
 * pinned (written to disk before anyone is admitted); from then on only that token opens the
 * session, across restarts. A session key rotation therefore needs a new session id on the hub
 * (the old token keeps working for devices still on the old key, which is the point of pinning).
 */
import { HUB_CLOSE, HUB_TOKEN_PATTERN } from '../lib/sync/hub-transport';
import { isValidId } from '../lib/sync/wire-protocol';
import { HubSession, type HubSessionOptions } from './hub-session';
import { SessionStore, sameHash, tokenHash } from './session-store';
import type { HubLogger } from './hub-logger';

export interface RegistryOptions {
	maxSessions: number;
	maxClientsPerSession: number;
	logger: HubLogger;
	session?: Omit<HubSessionOptions, 'logger'>;
}

export type JoinResult = { ok: true; session: HubSession } | { ok: false; code: number; reason: string };

interface Entry {
	session: HubSession;
	pin: string;
}

export class SessionRegistry {
	#store: SessionStore;
	#options: RegistryOptions;
	#entries = new Map<string, Entry>();
	#opening = new Map<string, Promise<Entry | null>>();

	constructor(store: SessionStore, options: RegistryOptions) {
		this.#store = store;
		this.#options = options;
	}

	/** Loads every session found in the data folder (called once at start). */
	async loadAll(): Promise<number> {
		await this.#store.init();
		for (const id of await this.#store.list()) {
			const pin = await this.#store.readPin(id);
			if (pin === null) continue;
			this.#entries.set(id, { session: await this.#load(id), pin });
		}
		return this.#entries.size;
	}

	get size(): number {
		return this.#entries.size;
	}

	get(sessionId: string): HubSession | undefined {
		return this.#entries.get(sessionId)?.session;
	}

	sessions(): HubSession[] {
		return [...this.#entries.values()].map((e) => e.session);
	}

	async join(sessionId: string, token: string): Promise<JoinResult> {
		if (!isValidId(sessionId) || !HUB_TOKEN_PATTERN.test(token)) {
			return { ok: false, code: HUB_CLOSE.badRequest, reason: 'invalid session id or token' };
		}
		const hash = tokenHash(token);
		let entry: Entry | null | undefined = this.#entries.get(sessionId);
		if (!entry) {
			let opening = this.#opening.get(sessionId);
			if (!opening) {
				opening = this.#create(sessionId, hash).finally(() => this.#opening.delete(sessionId));
				this.#opening.set(sessionId, opening);
			}
			entry = await opening;
			if (!entry) return { ok: false, code: HUB_CLOSE.full, reason: 'hub holds too many sessions' };
		}
		if (!sameHash(entry.pin, hash)) {
			this.#options.logger('client.refused', { session: sessionId, reason: 'token' });
			return { ok: false, code: HUB_CLOSE.badToken, reason: 'invalid token for this session' };
		}
		if (entry.session.clientCount >= this.#options.maxClientsPerSession) {
			return { ok: false, code: HUB_CLOSE.full, reason: 'session has too many clients' };
		}
		return { ok: true, session: entry.session };
	}

	/**
	 * Checks a token against the pin of a session the hub already holds, without pinning anything
	 * (for the take-home endpoint: a session must have been opened on `/sync` first).
	 */
	verify(sessionId: string, token: string): 'ok' | 'unknown' | 'badToken' | 'invalid' {
		if (!isValidId(sessionId) || !HUB_TOKEN_PATTERN.test(token)) return 'invalid';
		const entry = this.#entries.get(sessionId);
		if (!entry) return 'unknown';
		return sameHash(entry.pin, tokenHash(token)) ? 'ok' : 'badToken';
	}

	heartbeat(): void {
		for (const { session } of this.#entries.values()) session.heartbeat();
	}

	async close(): Promise<void> {
		await Promise.allSettled([...this.#opening.values()]);
		await Promise.all([...this.#entries.values()].map((e) => e.session.close()));
		this.#entries.clear();
	}

	async #create(sessionId: string, hash: string): Promise<Entry | null> {
		if (this.#entries.size >= this.#options.maxSessions) return null;
		await this.#store.writePin(sessionId, hash);
		const entry = { session: await this.#load(sessionId), pin: hash };
		this.#entries.set(sessionId, entry);
		this.#options.logger('session.pinned', { session: sessionId, sessions: this.#entries.size });
		return entry;
	}

	#load(sessionId: string): Promise<HubSession> {
		return HubSession.load(sessionId, this.#store.dir(sessionId), { ...this.#options.session, logger: this.#options.logger });
	}
}
