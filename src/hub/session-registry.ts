/**
 * The sessions a hub holds, and the door to them: `join({ session, token, previous, proof })`.
 *
 * New sessions: only a device that proves it holds the hub code (`proof`, see
 * `src/lib/protocol/hub-admission.ts`) makes the hub create a session; anyone else asking for a
 * session the hub does not hold is refused with `HUB_CLOSE.notAdmitted` before anything is written
 * (the refusal is logged with the session id and a count). Its token is then pinned (written to
 * disk before anyone is admitted); from then on only that token opens the session, across
 * restarts, with or without the code: phones and tablets joining by link need the token alone.
 * A hub whose data folder is at its total quota takes no new session (`HUB_CLOSE.quotaExceeded`).
 *
 * Key renewal (re-pin): a device that holds the old and the new key joins with the new token and
 * `previous` = the old token. When `previous` is the current pin, the new token is pinned
 * (atomically on disk, before anyone is admitted with it), every socket of the session (all on
 * the old token) is closed with `HUB_CLOSE.keyRenewed`, and the old token is refused from then on
 * (`keyRenewed` again, so a phone can say "the key was renewed"). A second device re-pinning
 * with the same pair, or presenting the new token alone, is simply admitted. Re-pins of one
 * session are serialized: joins wait while one is being written.
 *
 * Trade-off: the old key is exactly what a renewal revokes, so anyone holding it can re-pin to a
 * token of their own. Whoever re-pins first wins; the loser (the facilitator, if an attacker was
 * faster) gets `HUB_CLOSE.repinConflict` and must restart the hub with a new data folder. The
 * attacker still never gets the new key, so the tablets' peer-to-peer session stays closed to them.
 */
import { failWith, type Failure, type Problem, type Result } from '../lib/result';
import { HUB_CLOSE, HUB_TOKEN_PATTERN, takeHomeIdFromToken, isValidId, type HubAuth } from '../lib/protocol';
import { HubReplica, type HubReplicaOptions } from './hub-replica';
import { MAX_RETIRED_TAKE_HOME_IDS, SessionStore, sameHash, tokenHash } from './session-store';
import { isAdmitted } from './hub-code';
import type { DiskQuota } from './disk-quota';
import type { HubLogger } from './hub-logger';

export interface RegistryOptions {
	maxSessions: number;
	maxClientsPerSession: number;
	/** The hub code a device must prove it holds to bring a new session. */
	hubCode: string;
	logger: HubLogger;
	quota?: DiskQuota;
	session?: Omit<HubReplicaOptions, 'logger' | 'quota'>;
	/** Told the take-home id of the token a re-pin replaced (it stays bound to the session). */
	onRepin?: (sessionId: string, retiredTakeHomeId: string) => void;
}

export type { HubAuth };

/**
 * The session a device was admitted to, or why not: the problem's key is the close frame's reason
 * (the hub's own words, logged and sent, never translated) and its detail the `HUB_CLOSE` code.
 */
export type AdmissionResult = Result<HubReplica, Problem<string, number>>;

const refuse = (code: number, reason: string): Failure<Problem<string, number>> => failWith({ key: reason, detail: code });

interface Entry {
	session: HubReplica;
	pin: string;
	/** The pin the last re-pin replaced (for a clearer refusal), or null. */
	previous: string | null;
	/** The re-pin being written, if any: joins wait for it. */
	repinning: Promise<void> | null;
	/** Take-home ids of the tokens re-pins replaced (kept in pin.json). */
	retiredTakeHomeIds: string[];
}

export class SessionRegistry {
	#store: SessionStore;
	#options: RegistryOptions;
	#entries = new Map<string, Entry>();
	#opening = new Map<string, Promise<Entry | null>>();
	/** New sessions refused since start (no or wrong hub code), for the log. */
	#refusedNew = 0;

	constructor(store: SessionStore, options: RegistryOptions) {
		this.#store = store;
		this.#options = options;
	}

	/** Loads every session found in the data folder (called once at start). */
	async loadAll(): Promise<number> {
		await this.#store.init();
		for (const id of await this.#store.list()) {
			const pin = await this.#store.readPinRecord(id);
			if (pin === null) continue;
			this.#entries.set(id, { session: await this.#load(id), pin: pin.tokenHash, previous: pin.previousHash, repinning: null, retiredTakeHomeIds: pin.takeHomeIds });
		}
		return this.#entries.size;
	}

	get size(): number {
		return this.#entries.size;
	}

	get(sessionId: string): HubReplica | undefined {
		return this.#entries.get(sessionId)?.session;
	}

