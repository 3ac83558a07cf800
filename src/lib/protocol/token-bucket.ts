import type { RateLimit } from './sync-limits';

/** A classic token bucket: `take(n)` succeeds while tokens remain; tokens refill over time. */
export class TokenBucket {
	#capacity: number;
	#perMs: number;
	#tokens: number;
	#last: number;
	#now: () => number;

	constructor(capacity: number, perSecond: number, now: () => number) {
		this.#capacity = capacity;
		this.#perMs = perSecond / 1000;
		this.#tokens = capacity;
		this.#now = now;
		this.#last = now();
	}

	take(amount = 1): boolean {
		this.#refill();
		if (this.#tokens < amount) return false;
		this.#tokens -= amount;
		return true;
	}

	/** Milliseconds until `amount` tokens are there (0: now); `amount` is capped at the capacity. */
	waitMs(amount: number): number {
		this.#refill();
		const missing = Math.min(amount, this.#capacity) - this.#tokens;
		return missing <= 0 ? 0 : Math.ceil(missing / this.#perMs);
	}

	/** Takes up to `amount` tokens, never more than there are (after `waitMs` said 0). */
	spend(amount: number): void {
		this.#refill();
		this.#tokens = Math.max(0, this.#tokens - amount);
	}

	#refill(): void {
		const t = this.#now();
		this.#tokens = Math.min(this.#capacity, this.#tokens + Math.max(0, t - this.#last) * this.#perMs);
		this.#last = t;
	}
}

/** Message-count and byte buckets for one peer. */
export class PeerRateLimiter {
	#messages: TokenBucket;
	#bytes: TokenBucket;

	constructor(limit: RateLimit, now: () => number) {
		this.#messages = new TokenBucket(limit.messagesBurst, limit.messagesPerSecond, now);
		this.#bytes = new TokenBucket(limit.bytesBurst, limit.bytesPerSecond, now);
	}

	/** False when the peer exceeded its allowance; the caller drops the peer. */
	allow(bytes: number): boolean {
		return this.#messages.take(1) && this.#bytes.take(bytes);
	}
}
