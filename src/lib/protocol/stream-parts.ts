/**
 * Payloads larger than one frame (a whole session for a device that joins, one large update after
 * a file merge) travel as a stream of `part` frames (`wire-protocol.ts`) and are put back together
 * here, under memory bounds, before the session's `UpdateGuard` sees them.
 *
 * Why not split the Yjs update itself: the finest cut Yjs offers is one client's structs, and one
 * device's content can be larger than any frame; so the bytes are cut, not the update.
 *
 * Bounds (a registered peer, i.e. one holding the key, is still untrusted): each part must fit its
 * place exactly (checked by `parseFrame`) and agree with the stream's first part; a sender has one
 * stream open at a time (a new stream id abandons the previous one: the sender restarted its
 * exchange, or this receiver joined a broadcast mid-way and will never see its start); a payload
 * is at most `SYNC_LIMITS.documentBytes`, and all open streams together at most `maxOpenBytes`.
 * The buffer for a payload is allocated when its first part arrives, counted against that total,
 * and freed when the stream completes, is replaced, or its sender leaves. Parts may come in any
 * order and twice (a duplicate is ignored): the media here are ordered, but nothing relies on it.
 */
import { SYNC_LIMITS } from './sync-limits';
import { partCount, type PartBody, type PartKind } from './wire-protocol';

/** The parts of one payload, as views on `payload` (no copy). */
export function splitIntoParts(stream: number, kind: PartKind, payload: Uint8Array): PartBody[] {
	const { partBytes } = SYNC_LIMITS;
	const total = partCount(payload.byteLength);
	const parts: PartBody[] = [];
	for (let index = 0; index < total; index++) {
		const bytes = payload.subarray(index * partBytes, (index + 1) * partBytes);
		parts.push({ stream, kind, index, total, size: payload.byteLength, bytes });
	}
	return parts;
}

export type PartOutcome =
	| { status: 'progress'; received: number; size: number }
	| { status: 'done'; kind: PartKind; payload: Uint8Array }
	/** A part already received (a duplicate): harmless. */
	| { status: 'ignored' }
	/** `busy`: too many bytes already open for all senders; the sender is not at fault. */
	| { status: 'refused'; reason: 'malformed' | 'busy' };

interface OpenStream {
	stream: number;
	kind: PartKind;
	size: number;
	total: number;
	buffer: Uint8Array;
	/** One flag per part: 1 once received. */
	have: Uint8Array;
	count: number;
	received: number;
}

export interface StreamProgress {
	received: number;
	total: number;
}

export class PartAssembler<Sender = string> {
	#open = new Map<Sender, OpenStream>();
	/** Each sender's last completed stream: its late duplicates must not open it again. */
	#finished = new Map<Sender, number>();
	#openBytes = 0;
	#maxOpenBytes: number;

	constructor(options: { maxOpenBytes?: number } = {}) {
		this.#maxOpenBytes = options.maxOpenBytes ?? SYNC_LIMITS.inboundStreamBytes;
	}

	/** Takes one part from `sender`. A refused part closes that sender's open stream. */
	accept(sender: Sender, part: PartBody): PartOutcome {
		if (this.#finished.get(sender) === part.stream) return { status: 'ignored' };
		let open = this.#open.get(sender);
		if (open && open.stream !== part.stream) {
			this.#close(sender);
			open = undefined;
		}
		if (!open) {
			if (this.#openBytes + part.size > this.#maxOpenBytes) return { status: 'refused', reason: 'busy' };
			const total = partCount(part.size);
			open = { stream: part.stream, kind: part.kind, size: part.size, total, buffer: new Uint8Array(part.size), have: new Uint8Array(total), count: 0, received: 0 };
			this.#open.set(sender, open);
			this.#openBytes += part.size;
		}
		if (part.size !== open.size || part.kind !== open.kind || part.total !== open.total) {
			this.#close(sender);
			return { status: 'refused', reason: 'malformed' };
		}
		if (open.have[part.index] === 1) return { status: 'ignored' };
		open.have[part.index] = 1;
		open.buffer.set(part.bytes, part.index * SYNC_LIMITS.partBytes);
		open.received += part.bytes.byteLength;
		open.count++;
		if (open.count < open.total) return { status: 'progress', received: open.received, size: open.size };
		this.#close(sender);
		this.#finished.set(sender, open.stream);
		return { status: 'done', kind: open.kind, payload: open.buffer };
	}

	/** Forgets everything about `sender` (it left or was refused). */
	drop(sender: Sender): void {
		this.#close(sender);
		this.#finished.delete(sender);
	}

	#close(sender: Sender): void {
		const open = this.#open.get(sender);
		if (!open) return;
		this.#open.delete(sender);
		this.#openBytes -= open.size;
	}

	/** Progress of `sender`'s open stream, or null. */
	progressOf(sender: Sender): StreamProgress | null {
		const open = this.#open.get(sender);
		return open ? { received: open.received, total: open.size } : null;
	}

	/** Senders with an open stream. */
	senders(): Sender[] {
		return [...this.#open.keys()];
	}

	get openBytes(): number {
		return this.#openBytes;
	}

	clear(): void {
		this.#open.clear();
		this.#finished.clear();
		this.#openBytes = 0;
	}
}
