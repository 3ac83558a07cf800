/**
 * The take-home summaries the hub holds: at most one per session, in the session's folder
 *
 *   <data>/sessions/<sessionId>/take-home.dat   one JSON line { v, id, aliases?, bytes, publishedAt }, then the HTML
 *
 * written atomically (`writeFileAtomic`: a crash leaves the old or the new summary, never a mix),
 * so meta and HTML always belong together. In memory only the map take-home id → session id.
 *
 * Binding: an id is derived from the session's hub token (`takeHomeIdFromToken`), and the
 * endpoint stores a summary only under the id of the token that publishes it, so a session can
 * only ever write its own id. Ids are never released: every id a session published under
 * (`aliases`) and every id of a token a re-pin replaced (`pin.json`, `session-store.ts`) keeps
 * opening that session's latest summary, so a code shown or printed before a key renewal keeps
 * working and nobody else can take it over. (Summaries published by hubs from before this rule,
 * under ids the hub could not check, keep their first-come binding.)
 *
 * Disk quota: a summary that would take its session or the data folder past its quota is refused
 * (`disk-quota.ts`); the one stored stays.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './durable-files';
import type { SessionStore } from './session-store';
import type { DiskQuota, QuotaExceeded } from './disk-quota';
import { TAKE_HOME_ID_PATTERN } from '../lib/protocol';
import { fail, failWith, type Problem, type Result } from '../lib/result';

const FILE = 'take-home.dat';
/** Earlier ids kept in a summary's meta line (a session publishes under a handful at most). */
const MAX_ALIASES = 16;

interface TakeHomeMeta {
	v: 1;
	id: string;
	/** Ids this session published under before `id`, oldest first. */
	aliases?: string[];
	bytes: number;
	publishedAt: string;
}

/** `value`: an earlier summary was replaced. `claimed`: the id is another session's; `quota`: the detail says which. */
export type TakeHomeSaveResult = Result<boolean, Problem<'claimed'> | Problem<'quota', QuotaExceeded>>;

export interface TakeHomeStoreOptions {
	quota?: DiskQuota;
}

export class TakeHomeStore {
	#store: SessionStore;
	#quota: DiskQuota | null;
	/** take-home id → session id, for every id bound to a session. */
	#owners = new Map<string, string>();
	/** session id → the id and earlier ids of its stored summary. */
	#published = new Map<string, { id: string; aliases: string[] }>();
	/** Saves of one session run one after the other (the last one wins on disk and in the maps). */
	#queues = new Map<string, Promise<unknown>>();

	constructor(store: SessionStore, options: TakeHomeStoreOptions = {}) {
		this.#store = store;
		this.#quota = options.quota ?? null;
	}

	/** Reads which session owns which id (called once at start, after the sessions folder exists). */
	async loadAll(): Promise<number> {
		for (const sessionId of await this.#store.list()) {
			for (const id of (await this.#store.readPinRecord(sessionId))?.takeHomeIds ?? []) this.bind(sessionId, id);
			const file = await this.#readFile(sessionId);
			if (!file) continue;
			const { meta } = file;
			this.#quota?.set(sessionId, 'takeHome', file.fileBytes);
			this.#published.set(sessionId, { id: meta.id, aliases: meta.aliases ?? [] });
			for (const id of [...(meta.aliases ?? []), meta.id]) this.bind(sessionId, id);
		}
		return this.#published.size;
	}

	/** Summaries stored. */
	get size(): number {
		return this.#published.size;
	}

	ownerOf(id: string): string | undefined {
		return this.#owners.get(id);
	}

	/** Binds `id` to `sessionId` for good (a re-pin retires the token it was derived from). */
	bind(sessionId: string, id: string): void {
		if (!this.#owners.has(id)) this.#owners.set(id, sessionId);
	}

	/** Stores (or replaces) the summary of `sessionId` under `id`, unless `id` is bound to another session. */
	save(sessionId: string, id: string, html: Uint8Array): Promise<TakeHomeSaveResult> {
		const run = (this.#queues.get(sessionId) ?? Promise.resolve()).catch(() => {}).then(() => this.#save(sessionId, id, html));
		this.#queues.set(sessionId, run);
		void run.finally(() => {
			if (this.#queues.get(sessionId) === run) this.#queues.delete(sessionId);
		}).catch(() => {});
		return run;
	}

	/** The stored HTML for a public id (any id bound to the session), or null. */
	async read(id: string): Promise<Uint8Array | null> {
		const sessionId = this.#owners.get(id);
		if (!sessionId) return null;
		return (await this.#readFile(sessionId))?.html ?? null;
	}

	async #save(sessionId: string, id: string, html: Uint8Array): Promise<TakeHomeSaveResult> {
		const owner = this.#owners.get(id);
		if (owner !== undefined && owner !== sessionId) return fail('claimed');
		const before = this.#published.get(sessionId);
		const aliases = before ? [...before.aliases, before.id].filter((alias, i, all) => alias !== id && all.indexOf(alias) === i).slice(-MAX_ALIASES) : [];
		const meta: TakeHomeMeta = { v: 1, id, ...(aliases.length > 0 ? { aliases } : {}), bytes: html.byteLength, publishedAt: new Date().toISOString() };
		const head = Buffer.from(`${JSON.stringify(meta)}\n`, 'utf8');
		const bytes = head.byteLength + html.byteLength;
		const over = this.#quota?.wouldExceed(sessionId, 'takeHome', bytes) ?? null;
		if (over) return failWith({ key: 'quota' as const, detail: over });
		await writeFileAtomic(join(this.#store.dir(sessionId), FILE), Buffer.concat([head, html]));
		this.#quota?.set(sessionId, 'takeHome', bytes);
		this.#published.set(sessionId, { id, aliases });
		this.bind(sessionId, id);
		return { ok: true, value: before !== undefined };
	}

	async #readFile(sessionId: string): Promise<{ meta: TakeHomeMeta; html: Uint8Array; fileBytes: number } | null> {
		let bytes: Buffer;
		try {
			bytes = await readFile(join(this.#store.dir(sessionId), FILE));
		} catch {
			return null;
		}
		// The meta line holds up to MAX_ALIASES + 1 ids of 22 characters.
		const newline = bytes.indexOf(0x0a);
		if (newline < 0 || newline > 2048) return null;
		try {
			const meta = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Partial<TakeHomeMeta>;
			const html = bytes.subarray(newline + 1);
			if (meta.v !== 1 || typeof meta.id !== 'string' || !TAKE_HOME_ID_PATTERN.test(meta.id) || meta.bytes !== html.byteLength) return null;
			const aliases = Array.isArray(meta.aliases) ? meta.aliases.filter((a): a is string => typeof a === 'string' && TAKE_HOME_ID_PATTERN.test(a)).slice(-MAX_ALIASES) : [];
			return { meta: { ...(meta as TakeHomeMeta), aliases }, html: new Uint8Array(html.buffer, html.byteOffset, html.byteLength), fileBytes: bytes.byteLength };
		} catch {
			return null;
		}
	}
}
