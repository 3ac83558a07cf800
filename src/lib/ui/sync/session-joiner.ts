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
import * as Y from 'yjs';
import type { Locale, MessageKey, MessageParams } from '$lib/i18n';
import { localize, translate } from '$lib/i18n';
import { kitLibrary } from '$lib/library';
import { readSessionLabel, readSnapshot, sessionMaps, type DocMeta, type SessionLabel } from '$lib/session';
import { appendUpdates, deviceId, deviceName, getSession, joinSession } from '$lib/storage';
import { deviceSignaling, setSessionRole, setSessionSignaling } from '$lib/live';
import {
	BroadcastChannelTransport,
	SessionSync,
	WebrtcTransport,
	attachQrLinks,
	checkSignalingUrls,
	createHubTransport,
	detectWebrtcEnvironment,
	isKitCarrier,
	isKitHash,
	hubOriginFromSignaling,
	hubSyncUrl,
	type JoinData,
	type PeerRole,
	type SyncStatus
} from '$lib/sync';

export interface JoinProblem {
	key: MessageKey;
	params?: MessageParams;
	/** The problem is solved in the kit library. */
	kits?: boolean;
	/** Searching again may help. */
	retry?: boolean;
}

export type JoinOutcome = { ok: true; sessionId: string } | { ok: false; problem: JoinProblem; cancelled?: true };

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

const cancelled: JoinOutcome = { ok: false, cancelled: true, problem: { key: 'syncui.join.cancelled' } };

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
			return { ok: true, sessionId: data.sessionId };
		}
		const found = await findSession(data, options);
		if (!found.ok) return found;
		const { meta, state, label } = found;
		const opened = await kitLibrary.open(`${meta.kitId}@${meta.kitVersion}`);
		if (!opened.ok && !(found.kitPeers && isKitHash(meta.kitHash))) return kitMissing(meta.kitId, meta.kitVersion);
		let kitTitle: string | null = null;
		let agendaTitle: string | null = null;
		if (opened.ok) {
			const manifest = opened.kit.manifest;
			const agenda = manifest.agendas.find((a) => a.id === meta.agendaId);
			kitTitle = localize(manifest.title, options.locale, manifest.languages).text;
			agendaTitle = agenda ? localize(agenda.title, options.locale, manifest.languages).text : null;
		}
		const preview = { sessionId: data.sessionId, role: data.role, title: label.title, place: label.place, date: label.date, kitTitle, agendaTitle, known: false };
		if (options.confirm && !(await options.confirm(preview))) return cancelled;
		// The session's own title when its doc carries one, else the agenda's, else the kit's id.
		const title = label.title || agendaTitle || translate(options.locale, 'syncui.join.titleWithoutKit', { kit: `${meta.kitId} ${meta.kitVersion}` });
		await joinSession({
			id: data.sessionId,
			syncKey: data.key,
			title: title.slice(0, 200),
			place: label.place,
			date: label.date,
			kit: { id: meta.kitId, version: meta.kitVersion, hash: meta.kitHash },
			agendaId: meta.agendaId,
			language: options.locale
		});
		await appendUpdates(data.sessionId, [state], Date.now());
		if (data.signaling.length > 0) await setSessionSignaling(data.sessionId, data.signaling);
		await setSessionRole(data.sessionId, data.role);
		return { ok: true, sessionId: data.sessionId };
	} catch (error) {
		return { ok: false, problem: { key: 'syncui.join.failed', params: { reason: reasonOf(error) } } };
	}
}

function kitMissing(id: string, version: string): JoinOutcome {
	return { ok: false, problem: { key: 'syncui.join.kitMissing', params: { kit: `${id} ${version}` }, kits: true } };
}

/** `kitPeers`: a peer that can send kits (over a frame transport) was met. */
type Found = { ok: true; meta: DocMeta; label: SessionLabel; state: Uint8Array; kitPeers: boolean } | { ok: false; problem: JoinProblem };

