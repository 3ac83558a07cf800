/**
 * The hub's disk quotas: bytes per session and for the whole data folder. A laptop left at a
 * venue must not fill its disk because one session (or a device with a session key flooding it)
 * grows without end.
 *
 * Every part of a session that takes disk space reports its current size here: the session log
 * (snapshot, log, and records still being written) and the take-home summary. A write asks first
 * (`wouldExceed`) with the size its part would have afterwards; past a quota it is refused and
 * nothing is written, so what is stored stays whole. Shrinking (a compaction, a smaller summary)
 * is never refused.
 *
 * Defaults: a session's state travels up to `SYNC_LIMITS.documentBytes` (64 MiB); on disk it is a
 * snapshot of that size plus a log that may hold one more update of that size before compaction,
 * plus a summary of at most 4 MiB, so 256 MiB per session refuses nothing a session within the
 * sync limits writes. 2 GiB in total is eight such sessions, or dozens of ordinary ones.
 */
export const DEFAULT_QUOTAS = {
	sessionBytes: 256 * 1024 * 1024,
	totalBytes: 2 * 1024 * 1024 * 1024
} as const;

const MIB = 1024 * 1024;

/** A quota as typed on the command line: `256`, `256M`, `256MiB`, `2G`, `2GiB` → bytes; null otherwise. */
export function parseQuotaSize(text: string): number | null {
	const m = /^(\d+(?:\.\d+)?)\s*(M|MiB|G|GiB)?$/i.exec(text.trim());
	if (!m) return null;
	const bytes = Math.floor(Number(m[1]) * (m[2]?.toUpperCase().startsWith('G') ? 1024 * MIB : MIB));
	return bytes > 0 ? bytes : null;
}

export interface QuotaLimits {
	sessionBytes: number;
	totalBytes: number;
}

/** What a session's disk space is made of. */
export type QuotaPart = 'log' | 'takeHome';

/** Which quota a write would pass. */
export type QuotaExceeded = 'session' | 'total';

export class DiskQuota {
	readonly limits: QuotaLimits;
	#sessions = new Map<string, Record<QuotaPart, number>>();
	#total = 0;

	constructor(limits: Partial<QuotaLimits> = {}) {
		this.limits = { ...DEFAULT_QUOTAS, ...limits };
	}

	/** Records that `part` of `sessionId` now takes `bytes` on disk. */
	set(sessionId: string, part: QuotaPart, bytes: number): void {
		const parts = this.#parts(sessionId);
		this.#total += bytes - parts[part];
		parts[part] = bytes;
	}

	/** Bytes a session takes on disk. */
	used(sessionId: string): number {
		const parts = this.#sessions.get(sessionId);
		return parts ? parts.log + parts.takeHome : 0;
	}

	get totalUsed(): number {
		return this.#total;
	}

	/** True when the folder as a whole is at its quota (no new session is taken then). */
	get full(): boolean {
		return this.#total >= this.limits.totalBytes;
	}

	/** Which quota `part` of `sessionId` growing to `bytes` would pass, or null when it fits. */
	wouldExceed(sessionId: string, part: QuotaPart, bytes: number): QuotaExceeded | null {
		const growth = bytes - (this.#sessions.get(sessionId)?.[part] ?? 0);
		if (growth <= 0) return null;
		if (this.used(sessionId) + growth > this.limits.sessionBytes) return 'session';
		if (this.#total + growth > this.limits.totalBytes) return 'total';
		return null;
	}

	#parts(sessionId: string): Record<QuotaPart, number> {
		let parts = this.#sessions.get(sessionId);
		if (!parts) this.#sessions.set(sessionId, (parts = { log: 0, takeHome: 0 }));
		return parts;
	}
}
