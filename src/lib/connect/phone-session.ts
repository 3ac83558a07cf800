/**
 * Opening a session on a participant's phone from a phone link (`/phone#p=…` on the venue hub's
 * origin). The phone reaches the session only through the hub it loaded the page from: no
 * WebRTC, no WebCrypto (the page is usually plain http on the LAN).
 *
 * When the session is not on the phone yet, a scratch doc meets the hub with the link's key and
 * waits for the session header (kit, agenda). The kit must be one the hub serves (the bundled kits
 * under /kits/) with the same content hash. The state received is stored with a new session row,
 * and the session's signaling address is set to the hub's, so `LiveNetwork` attaches the hub
 * transport whenever the phone opens the session again (notes typed offline are kept in
 * IndexedDB and sent once the hub answers). A key the hub refuses gets a clear message at once.
 */
import type { Locale, MessageKey } from '$lib/i18n';
import { ok, type Problem, type Result } from '$lib/result';
import { localize } from '$lib/i18n';
import { kitLibrary, kitsUnavailable } from '$lib/library';
import { getSession, joinSession } from '$lib/storage';
import { createHubTransport, hubOriginFromSignaling, hubSyncUrl, SYNC_LIMITS, type PhoneLinkData, type SyncStatus } from '$lib/sync';
import { sessionRole, setSessionSignaling, signalingFor } from './network-settings';
import { meetSession, type MetSession } from './meet-session';
import { storeJoinedSession } from './store-joined';

/** `detail.retry`: trying again may help (hub not reachable yet, session not on the hub yet). */
export type PhoneProblem = Problem<MessageKey, { retry: boolean } | undefined>;

export type PhoneOpenOutcome = Result<void, PhoneProblem>;

export interface PhoneOpenOptions {
	locale: Locale;
	/** How long to wait for the session's header from the hub. */
	timeoutMs?: number;
	signal?: AbortSignal;
}

/** The hub's signaling address from the page origin (`http://h:p` → `ws://h:p/signaling`). */
export function hubSignalingUrl(pageOrigin: string): string | null {
	const sync = hubSyncUrl(pageOrigin);
	return sync ? sync.replace(/\/sync$/, '/signaling') : null;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Makes sure the session of `link` is stored on this phone, set to sync through the hub. */
export async function preparePhoneSession(link: PhoneLinkData, pageOrigin: string, options: PhoneOpenOptions): Promise<PhoneOpenOutcome> {
	const signaling = hubSignalingUrl(pageOrigin);
	const syncUrl = hubSyncUrl(pageOrigin);
	if (!signaling || !syncUrl) return { ok: false, problem: { key: 'phone.error.notHub' } };
	try {
		const existing = await getSession(link.sessionId);
		if (existing) {
			const kit = await kitLibrary.open(`${existing.kit.id}@${existing.kit.version}`);
			if (!kit.ok) return kitsUnavailable(kit.problem) ? unreachable() : kitMissing(existing.kit.id, existing.kit.version);
			// A phone takes the key of the newest link it opened (a new QR code after a key renewal).
			// A device that had the session otherwise (created or joined as a tablet) keeps its key,
			// its role and its addresses; the hub's address is added when none of them is a hub's.
			const role = await sessionRole(link.sessionId);
			if (role === 'participant' && existing.syncKey !== link.key) await joinSession({ ...existing, syncKey: link.key });
			const own = await signalingFor(link.sessionId);
			if (!hubOriginFromSignaling(own)) await setSessionSignaling(link.sessionId, [signaling, ...own].slice(0, SYNC_LIMITS.signalingUrls));
			return ok();
		}
		const found = await findOnHub(link, syncUrl, options);
		if (!found.ok) return found;
		const { meta, label } = found.value;
		const opened = await kitLibrary.open(`${meta.kitId}@${meta.kitVersion}`);
		if (!opened.ok) return kitsUnavailable(opened.problem) ? unreachable() : kitMissing(meta.kitId, meta.kitVersion);
		if (opened.value.kit.hash !== meta.kitHash) return { ok: false, problem: { key: 'phone.error.kitDifferent', params: { kit: `${meta.kitId} ${meta.kitVersion}` } } };
		const manifest = opened.value.kit.manifest;
		const agenda = manifest.agendas.find((a) => a.id === meta.agendaId);
		const title = label.title || (agenda ? localize(agenda.title, options.locale, manifest.languages).text : '');
		await storeJoinedSession({ sessionId: link.sessionId, key: link.key, role: 'participant', title, found: found.value, locale: options.locale, signaling: [signaling] });
		return ok();
	} catch (error) {
		return { ok: false, problem: { key: 'phone.error.failed', params: { reason: reasonOf(error) }, detail: { retry: true } } };
	}
}

/**
 * The hub (which serves the page, the kits' list and the session) did not answer: say so and try
 * again, never "kit not served", which sends people looking for the wrong problem.
 */
function unreachable(): PhoneOpenOutcome {
	return { ok: false, problem: { key: 'phone.error.unreachable', detail: { retry: true } } };
}

function kitMissing(id: string, version: string): PhoneOpenOutcome {
	return { ok: false, problem: { key: 'phone.error.kitMissing', params: { kit: `${id} ${version}` } } };
}

type Found = Result<MetSession, PhoneProblem>;

/**
 * Meets the hub with a scratch doc until the session header arrives, the hub refuses, or time
 * runs out. The phone's only transport is the hub it loaded the page from.
 */
async function findOnHub(link: PhoneLinkData, url: string, options: PhoneOpenOptions): Promise<Found> {
	let reached = false;
	const met = await meetSession<{ refused: true; renewed: boolean } | { unreachable: true }>({
		sessionId: link.sessionId,
		key: link.key,
		role: 'participant',
		timeoutMs: options.timeoutMs ?? 15_000,
		signal: options.signal,
		connect: (sync) => sync.addTransport(createHubTransport({ url, sessionId: link.sessionId, key: link.key })),
		watch: (status: SyncStatus) => {
			const own = status.transports.find((t) => t.kind === 'hub')?.status;
			if (own?.state === 'connected') reached = true;
			// The hub answered but does not hold the session (it takes new ones only from the
			// facilitator's tablet): keep waiting, the transport asks again.
			if (own?.message?.key === 'sync.error.hubNotAdmitted') reached = true;
			// Never reached and refused at the door (connection refused, no route): no point
			// waiting out the timeout; the page says so and tries again.
			else if (!reached && own?.message?.key === 'sync.error.hubUnreachable') return { unreachable: true };
			else if (own?.state === 'unavailable' && own.message) return { refused: true, renewed: own.message.key === 'sync.error.hubKeyRenewed' };
			return undefined;
		}
	});
	if (met.kind === 'found') return { ok: true, value: met.session };
	if (met.kind === 'otherSession') return { ok: false, problem: { key: 'phone.error.otherSession' } };
	if (met.kind === 'stopped' && 'refused' in met.value) return { ok: false, problem: { key: met.value.renewed ? 'phone.error.keyRenewed' : 'phone.error.refused' } };
	const wasReached = met.kind === 'timeout' && reached;
	return { ok: false, problem: { key: wasReached ? 'phone.error.notOnHub' : 'phone.error.unreachable', detail: { retry: true } } };
}
