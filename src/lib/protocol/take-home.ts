/**
 * The take-home summary through the venue hub: a device that holds the session key publishes the
 * printable, pseudonymous summary (bilan) to the hub; participants' phones read it at a URL that
 * carries no key (`http://<hub>/take-home/<takeHomeId>`), so a photo of the wall's QR code gives
 * read access to that summary only, never to the session.
 *
 *   takeHomeId = base64url( SHA-256('tablee-take-home:' + sessionId + ':' + hubToken)[0..16] )
 *   hubToken   = hubAccessToken(sessionId, key)
 *
 * Every device of the session computes the same id without asking the hub. The id goes through
 * the hub token rather than the key so that the hub, which receives the token with every publish
 * but never the key, can check that an id belongs to the session publishing it: a session can
 * only ever write its own id (`src/hub/take-home-endpoint.ts`), and nobody can plant a page under
 * another session's code. One-way twice over, so the id (on the wall, in photos) reveals neither
 * the token nor the key. lib0's SHA-256 because `crypto.subtle` is missing on insecure origins.
 *
 * Publishing is a plain HTTP `PUT` with the hub access token (`hubAccessToken`, the one `/sync`
 * pins) in `Authorization`. HTTP rather than the `/sync` socket: the summary can be larger than a
 * sync frame, the answer (stored, or why not) is the response status, and a failed publish never
 * disturbs the sync link. The page may be on another origin than the hub (`localhost` vs the LAN
 * address), so the hub answers CORS preflights; that is safe because the credential is the token
 * in a header, never a cookie.
 */
import { digest } from 'lib0/hash/sha256';
import { toBase64UrlEncoded } from 'lib0/buffer';
import { encodeUtf8 } from 'lib0/string';
import { hubAccessToken } from './hub-wire';

export const TAKE_HOME_PATH = '/take-home';
/** 128 bits, base64url without padding. */
export const TAKE_HOME_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** Largest summary the hub stores (bytes of UTF-8 HTML). */
export const TAKE_HOME_MAX_BYTES = 4 * 1024 * 1024;
/** The request header carrying the session id of a publish. */
export const TAKE_HOME_SESSION_HEADER = 'x-tablee-session';

export function takeHomeId(sessionId: string, key: string): string {
	return takeHomeIdFromToken(sessionId, hubAccessToken(sessionId, key));
}

/** The take-home id of the session whose hub token is `token` (what the hub checks a publish against). */
export function takeHomeIdFromToken(sessionId: string, token: string): string {
	return toBase64UrlEncoded(digest(encodeUtf8(`tablee-take-home:${sessionId}:${token}`)).subarray(0, 16));
}

/** The public address of a session's take-home summary on the hub (no key, no fragment). */
export function takeHomeUrl(hubOrigin: string, sessionId: string, key: string): string {
	return `${new URL(hubOrigin).origin}${TAKE_HOME_PATH}/${takeHomeId(sessionId, key)}`;
}
