/**
 * The hub's data folder: one sub-folder per session id (ids are `[A-Za-z0-9_-]{1,64}`, safe as
 * folder names), holding the session log (`session-log.ts`) and the pinned access token.
 *
 *   <data>/sessions/<sessionId>/pin.json      { v, tokenHash, pinnedAt }
 *   <data>/sessions/<sessionId>/snapshot.bin
 *   <data>/sessions/<sessionId>/updates.log
 *
 * Only a SHA-256 of the token is stored: a copy of the data folder does not hand out access to
 * the hub. (The token itself is already a one-way function of the session key.)
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isValidId } from '../lib/sync/wire-protocol';
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
		try {
			const parsed = JSON.parse(await readFile(join(this.dir(sessionId), PIN_FILE), 'utf8')) as { tokenHash?: unknown };
			return typeof parsed.tokenHash === 'string' && /^[0-9a-f]{64}$/.test(parsed.tokenHash) ? parsed.tokenHash : null;
		} catch {
			return null;
		}
	}

	/** Creates the session folder and pins `hash` durably. */
	async writePin(sessionId: string, hash: string): Promise<void> {
		const dir = this.dir(sessionId);
		await mkdir(dir, { recursive: true, mode: 0o700 });
		await fsyncDir(this.sessionsDir);
		const body = JSON.stringify({ v: 1, tokenHash: hash, pinnedAt: new Date().toISOString() });
		await writeFileAtomic(join(dir, PIN_FILE), body);
	}
}
