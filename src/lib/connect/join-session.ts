/**
 * Joining a session from an invitation (`JoinData` from a join link) on this device.
 *
 * The link carries the session id, key, role and signaling addresses, not the kit. When the
 * session is not on this device yet, a scratch doc meets the session's other devices with the
 * link's key and waits for the session header (kit, agenda). When the kit is not on this device,
 * the session is joined anyway if a peer that can send kits was met (every frame transport:
 * WebRTC, QR link, same-device tab, the hub for its bundled kits); the session screen then
 * receives the kit (`KitReceiver` in `$lib/live`). Otherwise (that peer was gone by the time the
 * header arrived) the person is told to import it. The state received is stored with the new session row, so the session
 * screen opens with the content already there. The scratch doc looks over WebRTC (secure pages)
 * and through the venue hub when a signaling address is a hub's (any page that may open it,
 * plain http too). A wrong or outdated key meets nobody: after `timeoutMs` the result says that
 * no device was found with this code. A large session arrives as a stream: while it progresses the
 * wait goes on (`onProgress`), and when devices were met but the session did not arrive whole the
 * result says exactly that, not that nobody was found.
 */
import type { Locale, MessageKey } from '$lib/i18n';
import type { Problem, Result } from '$lib/result';
import { localize, translate } from '$lib/i18n';
import { kitLibrary } from '$lib/library';
import { getSession, joinSession } from '$lib/storage';
import { BroadcastChannelTransport, attachQrLinks, detectWebrtcEnvironment, isKitHash, type JoinData, type PeerRole } from '$lib/sync';
import { deviceSignaling, setSessionRole, setSessionSignaling } from './network-settings';
import { meetSession, type MetSession } from './meet-session';
import { storeJoinedSession } from './store-joined';
import { noNetworkReason, planTransports } from './transport-plan';
import { plannedHub, plannedWebrtc } from './transports';

/** What the join screen offers with a problem's message. */
export interface JoinHints {
	/** The problem is solved in the kit library. */
	kits?: boolean;
	/** Searching again may help. */
	retry?: boolean;
	/** The person declined the session they were shown: nothing to say, nothing stored. */
	cancelled?: boolean;
}

export type JoinProblem = Problem<MessageKey, JoinHints | undefined>;

/** The id of the session joined, or why not. */
export type JoinOutcome = Result<string, JoinProblem>;

/**
 * What the joining device knows of the session before storing it, for the person to check it is
 * the right one: the title, place and date its facilitator gave it (from the doc's header; empty
 * for a session made by an older app), the kit and agenda when the kit is on this device.
 */
export interface JoinPreview {
	sessionId: string;
	role: PeerRole;
	title: string;
	place: string;
	date: string;
	kitTitle: string | null;
	agendaTitle: string | null;
	/** The session is already on this device (joined or created before). */
	known: boolean;
}

export interface JoinOptions {
	locale: Locale;
	/** How long to look for the session's devices. */
	timeoutMs?: number;
	signal?: AbortSignal;
	/** The session's devices are reached through a QR-paired link (no signaling needed). */
	viaQr?: boolean;
	/** Whole percent of the session received so far, while a large session arrives. */
	onProgress?: (percent: number) => void;
	/**
	 * Asked once the session is known and before anything is stored: false leaves this device as
	 * it was (the outcome is `cancelled`). Without it, the session is stored at once.
	 */
	confirm?: (preview: JoinPreview) => Promise<boolean>;
}

