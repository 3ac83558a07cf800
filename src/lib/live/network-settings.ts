/**
 * Where this device looks for other tablets: the signaling-server addresses (usually the venue
 * hub), kept per device in settings, and the addresses a join link brought for one session.
 * Values read back are validated like input; an invalid stored list reads as "none".
 */
import * as v from 'valibot';
import { getSetting, setSetting } from '$lib/storage';
import type { MessageKey, MessageParams } from '$lib/i18n';
import { checkSignalingUrls, isSignalingUrl, PEER_ROLES, SYNC_LIMITS, type PeerRole } from '$lib/sync';

const DEVICE_KEY = 'sync.signaling';
const sessionKey = (sessionId: string) => `session.${sessionId}.signaling`;
const roleKey = (sessionId: string) => `session.${sessionId}.role`;

const UrlList = v.pipe(
	v.array(v.pipe(v.string(), v.check((url) => isSignalingUrl(url)))),
	v.maxLength(SYNC_LIMITS.signalingUrls)
);

export type SignalingInput = { ok: true; urls: string[] } | { ok: false; error: { key: MessageKey; params?: MessageParams } };

/**
 * Reads addresses typed by a person (one per line, or separated by spaces or commas). An empty
 * text is a valid "no server". `pageProtocol` applies the mixed-content rule of the page.
 */
export function parseSignalingInput(text: string, pageProtocol: string | null): SignalingInput {
	const urls = [...new Set(text.split(/[\s,]+/).map((s) => s.trim()).filter((s) => s !== ''))];
	if (urls.length === 0) return { ok: true, urls };
	if (urls.length > SYNC_LIMITS.signalingUrls) return { ok: false, error: { key: 'syncui.settings.tooMany', params: { max: SYNC_LIMITS.signalingUrls } } };
	const problem = checkSignalingUrls(urls, pageProtocol);
	return problem ? { ok: false, error: problem } : { ok: true, urls };
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
