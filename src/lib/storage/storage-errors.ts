/**
 * Typed storage failures. Every failed read or write becomes a `StorageError` carrying a message
 * key of the storage catalog, so the UI can tell the user (in their language) and nothing is
 * dropped silently. Callers keep their data in memory when a write fails.
 */
import type { MessageKey } from '$lib/i18n';

export type StorageMessageKey = Extract<MessageKey, `storage.${string}`>;

export type StorageErrorCode = 'full' | 'write' | 'read' | 'unavailable' | 'blocked' | 'corrupt' | 'sessionNotFound' | 'invalidInput';

const keys: Record<StorageErrorCode, StorageMessageKey> = {
	full: 'storage.error.full',
	write: 'storage.error.write',
	read: 'storage.error.read',
	unavailable: 'storage.error.unavailable',
	blocked: 'storage.error.blocked',
	corrupt: 'storage.error.corrupt',
	sessionNotFound: 'storage.error.sessionNotFound',
	invalidInput: 'storage.error.invalidInput'
};

export class StorageError extends Error {
	readonly code: StorageErrorCode;
	/** Catalog key the UI translates. */
	readonly key: StorageMessageKey;
	readonly params: Record<string, string | number>;

	constructor(code: StorageErrorCode, options: { params?: Record<string, string | number>; cause?: unknown } = {}) {
		super(keys[code], { cause: options.cause });
		this.name = 'StorageError';
		this.code = code;
		this.key = keys[code];
		this.params = options.params ?? {};
	}
}

/** Names browsers and Dexie use for "no space left", possibly nested in `inner`/`cause`. */
const fullNames = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
const unavailableNames = new Set(['MissingAPIError', 'InvalidStateError', 'SecurityError', 'DatabaseClosedError']);
const blockedNames = new Set(['VersionError', 'BlockedError', 'UpgradeError']);

function errorNames(error: unknown): string[] {
	const names: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const e = current as { name?: unknown; inner?: unknown; cause?: unknown };
		if (typeof e.name === 'string') names.push(e.name);
		current = e.inner ?? e.cause;
	}
	return names;
}

/** Turns anything a Dexie/IndexedDB call threw into a `StorageError` (`fallback` when unknown). */
export function toStorageError(error: unknown, fallback: 'write' | 'read' = 'write'): StorageError {
	if (error instanceof StorageError) return error;
	const names = errorNames(error);
	if (names.some((n) => fullNames.has(n))) return new StorageError('full', { cause: error });
	if (names.some((n) => blockedNames.has(n))) return new StorageError('blocked', { cause: error });
	if (names.some((n) => unavailableNames.has(n))) return new StorageError('unavailable', { cause: error });
	return new StorageError(fallback, { cause: error });
}

/** Runs a storage call and rethrows any failure as a `StorageError`. */
export async function guarded<T>(fallback: 'write' | 'read', run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		throw toStorageError(error, fallback);
	}
}
