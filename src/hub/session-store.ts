/**
 * The hub's data folder: one sub-folder per session id (ids are `[A-Za-z0-9_-]{1,64}`, safe as
 * folder names), holding the session log (`session-log.ts`) and the pinned access token.
 *
 *   <data>/sessions/<sessionId>/pin.json      { v, tokenHash, pinnedAt, previousHash?, takeHomeIds? }
 *   <data>/sessions/<sessionId>/snapshot.bin
 *   <data>/sessions/<sessionId>/updates.log
 *
 * Only a SHA-256 of the token is stored: a copy of the data folder does not hand out access to
 * the hub. (The token itself is already a one-way function of the session key.) After a key
 * renewal (re-pin, `session-registry.ts`) `previousHash` keeps the hash of the token it replaced,
 * only so that a device still on the old key is told "the key was renewed" rather than "wrong key",
 * and `takeHomeIds` the take-home ids of the tokens re-pins replaced, so that a take-home code
 * printed before a renewal stays bound to this session (`take-home-store.ts`).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isValidId, TAKE_HOME_ID_PATTERN } from '../lib/protocol';
import { fsyncDir, writeFileAtomic } from './durable-files';

const PIN_FILE = 'pin.json';

export function tokenHash(token: string): string {
	return createHash('sha256').update(`tablee-hub-pin:${token}`).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
	const x = Buffer.from(a, 'hex');
	const y = Buffer.from(b, 'hex');
	return x.byteLength === y.byteLength && x.byteLength > 0 && timingSafeEqual(x, y);
}

export interface PinRecord {
	tokenHash: string;
	previousHash: string | null;
	/** Take-home ids of replaced tokens, oldest first. */
	takeHomeIds: string[];
}

/** Re-pins remembered per session (a bound on pin.json; a session renews its key a few times at most). */
export const MAX_RETIRED_TAKE_HOME_IDS = 16;

function isHash(value: unknown): value is string {
	return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

export class SessionStore {
	readonly root: string;

	constructor(dataDir: string) {
		this.root = resolve(dataDir);
	}

	get sessionsDir(): string {
		return join(this.root, 'sessions');
	}

	async init(): Promise<void> {
		await mkdir(this.sessionsDir, { recursive: true, mode: 0o700 });
	}

	dir(sessionId: string): string {
		if (!isValidId(sessionId)) throw new RangeError('invalid session id');
		return join(this.sessionsDir, sessionId);
	}

	/** Session ids that have a pinned token (a folder without a pin was never accepted). */
	async list(): Promise<string[]> {
		const entries = await readdir(this.sessionsDir, { withFileTypes: true });
		const ids: string[] = [];
		for (const entry of entries) {
			if (entry.isDirectory() && isValidId(entry.name) && (await this.readPin(entry.name)) !== null) ids.push(entry.name);
		}
		return ids.sort();
	}

	async readPin(sessionId: string): Promise<string | null> {
		return (await this.readPinRecord(sessionId))?.tokenHash ?? null;
	}

	/** The pinned hash and, after a re-pin, the hash it replaced; null when there is no valid pin. */
	async readPinRecord(sessionId: string): Promise<PinRecord | null> {
		try {
			const parsed = JSON.parse(await readFile(join(this.dir(sessionId), PIN_FILE), 'utf8')) as Record<string, unknown>;
			if (!isHash(parsed.tokenHash)) return null;
			const ids = Array.isArray(parsed.takeHomeIds) ? parsed.takeHomeIds.filter((id): id is string => typeof id === 'string' && TAKE_HOME_ID_PATTERN.test(id)) : [];
			return { tokenHash: parsed.tokenHash, previousHash: isHash(parsed.previousHash) ? parsed.previousHash : null, takeHomeIds: ids.slice(-MAX_RETIRED_TAKE_HOME_IDS) };
		} catch {
			return null;
		}
	}

	/**
	 * Creates the session folder if needed and pins `hash` durably (atomic replace: a crash leaves
	 * either the old pin or the new one). `previousHash` is the pin a re-pin replaces,
	 * `takeHomeIds` the take-home ids of every token replaced so far.
	 */
	async writePin(sessionId: string, hash: string, previousHash: string | null = null, takeHomeIds: readonly string[] = []): Promise<void> {
		const dir = this.dir(sessionId);
		await mkdir(dir, { recursive: true, mode: 0o700 });
		await fsyncDir(this.sessionsDir);
		const record: Record<string, unknown> = { v: 1, tokenHash: hash, pinnedAt: new Date().toISOString() };
		if (previousHash) record.previousHash = previousHash;
		if (takeHomeIds.length > 0) record.takeHomeIds = takeHomeIds.slice(-MAX_RETIRED_TAKE_HOME_IDS);
		await writeFileAtomic(join(dir, PIN_FILE), JSON.stringify(record));
	}
}