	sessions(): HubReplica[] {
		return [...this.#entries.values()].map((e) => e.session);
	}

	/**
	 * Admits `auth.token` to the session: pinning it if the session is new (with a valid hub-code
	 * proof only), re-pinning it from `auth.previous`.
	 */
	async join(auth: HubAuth): Promise<AdmissionResult> {
		const { session: sessionId, token } = auth;
		const previous = auth.previous ?? null;
		if (!isValidId(sessionId) || !HUB_TOKEN_PATTERN.test(token) || (previous !== null && !HUB_TOKEN_PATTERN.test(previous))) {
			return refuse(HUB_CLOSE.badRequest, 'invalid session id or token');
		}
		const hash = tokenHash(token);
		let entry: Entry | null | undefined = this.#entries.get(sessionId);
		if (!entry) {
			let opening = this.#opening.get(sessionId);
			// A device without the code that arrives while an authorised one brings the session waits
			// for it, then joins like any other.
			if (!opening) {
				const refusal = this.#refuseNew(sessionId, token, auth.proof ?? null);
				if (refusal) return refusal;
				opening = this.#create(sessionId, hash).finally(() => this.#opening.delete(sessionId));
				this.#opening.set(sessionId, opening);
			}
			entry = await opening;
			if (!entry) return refuse(HUB_CLOSE.full, 'hub holds too many sessions');
		}
		while (entry.repinning) await entry.repinning;
		// From here to the re-pin's start nothing awaits: two re-pins cannot interleave.
		if (!sameHash(entry.pin, hash)) {
			const previousHash = previous === null ? null : tokenHash(previous);
			if (previousHash !== null && sameHash(entry.pin, previousHash)) {
				const repin = this.#repin(sessionId, entry, hash, previous!);
				entry.repinning = repin.finally(() => (entry.repinning = null));
				await repin;
			} else {
				const renewed = previousHash === null && entry.previous !== null && sameHash(entry.previous, hash);
				const reason = previousHash !== null ? 'repinConflict' : renewed ? 'keyRenewed' : 'token';
				this.#options.logger('client.refused', { session: sessionId, reason });
				if (previousHash !== null) return refuse(HUB_CLOSE.repinConflict, 'the hub already moved this session to another key');
				if (renewed) return refuse(HUB_CLOSE.keyRenewed, 'the session key was renewed');
				return refuse(HUB_CLOSE.badToken, 'invalid token for this session');
			}
		}
		if (entry.session.clientCount >= this.#options.maxClientsPerSession) {
			return refuse(HUB_CLOSE.full, 'session has too many clients');
		}
		return { ok: true, value: entry.session };
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

	/** Why a new session may not be created for this device, or null when it may. */
	#refuseNew(sessionId: string, token: string, proof: string | null): AdmissionResult | null {
		if (!isAdmitted(this.#options.hubCode, sessionId, token, proof)) {
			this.#refusedNew++;
			this.#options.logger('session.refused', { session: sessionId, reason: proof === null ? 'noHubCode' : 'wrongHubCode', refusedNew: this.#refusedNew });
			return refuse(HUB_CLOSE.notAdmitted, 'this hub takes new sessions only from a device with the hub code');
		}
		if (this.#options.quota?.full) {
			this.#options.logger('session.refused', { session: sessionId, reason: 'quota', usedBytes: this.#options.quota.totalUsed, limitBytes: this.#options.quota.limits.totalBytes });
			return refuse(HUB_CLOSE.quotaExceeded, 'disk quota of the hub reached');
		}
		return null;
	}

	async #create(sessionId: string, hash: string): Promise<Entry | null> {
		if (this.#entries.size >= this.#options.maxSessions) return null;
		await this.#store.writePin(sessionId, hash);
		const entry: Entry = { session: await this.#load(sessionId), pin: hash, previous: null, repinning: null, retiredTakeHomeIds: [] };
		this.#entries.set(sessionId, entry);
		this.#options.logger('session.pinned', { session: sessionId, sessions: this.#entries.size });
		return entry;
	}

	/**
	 * Pins `hash` in place of the current pin, durably first, then cuts off the old-token sockets.
	 * The old token's take-home id is written with the pin: a code shown before the renewal keeps
	 * opening this session's summary, and no other session can ever claim it.
	 */
	async #repin(sessionId: string, entry: Entry, hash: string, oldToken: string): Promise<void> {
		const old = entry.pin;
		const retired = takeHomeIdFromToken(sessionId, oldToken);
		const retiredIds = [...entry.retiredTakeHomeIds.filter((id) => id !== retired), retired].slice(-MAX_RETIRED_TAKE_HOME_IDS);
		await this.#store.writePin(sessionId, hash, old, retiredIds);
		entry.pin = hash;
		entry.previous = old;
		entry.retiredTakeHomeIds = retiredIds;
		this.#options.onRepin?.(sessionId, retired);
		// Every client admitted so far came in with the old pin.
		const dropped = entry.session.dropAllClients(HUB_CLOSE.keyRenewed, 'the session key was renewed');
		this.#options.logger('session.repinned', { session: sessionId, dropped });
	}

	#load(sessionId: string): Promise<HubReplica> {
		return HubReplica.load(sessionId, this.#store.dir(sessionId), { ...this.#options.session, quota: this.#options.quota, logger: this.#options.logger });
	}
}
