/**
 * The take-home summaries the hub holds: at most one per session, in the session's folder
 *
 *   <data>/sessions/<sessionId>/take-home.dat   one JSON line { v, id, bytes, publishedAt }, then the HTML
 *
 * written atomically (`writeFileAtomic`: a crash leaves the old or the new summary, never a mix),
 * so meta and HTML always belong together. In memory only the map take-home id → session id.
 *
 * Claims: the hub cannot recompute an id (it never sees the key), so an id belongs to the first
 * session that publishes it; another session claiming it is refused. A session that publishes
 * under a new id releases its old one, so one session holds one id at most.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './durable-files';
import type { SessionStore } from './session-store';
import { TAKE_HOME_ID_PATTERN } from '../lib/sync/take-home';

const FILE = 'take-home.dat';

interface TakeHomeMeta {
	v: 1;
	id: string;
	bytes: number;
	publishedAt: string;
}

export type TakeHomeSaveResult = { ok: true; replaced: boolean } | { ok: false; reason: 'claimed' };

export class TakeHomeStore {
	#store: SessionStore;
	/** take-home id → session id. */
	#owners = new Map<string, string>();
	/** session id → its take-home id. */
	#ids = new Map<string, string>();
	/** Saves of one session run one after the other (the last one wins on disk and in the maps). */
	#queues = new Map<string, Promise<unknown>>();

	constructor(store: SessionStore) {
		this.#store = store;
	}

	/** Reads which session owns which id (called once at start, after the sessions folder exists). */
	async loadAll(): Promise<number> {
		for (const sessionId of await this.#store.list()) {
			const meta = await this.#readMeta(sessionId);
			if (meta && !this.#owners.has(meta.id)) this.#claim(meta.id, sessionId);
		}
		return this.#owners.size;
	}

	get size(): number {
		return this.#owners.size;
	}

	ownerOf(id: string): string | undefined {
		return this.#owners.get(id);
	}

	/** Stores (or replaces) the summary of `sessionId` under `id`, unless another session owns `id`. */
	save(sessionId: string, id: string, html: Uint8Array): Promise<TakeHomeSaveResult> {
		const run = (this.#queues.get(sessionId) ?? Promise.resolve()).catch(() => {}).then(() => this.#save(sessionId, id, html));
		this.#queues.set(sessionId, run);
		void run.finally(() => {
			if (this.#queues.get(sessionId) === run) this.#queues.delete(sessionId);
		}).catch(() => {});
		return run;
	}

	/** The stored HTML for a public id, or null (unknown id, or the file is gone or damaged). */
	async read(id: string): Promise<Uint8Array | null> {
		const sessionId = this.#owners.get(id);
		if (!sessionId) return null;
		const file = await this.#readFile(sessionId);
		return file && file.meta.id === id ? file.html : null;
	}

	async #save(sessionId: string, id: string, html: Uint8Array): Promise<TakeHomeSaveResult> {
		const owner = this.#owners.get(id);
		if (owner !== undefined && owner !== sessionId) return { ok: false, reason: 'claimed' };
		const meta: TakeHomeMeta = { v: 1, id, bytes: html.byteLength, publishedAt: new Date().toISOString() };
		const head = Buffer.from(`${JSON.stringify(meta)}\n`, 'utf8');
		await writeFileAtomic(join(this.#store.dir(sessionId), FILE), Buffer.concat([head, html]));
		const replaced = this.#ids.has(sessionId);
		this.#claim(id, sessionId);
		return { ok: true, replaced };
	}

	#claim(id: string, sessionId: string): void {
		const previous = this.#ids.get(sessionId);
		if (previous !== undefined && previous !== id) this.#owners.delete(previous);
		this.#owners.set(id, sessionId);
		this.#ids.set(sessionId, id);
	}

	async #readMeta(sessionId: string): Promise<TakeHomeMeta | null> {
		return (await this.#readFile(sessionId))?.meta ?? null;
	}

	async #readFile(sessionId: string): Promise<{ meta: TakeHomeMeta; html: Uint8Array } | null> {
		let bytes: Buffer;
		try {
			bytes = await readFile(join(this.#store.dir(sessionId), FILE));
		} catch {
			return null;
		}
		const newline = bytes.indexOf(0x0a);
		if (newline < 0 || newline > 1024) return null;
		try {
			const meta = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Partial<TakeHomeMeta>;
			const html = bytes.subarray(newline + 1);
			if (meta.v !== 1 || typeof meta.id !== 'string' || !TAKE_HOME_ID_PATTERN.test(meta.id) || meta.bytes !== html.byteLength) return null;
			return { meta: meta as TakeHomeMeta, html: new Uint8Array(html.buffer, html.byteOffset, html.byteLength) };
		} catch {
			return null;
		}
	}
}
