/**
 * Storing a session met on the network (`meet-session.ts`): the session row, the state received
 * (so the session screen opens with the content already there), the addresses it came with and
 * the role this device joined with. The one way both joiners store what they found.
 */
import type { Locale } from '$lib/i18n';
import { appendUpdates, joinSession } from '$lib/storage';
import type { PeerRole } from '$lib/sync';
import type { MetSession } from './meet-session';
import { setSessionRole, setSessionSignaling } from './network-settings';

export interface JoinedSession {
	sessionId: string;
	key: string;
	role: PeerRole;
	/** The title to store (the session's own, or what stands in for it). */
	title: string;
	found: MetSession;
	locale: Locale;
	/** Addresses to keep for this session (none: the device's own are used). */
	signaling: readonly string[];
}

export const STORED_TITLE_MAX = 200;

export async function storeJoinedSession(s: JoinedSession): Promise<void> {
	const { meta, label, state } = s.found;
	await joinSession({
		id: s.sessionId,
		syncKey: s.key,
		title: s.title.slice(0, STORED_TITLE_MAX),
		place: label.place,
		date: label.date,
		kit: { id: meta.kitId, version: meta.kitVersion, hash: meta.kitHash },
		agendaId: meta.agendaId,
		language: s.locale
	});
	await appendUpdates(s.sessionId, [state], Date.now());
	if (s.signaling.length > 0) await setSessionSignaling(s.sessionId, s.signaling);
	await setSessionRole(s.sessionId, s.role);
}
