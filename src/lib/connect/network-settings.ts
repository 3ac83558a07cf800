/**
 * Where this device looks for other tablets: the signaling-server addresses (usually the venue
 * hub), kept per device in settings, and the addresses a join link brought for one session; and
 * the venue hub's code, which lets this device bring new sessions to the hub (see
 * `$lib/sync` hub-admission). Values read back are validated like input; an invalid stored value
 * reads as "none".
 */
import * as v from 'valibot';
import { getSetting, setSetting } from '$lib/storage';
import type { MessageKey } from '$lib/i18n';
import { fail, type Problem, type Result } from '$lib/result';
import { checkSignalingUrls, isSignalingUrl, normalizeHubCode, splitHubLink, HUB_CODE_PATTERN, PEER_ROLES, SYNC_LIMITS, type PeerRole } from '$lib/sync';

const DEVICE_KEY = 'sync.signaling';
const HUB_CODE_KEY = 'sync.hubCode';
const sessionKey = (sessionId: string) => `session.${sessionId}.signaling`;
const roleKey = (sessionId: string) => `session.${sessionId}.role`;

const UrlList = v.pipe(
	v.array(v.pipe(v.string(), v.check((url) => isSignalingUrl(url)))),
	v.maxLength(SYNC_LIMITS.signalingUrls)
);

export interface SignalingAddresses {
	urls: string[];
	/** A hub code that came inside an address. */
	hubCode?: string;
}

export type SignalingInput = Result<SignalingAddresses, Problem<MessageKey>>;

/**
 * Reads addresses typed, pasted or scanned by a person (one per line, or separated by spaces or
 * commas). An empty text is a valid "no server". `pageProtocol` applies the mixed-content rule
 * of the page. A hub address may carry the hub code (`…/signaling#hub-code=…`, the QR code the
 * hub prints): it is returned apart and the address kept without it, so the code is never stored
 * with the addresses (they travel in join links).
 */
export function parseSignalingInput(text: string, pageProtocol: string | null): SignalingInput {
	let hubCode: string | undefined;
	const urls: string[] = [];
	for (const entry of text.split(/[\s,]+/).map((s) => s.trim()).filter((s) => s !== '')) {
		const { address, code } = splitHubLink(entry);
		if (code === false) return fail('syncui.settings.hubCodeInvalid');
		hubCode ??= code ?? undefined;
		if (!urls.includes(address)) urls.push(address);
	}
	if (urls.length === 0) return { ok: true, value: hubCode ? { urls, hubCode } : { urls } };
	if (urls.length > SYNC_LIMITS.signalingUrls) return fail('syncui.settings.tooMany', { max: SYNC_LIMITS.signalingUrls });
	const problem = checkSignalingUrls(urls, pageProtocol);
	if (problem) return { ok: false, problem };
	return { ok: true, value: hubCode ? { urls, hubCode } : { urls } };
}

/** This device's hub code (normalized), or null when none was entered. */
export async function deviceHubCode(): Promise<string | null> {
	return (await getSetting(HUB_CODE_KEY, v.pipe(v.string(), v.regex(HUB_CODE_PATTERN)))) ?? null;
}

/**
 * Stores the hub code typed by a person (`null` or an empty text forgets it). Returns the code as
 * stored, or false when the text is not a hub code.
 */
export async function setDeviceHubCode(text: string | null): Promise<string | null | false> {
	if (text === null || text.trim() === '') {
		await setSetting(HUB_CODE_KEY, null);
		return null;
	}
	const code = normalizeHubCode(text);
	if (code === null) return false;
	await setSetting(HUB_CODE_KEY, code);
	return code;
}

/** This device's signaling addresses (empty when none is configured). */
export async function deviceSignaling(): Promise<string[]> {
	return (await getSetting(DEVICE_KEY, UrlList)) ?? [];
}

export async function setDeviceSignaling(urls: readonly string[]): Promise<void> {
	await setSetting(DEVICE_KEY, v.parse(UrlList, [...urls]));
}

/** The addresses a join link gave for this session (empty when none). */
export async function sessionSignaling(sessionId: string): Promise<string[]> {
	return (await getSetting(sessionKey(sessionId), UrlList)) ?? [];
}

export async function setSessionSignaling(sessionId: string, urls: readonly string[]): Promise<void> {
	await setSetting(sessionKey(sessionId), v.parse(UrlList, [...urls]));
}

/** The session's own addresses when it was joined with some, else this device's. */
export async function signalingFor(sessionId: string): Promise<string[]> {
	const own = await sessionSignaling(sessionId);
	return own.length > 0 ? own : deviceSignaling();
}

/** The role this device joined a session with (undefined for a session created here). */
export async function sessionRole(sessionId: string): Promise<PeerRole | undefined> {
	return getSetting(roleKey(sessionId), v.picklist(PEER_ROLES));
}

export async function setSessionRole(sessionId: string, role: PeerRole): Promise<void> {
	await setSetting(roleKey(sessionId), v.parse(v.picklist(PEER_ROLES), role));
}
