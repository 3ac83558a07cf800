/**
 * Since when this device has seen the venue hub unreachable, kept across the session screens of
 * one tab. Each screen (console, tablets panel, station…) opens its own `LiveNetwork`, and a
 * reload starts a new page: with the start kept only in memory, a facilitator who opened the
 * tablets panel three minutes into an outage read "injoignable depuis moins d'une minute".
 *
 * An outage is resumed only when it was still being watched a moment ago (`RESUME_WITHIN_MS`): a
 * screen left during an outage records when it last saw it, and a start seen long ago proves
 * nothing about the time between (the hub may have come back and gone again meanwhile).
 * Pure (a `Storage`-like seam, `sessionStorage` in the app); bad stored values are ignored.
 */
export const RESUME_WITHIN_MS = 60_000;

const PREFIX = 'tablee.hubOutage:';

export type OutageStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export class HubOutageRecord {
	#storage: OutageStorage | null;

	constructor(storage: OutageStorage | null) {
		this.#storage = storage;
	}

	/** The start of an outage of `hubUrl` seen within `RESUME_WITHIN_MS` before `now`, or null. */
	resume(hubUrl: string, now: number): number | null {
		const raw = this.#read(hubUrl);
		if (raw === null) return null;
		try {
			const value = JSON.parse(raw) as unknown;
			if (typeof value !== 'object' || value === null) return null;
			const { since, seen } = value as { since?: unknown; seen?: unknown };
			if (typeof since !== 'number' || typeof seen !== 'number' || !Number.isFinite(since) || !Number.isFinite(seen)) return null;
			if (since > seen || seen > now || now - seen > RESUME_WITHIN_MS) return null;
			return since;
		} catch {
			return null;
		}
	}

	/** Records that the outage of `hubUrl` that began at `since` was still seen at `now`. */
	seen(hubUrl: string, since: number, now: number): void {
		this.#write(hubUrl, JSON.stringify({ since, seen: now }));
	}

	/** The hub answered (or is no longer used): no outage to resume. */
	clear(hubUrl: string): void {
		try {
			this.#storage?.removeItem(PREFIX + hubUrl);
		} catch {
			// Storage refused (private mode, quota): the clock simply restarts on the next screen.
		}
	}

	#read(hubUrl: string): string | null {
		try {
			return this.#storage?.getItem(PREFIX + hubUrl) ?? null;
		} catch {
			return null;
		}
	}

	#write(hubUrl: string, value: string): void {
		try {
			this.#storage?.setItem(PREFIX + hubUrl, value);
		} catch {
			// As in `clear`.
		}
	}
}

/** The tab's record (`sessionStorage`), or one that keeps nothing where there is none (Node). */
export function tabOutageRecord(): HubOutageRecord {
	try {
		return new HubOutageRecord(typeof sessionStorage === 'undefined' ? null : sessionStorage);
	} catch {
		return new HubOutageRecord(null);
	}
}
