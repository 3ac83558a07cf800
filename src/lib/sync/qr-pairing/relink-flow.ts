/**
 * The one-scan re-link of a tablet that lost every link (see `relink-code.ts`):
 *
 *   tablet still linked (A):   startRelink(peer) -> shows `relink.code` -> relink.opened()
 *   tablet that lost its links (B):   answerRelink(codeText) -> the link opens, nothing shown
 *
 * A sets B's expected answer itself (B's derived ICE credentials and its known fingerprint,
 * no candidate: B's address is learned from B's connectivity checks). When it fails (B's
 * certificate changed, another network), both sides say so and offer the two-scan pairing.
 *
 * A's offer can be answered once. So B reads a code at most once at a time: a second reading of the
 * same code (the screen was opened again while the first was connecting, the camera still on it)
 * waits for the first, and a code of a tablet B is already linked to says linked at once.
 */
import { toHexString } from 'lib0/buffer';
import type { SyncMessage } from '../sync-types';
import { PeerLink } from './peer-link';
import { buildSdp } from './sdp-codec';
import { loadDeviceCertificate } from './device-certificate';
import type { KnownPeer } from './known-peers';
import { encodeRelinkCode, newRelinkNonce, readRelinkCode, relinkIce, relinkProof, type RelinkCode } from './relink-code';
import { openOffer, type PairingEnv, type Step } from './pairing-flow';
import { qrLinks } from './qr-links';

export const RELINK_TIMEOUTS = {
	gatherMs: 5_000,
	/** The re-link code is shown until the other tablet scanned it and the link opened. */
	shownMs: 5 * 60_000,
	/** After scanning, the link must open by then. */
	connectMs: 20_000
};

const fail = <T>(key: SyncMessage['key']): Step<T> => ({ ok: false, problem: { key } });

export interface RelinkSession {
	sessionId: string;
	key: string;
	deviceId: string;
}

export interface Relink {
	code: string;
	peer: KnownPeer;
	link: PeerLink;
	opened(signal?: AbortSignal): Promise<Step<PeerLink>>;
	cancel(): void;
}

/** The answer `peer` will make, as A must set it: derived credentials, known fingerprint, no candidate. */
export function expectedRelinkAnswer(session: RelinkSession, peer: KnownPeer, nonce: Uint8Array, mid: string): string {
	const ice = relinkIce(session.sessionId, session.key, peer.deviceId, nonce);
	const sdp = buildSdp({ ...ice, fingerprint: peer.fingerprint, setup: 'active', mid, candidates: [] });
	return sdp.replace('a=end-of-candidates\r\n', '');
}

/** Tablet still linked: prepares the link to `peer` and the one code it scans. */
export async function startRelink(session: RelinkSession, peer: KnownPeer, env: PairingEnv = {}): Promise<Step<Relink>> {
	const opened = await openOffer(session.sessionId, env, RELINK_TIMEOUTS.gatherMs);
	if (!opened.ok) return opened;
	const { link, local } = opened.value;
	const nonce = newRelinkNonce();
	try {
		await link.pc.setRemoteDescription({ type: 'answer', sdp: expectedRelinkAnswer(session, peer, nonce, local.mid) });
	} catch {
		link.close();
		return fail('sync.qr.error.browser');
	}
	link.remoteDevice = peer.deviceId;
	const unsigned = { sessionId: session.sessionId, from: session.deviceId, to: peer.deviceId, nonce, sdp: local };
	const code = encodeRelinkCode({ ...unsigned, proof: relinkProof(unsigned, session.key) });
	return {
		ok: true,
		value: {
			code,
			peer,
			link,
			async opened(signal) {
				const open = await link.whenOpen(RELINK_TIMEOUTS.shownMs, signal);
				if (open) return { ok: true, value: link };
				link.close();
				return fail(signal?.aborted ? 'sync.qr.error.cancelled' : 'sync.qr.relink.failed');
			},
			cancel() {
				if (link.state !== 'open') link.close();
			}
		}
	};
}

/** Re-links in progress on this page, by session, tablet and nonce of the code. */
const answering = new Map<string, Promise<Step<PeerLink>>>();

/**
 * Tablet that lost its links: reads the code and connects; no code is shown back. The first
 * reading's `signal` is the one that can cancel the attempt.
 */
export function answerRelink(text: string, session: RelinkSession, env: PairingEnv & { signal?: AbortSignal } = {}): Promise<Step<PeerLink>> {
	const read = readRelinkCode(text, session);
	if (!read.ok) return Promise.resolve(read);
	const code = read.value;
	const linked = qrLinks.list(session.sessionId).find((l) => l.state === 'open' && l.remoteDevice === code.from);
	if (linked) return Promise.resolve({ ok: true, value: linked });
	const id = `${session.sessionId} ${code.from} ${toHexString(code.nonce)}`;
	const pending = answering.get(id);
	if (pending) return pending;
	const attempt = connectRelink(code, session, env).finally(() => answering.delete(id));
	answering.set(id, attempt);
	return attempt;
}

async function connectRelink(code: RelinkCode, session: RelinkSession, env: PairingEnv & { signal?: AbortSignal }): Promise<Step<PeerLink>> {
	const cert = await loadDeviceCertificate();
	if (!cert && !env.RTCPeerConnection) return fail('sync.qr.relink.noIdentity');
	let link: PeerLink;
	try {
		link = new PeerLink({ sessionId: session.sessionId, RTCPeerConnection: env.RTCPeerConnection });
		await link.pc.setRemoteDescription({ type: 'offer', sdp: buildSdp(code.sdp) });
		const answer = await link.pc.createAnswer();
		const ice = relinkIce(session.sessionId, session.key, session.deviceId, code.nonce);
		const sdp = (answer.sdp ?? '').replace(/^a=ice-ufrag:.*$/m, `a=ice-ufrag:${ice.ufrag}`).replace(/^a=ice-pwd:.*$/m, `a=ice-pwd:${ice.pwd}`);
		await link.pc.setLocalDescription({ type: 'answer', sdp });
	} catch {
		return fail('sync.qr.error.browser');
	}
	link.remoteDevice = code.from;
	const open = await link.whenOpen(RELINK_TIMEOUTS.connectMs, env.signal);
	if (!open) {
		link.close();
		return fail(env.signal?.aborted ? 'sync.qr.error.cancelled' : 'sync.qr.relink.failed');
	}
	// Kept for the session's screens even if the screen that scanned is gone by now.
	qrLinks.add(link);
	return { ok: true, value: link };
}
