import { getContext, setContext } from 'svelte';
import type { OpenSession } from './open-session.svelte';

const KEY = Symbol('open-session');

/** Called by `OpenSessionGate` once the session is open. */
export function setOpenSession(live: OpenSession): void {
	setContext(KEY, live);
}

/** The open session, for any component inside a `OpenSessionGate`. */
export function getOpenSession(): OpenSession {
	const live = getContext<OpenSession | undefined>(KEY);
	if (!live) throw new Error('getOpenSession() must be called inside <OpenSessionGate>');
	return live;
}

/** The open session when inside a `OpenSessionGate`, else undefined (components used both ways). */
export function findOpenSession(): OpenSession | undefined {
	return getContext<OpenSession | undefined>(KEY);
}