/** Meets the session's devices with a scratch doc until its header arrives, or gives up. */
async function findSession(data: JoinData, options: JoinOptions): Promise<Found> {
	const signaling = data.signaling.length > 0 ? data.signaling : await deviceSignaling();
	const env = detectWebrtcEnvironment();
	// A venue hub among the addresses is reachable without WebCrypto (pages served by the hub).
	const hubOrigin = hubOriginFromSignaling(signaling);
	const hubUrl = hubOrigin ? hubSyncUrl(hubOrigin) : null;
	const useHub = hubUrl !== null && checkSignalingUrls([hubUrl], env.pageProtocol) === null;
	const networkProblem = !env.subtle && !useHub ? ('sync.error.insecureContext' as const) : null;
	const urlProblem = useHub ? null : checkSignalingUrls(signaling, env.pageProtocol);
	const doc = new Y.Doc();
	const sync = new SessionSync({
		doc,
		sessionId: data.sessionId,
		key: data.key,
		device: { id: await deviceId(), role: data.role, name: await deviceName() }
	});
	sync.addTransport(new BroadcastChannelTransport());
	if (env.subtle && checkSignalingUrls(signaling, env.pageProtocol) === null) sync.addTransport(new WebrtcTransport({ signaling, environment: env }));
	if (useHub) sync.addTransport(createHubTransport({ url: hubUrl, sessionId: data.sessionId, key: data.key }));
	// Links opened by QR pairing for this session; they stay open for the session screen.
	const qr = attachQrLinks(sync);
	const viaQr = options.viaQr === true;
	try {
		let metPeers = false;
		const meta = await new Promise<DocMeta | null>((resolve) => {
			const timeoutMs = options.timeoutMs ?? 20_000;
			const check = () => {
				const m = readSnapshot(doc).meta;
				if (m) finish(m);
			};
			let lastReceived = -1;
			const onStatus = (status: SyncStatus) => {
				if (status.peers.length > 0) metPeers = true;
				const arriving = status.receiving;
				// A catch-up that progresses is worth waiting for, however long the session.
				if (arriving && arriving.received !== lastReceived) {
					lastReceived = arriving.received;
					options.onProgress?.(Math.min(99, Math.floor((100 * arriving.received) / Math.max(1, arriving.total))));
					clearTimeout(timer);
					timer = setTimeout(abort, timeoutMs);
				}
			};
			const finish = (value: DocMeta | null) => {
				clearTimeout(timer);
				doc.off('update', check);
				sync.off('status', onStatus);
				options.signal?.removeEventListener('abort', abort);
				resolve(value);
			};
			const abort = () => finish(null);
			let timer = setTimeout(abort, timeoutMs);
			doc.on('update', check);
			sync.on('status', onStatus);
			options.signal?.addEventListener('abort', abort);
		});
		if (!meta) {
			if (metPeers) return { ok: false, problem: { key: 'syncui.join.incomplete', retry: true } };
			if (viaQr) return { ok: false, problem: { key: 'pairing.join.noHeader' } };
			if (networkProblem || urlProblem) {
				const reason = networkProblem ? translate(options.locale, networkProblem) : translate(options.locale, urlProblem!.key, urlProblem!.params);
				return { ok: false, problem: { key: 'syncui.join.noNetwork', params: { reason }, retry: true } };
			}
			return { ok: false, problem: { key: 'syncui.join.notFound', retry: true } };
		}
		if (meta.sessionId !== data.sessionId) return { ok: false, problem: { key: 'syncui.join.otherSession' } };
		const kitPeers = sync.transports.some((t) => isKitCarrier(t) && t.peers.length > 0);
		return { ok: true, meta, label: readSessionLabel(sessionMaps(doc).meta), state: Y.encodeStateAsUpdate(doc), kitPeers };
	} finally {
		qr.detach();
		sync.destroy();
		doc.destroy();
	}
}