const cancelled: JoinOutcome = { ok: false, problem: { key: 'syncui.join.cancelled', detail: { cancelled: true } } };

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function joinFromLink(data: JoinData, options: JoinOptions): Promise<JoinOutcome> {
	try {
		const existing = await getSession(data.sessionId);
		if (existing) {
			const preview = { sessionId: data.sessionId, role: data.role, title: existing.title, place: existing.place, date: existing.date, kitTitle: null, agendaTitle: null, known: true };
			if (options.confirm && !(await options.confirm(preview))) return cancelled;
			// A missing kit is received by the session screen from the session's peers.
			await joinSession({ ...existing, id: data.sessionId, syncKey: data.key });
			if (data.signaling.length > 0) await setSessionSignaling(data.sessionId, data.signaling);
			await setSessionRole(data.sessionId, data.role);
			return { ok: true, value: data.sessionId };
		}
		const found = await findSession(data, options);
		if (!found.ok) return found;
		const { meta, label } = found.value;
		const opened = await kitLibrary.open(`${meta.kitId}@${meta.kitVersion}`);
		if (!opened.ok && !(found.value.kitPeers && isKitHash(meta.kitHash))) return kitMissing(meta.kitId, meta.kitVersion);
		let kitTitle: string | null = null;
		let agendaTitle: string | null = null;
		if (opened.ok) {
			const manifest = opened.value.kit.manifest;
			const agenda = manifest.agendas.find((a) => a.id === meta.agendaId);
			kitTitle = localize(manifest.title, options.locale, manifest.languages).text;
			agendaTitle = agenda ? localize(agenda.title, options.locale, manifest.languages).text : null;
		}
		const preview = { sessionId: data.sessionId, role: data.role, title: label.title, place: label.place, date: label.date, kitTitle, agendaTitle, known: false };
		if (options.confirm && !(await options.confirm(preview))) return cancelled;
		// The session's own title when its doc carries one, else the agenda's, else the kit's id.
		const title = label.title || agendaTitle || translate(options.locale, 'syncui.join.titleWithoutKit', { kit: `${meta.kitId} ${meta.kitVersion}` });
		await storeJoinedSession({ sessionId: data.sessionId, key: data.key, role: data.role, title, found: found.value, locale: options.locale, signaling: data.signaling });
		return { ok: true, value: data.sessionId };
	} catch (error) {
		return { ok: false, problem: { key: 'syncui.join.failed', params: { reason: reasonOf(error) } } };
	}
}

function kitMissing(id: string, version: string): JoinOutcome {
	return { ok: false, problem: { key: 'syncui.join.kitMissing', params: { kit: `${id} ${version}` }, detail: { kits: true } } };
}

type Found = Result<MetSession, JoinProblem>;

/** Meets the session's devices with a scratch doc until its header arrives, or gives up. */
async function findSession(data: JoinData, options: JoinOptions): Promise<Found> {
	const signaling = data.signaling.length > 0 ? data.signaling : await deviceSignaling();
	const env = detectWebrtcEnvironment();
	const plan = planTransports(signaling, env);
	const met = await meetSession({
		sessionId: data.sessionId,
		key: data.key,
		role: data.role,
		timeoutMs: options.timeoutMs ?? 20_000,
		signal: options.signal,
		onProgress: options.onProgress,
		connect: (sync) => {
			sync.addTransport(new BroadcastChannelTransport());
			const webrtc = plannedWebrtc(plan, env);
			if (webrtc) sync.addTransport(webrtc);
			const hub = plannedHub(plan, { sessionId: data.sessionId, key: data.key });
			if (hub) sync.addTransport(hub);
			// Links opened by QR pairing for this session; they stay open for the session screen.
			const qr = attachQrLinks(sync);
			return () => qr.detach();
		}
	});
	if (met.kind === 'found') return { ok: true, value: met.session };
	if (met.kind === 'otherSession') return { ok: false, problem: { key: 'syncui.join.otherSession' } };
	if (met.kind === 'timeout' && met.metPeers) return { ok: false, problem: { key: 'syncui.join.incomplete', detail: { retry: true } } };
	if (options.viaQr === true) return { ok: false, problem: { key: 'pairing.join.noHeader' } };
	const reason = noNetworkReason(plan, env);
	if (reason) return { ok: false, problem: { key: 'syncui.join.noNetwork', params: { reason: translate(options.locale, reason.key, reason.params) }, detail: { retry: true } } };
	return { ok: false, problem: { key: 'syncui.join.notFound', detail: { retry: true } } };
}
