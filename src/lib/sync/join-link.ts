/**
 * Join links: everything a device needs to enter a session, in a URL fragment
 * (`https://…/join#join=<payload>`). The fragment is never sent to a server.
 *
 *   payload = base64url( version:varUint sessionId:varString key:bytes[16] role:varString
 *                        signalingCount:varUint signaling:varString* )
 *
 * `parseJoinLink` accepts a full URL, a `#join=…` fragment, or the bare payload, and returns a
 * typed error (a message key) instead of throwing.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { toBase64UrlEncoded, fromBase64UrlEncoded } from 'lib0/buffer';
import type { Result } from '$lib/result';
import { PEER_ROLES, type PeerRole, type SyncMessage } from './sync-types';
import { isValidId } from '../protocol/wire-protocol';
import { isValidSessionKey, SESSION_KEY_BYTES } from './session-key';
import { isSignalingUrl } from './signaling-urls';
import { SYNC_LIMITS } from '../protocol/sync-limits';
import { fragmentPayload } from './link-fragment';

export const JOIN_LINK_VERSION = 1;
const FRAGMENT_PREFIX = 'join=';
const MAX_PAYLOAD_CHARS = 2048;

export interface JoinData {
	sessionId: string;
	/** base64url, 128 bits. */
	key: string;
	role: PeerRole;
	signaling: string[];
}

export type JoinLinkResult = Result<JoinData, SyncMessage>;

/** Checks `data` and encodes it; throws RangeError on invalid input (a programming error). */
export function encodeJoinPayload(data: JoinData): string {
	const problem = checkJoinData(data);
	if (problem) throw new RangeError(problem.key);
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, JOIN_LINK_VERSION);
	encoding.writeVarString(e, data.sessionId);
	encoding.writeUint8Array(e, fromBase64UrlEncoded(data.key));
	encoding.writeVarString(e, data.role);
	encoding.writeVarUint(e, data.signaling.length);
	for (const url of data.signaling) encoding.writeVarString(e, url);
	return toBase64UrlEncoded(encoding.toUint8Array(e));
}

/** `base` (page URL without fragment) + `#join=…`. */
export function buildJoinLink(base: string, data: JoinData): string {
	return `${base.split('#')[0]}#${FRAGMENT_PREFIX}${encodeJoinPayload(data)}`;
}

export function parseJoinLink(input: string): JoinLinkResult {
	const fail = (problem: SyncMessage): JoinLinkResult => ({ ok: false, problem });
	const found = fragmentPayload(input, FRAGMENT_PREFIX, MAX_PAYLOAD_CHARS);
	if (!found.ok) return found;
	const payload = found.value;
	let data: JoinData;
	try {
		const d = decoding.createDecoder(fromBase64UrlEncoded(payload));
		const version = decoding.readVarUint(d);
		if (version !== JOIN_LINK_VERSION) return fail({ key: 'sync.join.version' });
		const sessionId = decoding.readVarString(d);
		const key = toBase64UrlEncoded(decoding.readUint8Array(d, SESSION_KEY_BYTES));
		const role = decoding.readVarString(d) as PeerRole;
		const count = decoding.readVarUint(d);
		if (count > SYNC_LIMITS.signalingUrls) return fail({ key: 'sync.join.corrupt' });
		const signaling: string[] = [];
		for (let i = 0; i < count; i++) signaling.push(decoding.readVarString(d));
		if (decoding.hasContent(d)) return fail({ key: 'sync.join.corrupt' });
		data = { sessionId, key, role, signaling };
	} catch {
		return fail({ key: 'sync.join.corrupt' });
	}
	const problem = checkJoinData(data);
	return problem ? fail(problem) : { ok: true, value: data };
}

export function checkJoinData(data: JoinData): SyncMessage | null {
	if (!isValidId(data.sessionId)) return { key: 'sync.join.sessionId' };
	if (!isValidSessionKey(data.key)) return { key: 'sync.join.key' };
	if (!(PEER_ROLES as readonly string[]).includes(data.role)) return { key: 'sync.join.role' };
	if (data.signaling.length > SYNC_LIMITS.signalingUrls) return { key: 'sync.join.corrupt' };
	for (const url of data.signaling) {
		if (!isSignalingUrl(url)) return { key: 'sync.join.signaling', params: { url: String(url).slice(0, 80) } };
	}
	return null;
}
