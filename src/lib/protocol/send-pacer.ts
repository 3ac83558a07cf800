/**
 * The one queue every outgoing frame of a medium goes through, so that a large exchange (a whole
 * session streamed in parts) never trips the receiver's rate limit and never overfills the
 * medium's send buffer (Chromium closes a data channel whose buffer passes 16 MiB; the hub drops
 * a client that reads too slowly).
 *
 * Two brakes: a token bucket at `SEND_RATE_LIMIT` (three quarters of what a receiver allows), and
 * the medium's own queue (`buffered()`, e.g. a data channel's or socket's `bufferedAmount`) kept
 * under `highWater`. Small frames go out at once while the queue is empty; order is kept. Items
 * may be encoded lazily (`encode`), so a 40 MB payload is not copied into frames all at once.
 *
 * It paces in real time (`Date.now` and timers, which tests fake together): it schedules real
 * sends, whatever clock the session uses for its records.
 */
import { TokenBucket } from './token-bucket';
import { SEND_HIGH_WATER_BYTES, SEND_RATE_LIMIT, type RateLimit } from './sync-limits';

export interface PacedItem {
	/** Who the item is for ('' = everyone), so a departed peer's queue can be dropped. */
	to: string;
	/** Expected size in bytes (exact for encoded items). */
	size: number;
	bytes?: Uint8Array;
	encode?: () => Uint8Array;
}

export interface SendPacerOptions {
	post: (bytes: Uint8Array) => void;
	/** Bytes still queued in the medium; absent: the medium has no queue to watch. */
	buffered?: () => number;
	limit?: RateLimit;
	highWater?: number;
	/** Called when the queue empties after having been non-empty. */
	onDrained?: () => void;
}

/** Wall-clock ms: a clock jump only refills or pauses the bucket (it caps and ignores negatives). */
const now = () => Date.now();
/** How often a full medium is looked at again. */
const BUFFER_POLL_MS = 10;

export class SendPacer {
	#queue: PacedItem[] = [];
	#queuedBytes = 0;
	#messages: TokenBucket;
	#bytes: TokenBucket;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#options: SendPacerOptions & { highWater: number };
	#closed = false;

	constructor(options: SendPacerOptions) {
		const limit = options.limit ?? SEND_RATE_LIMIT;
		this.#options = { ...options, highWater: options.highWater ?? SEND_HIGH_WATER_BYTES };
		this.#messages = new TokenBucket(limit.messagesBurst, limit.messagesPerSecond, now);
		this.#bytes = new TokenBucket(limit.bytesBurst, limit.bytesPerSecond, now);
	}

	/** Bytes waiting in this queue (not yet handed to the medium). */
	get queuedBytes(): number {
		return this.#queuedBytes;
	}

	get idle(): boolean {
		return this.#queue.length === 0;
	}

	push(item: PacedItem): void {
		if (this.#closed) return;
		this.#queue.push(item);
		this.#queuedBytes += item.size;
		if (this.#timer === null) this.#pump();
	}

	/** Forgets everything queued for `to` (the peer left or was refused). */
	dropFor(to: string): void {
		const kept = this.#queue.filter((item) => item.to !== to);
		if (kept.length === this.#queue.length) return;
		this.#queue = kept;
		this.#queuedBytes = kept.reduce((sum, item) => sum + item.size, 0);
	}

	clear(): void {
		this.#queue = [];
		this.#queuedBytes = 0;
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
	}

	close(): void {
		this.clear();
		this.#closed = true;
	}

	#pump = (): void => {
		this.#timer = null;
		const hadWork = this.#queue.length > 0;
		while (this.#queue.length > 0 && !this.#closed) {
			if ((this.#options.buffered?.() ?? 0) > this.#options.highWater) return this.#wait(BUFFER_POLL_MS);
			const item = this.#queue[0]!;
			const wait = Math.max(this.#messages.waitMs(1), this.#bytes.waitMs(item.size));
			if (wait > 0) return this.#wait(wait);
			this.#queue.shift();
			this.#queuedBytes -= item.size;
			this.#messages.spend(1);
			this.#bytes.spend(item.size);
			try {
				this.#options.post(item.bytes ?? item.encode!());
			} catch {
				// A closed medium: the state exchange after reconnecting repairs anything not sent.
			}
		}
		if (hadWork && this.#queue.length === 0) this.#options.onDrained?.();
	};

	#wait(ms: number): void {
		this.#timer = setTimeout(this.#pump, ms);
	}
}
