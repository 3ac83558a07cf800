/**
 * Phone links: what a participant's phone needs to open a station through the venue hub, in the
 * fragment of a URL on the hub's own origin (`http://<hub>/phone#p=<payload>`). The fragment is
 * never sent to the hub, so the hub never learns the session key.
 *
 *   payload = base64url( version:varUint view:varUint sessionId:varString key:bytes[16]
 *                        station:varString )
 *
 * Views: `station` opens one station directly, `join` lets the person choose a station (the
 * general "join" sheet), `summary` is the read-only take-home summary shown at the end. `station`
 * is empty except for the `station` view.
 *
 * `parsePhoneLink` accepts a full URL, a `#p=…` fragment or the bare payload, and returns a typed
 * error (a message key of the sync catalog) instead of throwing.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { toBase64UrlEncoded, fromBase64UrlEncoded } from 'lib0/buffer';
import type { Result } from '$lib/result';
import type { SyncMessage } from './sync-types';
import { isValidId } from '../protocol/wire-protocol';
import { isValidSessionKey, SESSION_KEY_BYTES } from './session-key';
import { fragmentPayload } from './link-fragment';

export const PHONE_LINK_VERSION = 1;
/** The app route phones open on the hub's origin. */
export const PHONE_PATH = '/phone';
export const PHONE_VIEWS = ['station', 'join', 'summary'] as const;
export type PhoneView = (typeof PHONE_VIEWS)[number];

const FRAGMENT_PREFIX = 'p=';
const MAX_PAYLOAD_CHARS = 512;

export interface PhoneLinkData {
	view: PhoneView;
	sessionId: string;
	/** base64url, 128 bits. */
	key: string;
	/** The station's id in the kit; empty unless `view` is `station`. */
	station: string;
}

export type PhoneLinkResult = Result<PhoneLinkData, SyncMessage>;

export function checkPhoneLinkData(data: PhoneLinkData): SyncMessage | null {
	if (!(PHONE_VIEWS as readonly string[]).includes(data.view)) return { key: 'sync.join.corrupt' };
	if (!isValidId(data.sessionId)) return { key: 'sync.join.sessionId' };
	if (!isValidSessionKey(data.key)) return { key: 'sync.join.key' };
	if (data.view === 'station' ? !isValidId(data.station) : data.station !== '') return { key: 'sync.join.corrupt' };
	return null;
}

/** Checks `data` and encodes it; throws RangeError on invalid input (a programming error). */
export function encodePhonePayload(data: PhoneLinkData): string {
	const problem = checkPhoneLinkData(data);
	if (problem) throw new RangeError(problem.key);
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, PHONE_LINK_VERSION);
	encoding.writeVarUint(e, PHONE_VIEWS.indexOf(data.view));
	encoding.writeVarString(e, data.sessionId);
	encoding.writeUint8Array(e, fromBase64UrlEncoded(data.key));
	encoding.writeVarString(e, data.station);
	return toBase64UrlEncoded(encoding.toUint8Array(e));
}

/**
 * The link a phone opens: `hubOrigin` is the hub's http(s) origin as phones reach it
 * (`http://192.168.1.10:8080`); any path or fragment on it is dropped.
 */
export function buildPhoneLink(hubOrigin: string, data: PhoneLinkData): string {
	const origin = new URL(hubOrigin).origin;
	return `${origin}${PHONE_PATH}#${FRAGMENT_PREFIX}${encodePhonePayload(data)}`;
}

export function parsePhoneLink(input: string): PhoneLinkResult {
	const fail = (problem: SyncMessage): PhoneLinkResult => ({ ok: false, problem });
	const found = fragmentPayload(input, FRAGMENT_PREFIX, MAX_PAYLOAD_CHARS);
	if (!found.ok) return found;
	const payload = found.value;
	let data: PhoneLinkData;
	try {
		const d = decoding.createDecoder(fromBase64UrlEncoded(payload));
		const version = decoding.readVarUint(d);
		if (version !== PHONE_LINK_VERSION) return fail({ key: 'sync.join.version' });
		const view = PHONE_VIEWS[decoding.readVarUint(d)];
		if (!view) return fail({ key: 'sync.join.corrupt' });
		const sessionId = decoding.readVarString(d);
		const key = toBase64UrlEncoded(decoding.readUint8Array(d, SESSION_KEY_BYTES));
		const station = decoding.readVarString(d);
		if (decoding.hasContent(d)) return fail({ key: 'sync.join.corrupt' });
		data = { view, sessionId, key, station };
	} catch {
		return fail({ key: 'sync.join.corrupt' });
	}
	const problem = checkPhoneLinkData(data);
	return problem ? fail(problem) : { ok: true, value: data };
}

/**
 * The hub's http(s) origin from a session's signaling addresses: the first one served by a venue
 * hub (path `/signaling`), e.g. `ws://192.168.1.10:8080/signaling` → `http://192.168.1.10:8080`.
 * Null when no address is a hub's.
 */
export function hubOriginFromSignaling(urls: readonly string[]): string | null {
	for (const raw of urls) {
		let url: URL;
		try {
			url = new URL(raw);
		} catch {
			continue;
		}
		const scheme = { 'ws:': 'http:', 'wss:': 'https:' }[url.protocol];
		if (!scheme || url.username || url.password) continue;
		if (url.pathname.replace(/\/+$/, '') !== '/signaling') continue;
		return `${scheme}//${url.host}`;
	}
	return null;
}
