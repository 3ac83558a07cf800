import { getContext, setContext } from 'svelte';
import type { LiveSession } from './live-session.svelte';

const KEY = Symbol('live-session');

/** Called by `LiveSessionGate` once the session is open. */
export function setLiveSession(live: LiveSession): void {
	setContext(KEY, live);
}

/** The open session, for any component inside a `LiveSessionGate`. */
export function getLiveSession(): LiveSession {
	const live = getContext<LiveSession | undefined>(KEY);
	if (!live) throw new Error('getLiveSession() must be called inside <LiveSessionGate>');
	return live;
}

/** The open session when inside a `LiveSessionGate`, else undefined (components used both ways). */
export function findLiveSession(): LiveSession | undefined {
	return getContext<LiveSession | undefined>(KEY);
}
