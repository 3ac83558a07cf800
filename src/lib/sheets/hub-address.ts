/**
 * The venue hub's address as phones reach it (`http://192.168.1.10:8080`). Phones open Tablée
 * only through the hub (they are on plain http on the LAN), so every phone code carries this
 * origin. It comes from the session's signaling addresses when one is a hub's, or from what the
 * facilitator types; a loopback address is refused because it would open nothing on a phone.
 */
import { fail, type Problem, type Result } from '$lib/result';
import { hubOriginFromSignaling } from '$lib/sync';

export type HubAddressErrorKey =
	| 'sheets.hub.error.empty'
	| 'sheets.hub.error.invalid'
	| 'sheets.hub.error.scheme'
	| 'sheets.hub.error.path'
	| 'sheets.hub.error.loopback';

/** The hub's origin, or why the text is not a hub's address. */
export type HubAddressResult = Result<string, Problem<HubAddressErrorKey>>;

const MAX_ADDRESS_CHARS = 300;

/** True for addresses that only reach the device itself (localhost, 127.0.0.0/8, ::1). */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '::1' || host === '0.0.0.0';
}

/**
 * Reads a hub address typed by a person. A missing scheme reads as `http://` (what the hub prints);
 * a pasted signaling address (`ws://…/signaling`) is accepted for its origin.
 */
export function parseHubAddress(input: string): HubAddressResult {
		const text = input.trim();
	if (text === '') return fail('sheets.hub.error.empty');
	if (text.length > MAX_ADDRESS_CHARS || /\s/.test(text)) return fail('sheets.hub.error.invalid');
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		return fail('sheets.hub.error.invalid');
	}
	if (url.protocol === 'ws:' || url.protocol === 'wss:') {
		const origin = hubOriginFromSignaling([url.href]);
		if (!origin) return fail('sheets.hub.error.path');
		url = new URL(origin);
	} else if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return fail('sheets.hub.error.scheme');
	}
	if (!url.hostname) return fail('sheets.hub.error.invalid');
	if (url.username || url.password) return fail('sheets.hub.error.invalid');
	if (url.pathname.replace(/\/+$/, '') !== '' || url.search || url.hash) return fail('sheets.hub.error.path');
	if (isLoopbackHost(url.hostname)) return fail('sheets.hub.error.loopback', { host: url.host });
	return { ok: true, value: url.origin };
}

/** What the session's signaling addresses say about the hub. */
export interface SignalingHub {
	/** The hub origin phones can use, or null. */
	origin: string | null;
	/** A hub origin this device uses that phones cannot (localhost), shown to explain why. */
	loopback: string | null;
}

export function hubFromSignaling(signaling: readonly string[]): SignalingHub {
	const origin = hubOriginFromSignaling(signaling);
	if (!origin) return { origin: null, loopback: null };
	return isLoopbackHost(new URL(origin).hostname) ? { origin: null, loopback: origin } : { origin, loopback: null };
}
