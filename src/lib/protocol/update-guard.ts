/**
 * The single door through which remote document updates reach a session doc.
 *
 * Why a "wire doc": Yjs integrates an update inside a transaction; if a crafted update throws
 * half-way, the structs read so far are already integrated, and the transaction still emits an
 * `update` event for them. Applying untrusted bytes straight to the session doc could therefore
 * leave it half-changed. Instead the guard keeps a second Y.Doc (the wire doc) that mirrors the
 * session doc. An untrusted update is
 *   1. size-checked, then parsed with `Y.decodeUpdate` (cheap, rejects most garbage);
 *   2. applied to the wire doc inside try/catch while the wire doc's `update` events are buffered;
 *   3. on success, the buffered updates — re-encoded by Yjs itself from integrated structs, so
 *      well-formed — are applied to the session doc with the transport as origin;
 *   4. on failure, the buffer is thrown away and the wire doc is rebuilt from the session doc.
 * The session doc thus only ever sees updates that Yjs produced. Local edits to the session doc
 * flow into the wire doc so both stay equal. Cost: the document is held twice in memory, which
 * is small for a workshop (a few thousand notes are a few hundred KB).
 *
 * The wire doc is built on first use (the first remote update), not when the guard is created:
 * copying a 5,000-note doc takes a few hundred milliseconds, which would otherwise delay every
 * session screen's first render. Until it exists, local edits need not be mirrored: building it
 * copies the session doc's whole state at that moment.
 *
 * An update whose dependencies are missing (see `update-deps.ts`) is held back whole, in a
 * bounded queue, and retried after every update that lands; if the queue overflows the oldest
 * are dropped and the next state exchange fetches them again.
 */
import * as Y from 'yjs';
import { fail, type Problem, type Result } from '../result';
import { SYNC_LIMITS } from './sync-limits';
import { hasMissingDependencies } from './update-deps';

export type GuardResult =
	/** `held`: valid but waiting for missing dependencies. */
	Result<{ changed: boolean; held?: boolean }, Problem<'tooLarge' | 'malformed'>>;

const MAX_HELD = 1024;
const MAX_HELD_BYTES = SYNC_LIMITS.documentBytes;

interface Held {
	update: Uint8Array;
	origin: unknown;
	structs: ReturnType<typeof Y.decodeUpdate>['structs'];
}

export class UpdateGuard {
	#held: Held[] = [];
	#heldBytes = 0;
	#doc: Y.Doc;
	/** The mirror, or null until the first remote update needs it (see `#mirrored`). */
	#wire: Y.Doc | null = null;
	#maxBytes: number;
	#buffer: Uint8Array[] | null = null;
	#forwarding = false;

	constructor(doc: Y.Doc, options: { maxBytes?: number } = {}) {
		this.#doc = doc;
		this.#maxBytes = options.maxBytes ?? SYNC_LIMITS.documentBytes;
		doc.on('update', this.#onDocUpdate);
	}

	/**
	 * Validates `update` and, if it is sound, merges it into the session doc with `origin`.
	 * Never throws; on rejection the session doc is untouched.
	 */
	apply(update: Uint8Array, origin: unknown): GuardResult {
		if (!(update instanceof Uint8Array)) return fail('malformed');
		if (update.byteLength > this.#maxBytes) return fail('tooLarge');
		let structs: Held['structs'];
		try {
			structs = Y.decodeUpdate(update).structs;
		} catch {
			return fail('malformed');
		}
		if (hasMissingDependencies(structs, this.#knownClock)) {
			this.#hold({ update, origin, structs });
			return { ok: true, value: { changed: false, held: true } };
		}
		const result = this.#integrate(update, origin);
		if (result.ok && result.value.changed) this.#retryHeld();
		return result;
	}

	/** Updates waiting for their dependencies (for status and tests). */
	get heldCount(): number {
		return this.#held.length;
	}

	#integrate(update: Uint8Array, origin: unknown): GuardResult {
		const buffer: Uint8Array[] = [];
		this.#buffer = buffer;
		try {
			Y.applyUpdate(this.#mirrored(), update, this);
		} catch {
			this.#buffer = null;
			this.#rebuild();
			return fail('malformed');
		}
		this.#buffer = null;
		if (buffer.length === 0) return { ok: true, value: { changed: false } };
		this.#forwarding = true;
		try {
			this.#doc.transact(() => {
				for (const u of buffer) Y.applyUpdate(this.#doc, u, origin);
			}, origin);
		} catch {
			// Yjs-encoded updates from the wire doc should always apply; if not, resync the mirror
			// so that the next state exchange repairs whatever is missing.
			this.#rebuild();
			return fail('malformed');
		} finally {
			this.#forwarding = false;
		}
		return { ok: true, value: { changed: true } };
	}

	#knownClock = (client: number): number => Y.getState(this.#mirrored().store, client);

	/** True once the wire doc exists (tests: it is built lazily). */
	get mirrored(): boolean {
		return this.#wire !== null;
	}

	#hold(entry: Held): void {
		this.#held.push(entry);
		this.#heldBytes += entry.update.byteLength;
		while (this.#held.length > MAX_HELD || this.#heldBytes > MAX_HELD_BYTES) {
			const dropped = this.#held.shift();
			this.#heldBytes -= dropped?.update.byteLength ?? 0;
		}
	}

	#retryHeld(): void {
		let progress = true;
		while (progress && this.#held.length > 0) {
			progress = false;
			for (let i = 0; i < this.#held.length; i++) {
				const entry = this.#held[i]!;
				if (hasMissingDependencies(entry.structs, this.#knownClock)) continue;
				this.#held.splice(i, 1);
				this.#heldBytes -= entry.update.byteLength;
				this.#integrate(entry.update, entry.origin);
				progress = true;
				break;
			}
		}
	}

	destroy(): void {
		this.#held = [];
		this.#doc.off('update', this.#onDocUpdate);
		this.#wire?.destroy();
		this.#wire = null;
	}

	/** The wire doc, built from the session doc's current state on first use. */
	#mirrored(): Y.Doc {
		this.#wire ??= this.#mirror();
		return this.#wire;
	}

	#mirror(): Y.Doc {
		const wire = new Y.Doc({ gc: this.#doc.gc });
		Y.applyUpdate(wire, Y.encodeStateAsUpdate(this.#doc), this);
		wire.on('update', (u: Uint8Array) => {
			if (this.#buffer) this.#buffer.push(u);
		});
		return wire;
	}

	/** Drops the mirror; the next remote update rebuilds it from the session doc. */
	#rebuild(): void {
		this.#wire?.destroy();
		this.#wire = null;
	}

	#onDocUpdate = (update: Uint8Array): void => {
		// No mirror yet: it will copy the session doc, this update included, when first needed.
		if (this.#forwarding || !this.#wire) return;
		try {
			Y.applyUpdate(this.#wire, update, this);
		} catch {
			this.#rebuild();
		}
	};
}
