/**
 * Keeps a session's take-home summary on the venue hub up to date (`publishTakeHome` in
 * `$lib/sync`): the screen hands it the summary's HTML once the agenda is over (null before, or
 * when the hub is not used), it publishes at once the first time, then again at most every
 * `debounceMs` while the content changes. A failure the hub may get over (unreachable, session not
 * open yet, rate limit, write error) is retried after `retryMs`; a refusal (key, id of another
 * session, too large, disk quota) waits for the next change. `state` says where it stands, for the console.
 */
import { publishTakeHome, type TakeHomeFailure, type TakeHomePublishOptions, type TakeHomePublishResult } from '$lib/sync';

export type TakeHomeState =
	| { phase: 'idle' }
	| { phase: 'publishing' }
	| { phase: 'published'; at: number; bytes: number }
	| { phase: 'failed'; reason: TakeHomeFailure };

export interface TakeHomeTarget {
	readonly hubOrigin: string;
	readonly sessionId: string;
	readonly key: string;
}

export interface TakeHomePublisherOptions {
	debounceMs?: number;
	retryMs?: number;
	publish?: (options: TakeHomePublishOptions) => Promise<TakeHomePublishResult>;
	now?: () => number;
}

/** Refusals a retry would only repeat (a full hub frees no space by itself): wait for the next change. */
const FINAL: readonly TakeHomeFailure[] = ['refused', 'claimed', 'tooLarge', 'quota'];

export class TakeHomePublisher {
	state = $state.raw<TakeHomeState>({ phase: 'idle' });
	#debounceMs: number;
	#retryMs: number;
	#publish: (options: TakeHomePublishOptions) => Promise<TakeHomePublishResult>;
	#now: () => number;
	/** What the hub holds (as far as this device knows), what is waiting, where it goes. */
	#published: string | null = null;
	#pending: { target: TakeHomeTarget; html: string } | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#inFlight = false;
	#attempted = false;
	#destroyed = false;

	constructor(options: TakeHomePublisherOptions = {}) {
		this.#debounceMs = options.debounceMs ?? 10_000;
		this.#retryMs = options.retryMs ?? 15_000;
		this.#publish = options.publish ?? publishTakeHome;
		this.#now = options.now ?? Date.now;
	}

	/** The summary to publish now, or null to stop (agenda not over, no hub, offline). */
	update(target: TakeHomeTarget | null, html: string | null): void {
		if (this.#destroyed) return;
		if (!target || html === null) {
			this.#pending = null;
			this.#clearTimer();
			return;
		}
		if (html === this.#published && this.state.phase === 'published') {
			this.#pending = null;
			return;
		}
		if (this.#pending?.html === html) return;
		this.#pending = { target, html };
		if (this.#inFlight || this.#timer) return;
		if (!this.#attempted) void this.#run();
		else this.#schedule(this.#debounceMs);
	}

	destroy(): void {
		this.#destroyed = true;
		this.#pending = null;
		this.#clearTimer();
	}

	#schedule(ms: number): void {
		this.#clearTimer();
		this.#timer = setTimeout(() => {
			this.#timer = null;
			void this.#run();
		}, ms);
	}

	#clearTimer(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	async #run(): Promise<void> {
		const job = this.#pending;
		if (!job || this.#inFlight || this.#destroyed) return;
		this.#pending = null;
		this.#inFlight = true;
		this.#attempted = true;
		this.state = { phase: 'publishing' };
		const result = await this.#publish({ ...job.target, html: job.html });
		this.#inFlight = false;
		if (this.#destroyed) return;
		if (result.ok) {
			this.#published = job.html;
			this.state = { phase: 'published', at: this.#now(), bytes: result.value };
		} else {
			this.state = { phase: 'failed', reason: result.problem.key };
			// Retry what failed unless something newer is waiting or the hub said no for good.
			if (!FINAL.includes(result.problem.key)) this.#pending ??= job;
			if (this.#pending) this.#schedule(this.#pending === job ? this.#retryMs : this.#debounceMs);
			return;
		}
		if (this.#pending) this.#schedule(this.#debounceMs);
	}
}
