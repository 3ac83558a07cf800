/**
 * The part join links and phone links share: finding the base64url payload in what a person
 * scanned or pasted (a full URL, a `#<prefix>…` fragment, or the bare payload).
 */
import type { Result } from '$lib/result';
import type { SyncMessage } from './sync-types';

export type FragmentPayload = Result<string, SyncMessage>;

/** `prefix` is the fragment's name with its `=` (`join=`, `p=`). Never throws. */
export function fragmentPayload(input: unknown, prefix: string, maxChars: number): FragmentPayload {
	const fail = (key: 'sync.join.missing' | 'sync.join.corrupt'): FragmentPayload => ({ ok: false, problem: { key } });
	if (typeof input !== 'string') return fail('sync.join.missing');
	let payload = input.trim();
	const hashIndex = payload.indexOf('#');
	if (hashIndex >= 0) payload = payload.slice(hashIndex + 1);
	else if (/^[a-z][a-z0-9+.-]*:/i.test(payload)) return fail('sync.join.missing');
	if (payload.startsWith(prefix)) payload = payload.slice(prefix.length);
	else if (hashIndex >= 0) return fail('sync.join.missing');
	if (payload === '') return fail('sync.join.missing');
	if (payload.length > maxChars || !/^[A-Za-z0-9_-]+$/.test(payload)) return fail('sync.join.corrupt');
	return { ok: true, value: payload };
}
