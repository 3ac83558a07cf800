/**
 * Publishing a session's take-home summary to the hub (HTTP PUT with the session's hub token):
 * the device's side of `hub/take-home-endpoint.ts`. Paths and ids are in `protocol/take-home.ts`.
 */
import { encodeUtf8 } from 'lib0/string';
import { fail, type Problem, type Result } from '$lib/result';
import { hubAccessToken } from '../protocol/hub-wire';
import { TAKE_HOME_MAX_BYTES, TAKE_HOME_SESSION_HEADER, takeHomeUrl } from '../protocol/take-home';

/** Why a publish failed (the problem's key); each maps to a message of the sync catalog (`sync.takeHome.*`). */
export type TakeHomeFailure = 'unreachable' | 'refused' | 'unknownSession' | 'claimed' | 'tooLarge' | 'rateLimited' | 'quota' | 'error';

/** The bytes published, or why not. */
export type TakeHomePublishResult = Result<number, Problem<TakeHomeFailure>>;

export interface TakeHomePublishOptions {
	hubOrigin: string;
	sessionId: string;
	key: string;
	html: string;
	fetch?: typeof globalThis.fetch;
}

const FAILURE_BY_STATUS: Record<number, TakeHomeFailure> = {
	401: 'refused',
	403: 'unknownSession',
	409: 'claimed',
	413: 'tooLarge',
	429: 'rateLimited',
	507: 'quota'
};

/** Publishes (or replaces) the session's take-home summary on the hub. Never throws. */
export async function publishTakeHome(options: TakeHomePublishOptions): Promise<TakeHomePublishResult> {
	const body = encodeUtf8(options.html);
	if (body.byteLength > TAKE_HOME_MAX_BYTES) return fail('tooLarge');
	const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
	let response: Response;
	try {
		response = await doFetch(takeHomeUrl(options.hubOrigin, options.sessionId, options.key), {
			method: 'PUT',
			headers: {
				'content-type': 'text/html; charset=utf-8',
				authorization: `Bearer ${hubAccessToken(options.sessionId, options.key)}`,
				[TAKE_HOME_SESSION_HEADER]: options.sessionId
			},
			body,
			cache: 'no-store',
			credentials: 'omit',
			referrerPolicy: 'no-referrer'
		});
	} catch {
		return fail('unreachable');
	}
	if (response.ok) return { ok: true, value: body.byteLength };
	return fail(FAILURE_BY_STATUS[response.status] ?? 'error');
}
