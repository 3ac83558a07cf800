/**
 * The two-scan pairing, step by step, with its timeouts and plain failure messages:
 *
 *   linking tablet:  startInvitation() -> shows `invitation.code` -> invitation.accept(answerText)
 *   joining tablet:  answerInvitation(offerText) -> shows `answer.code` -> answer.link opens
 *
 * Each step checks the code it reads before anything is sent on the network: a code of another
 * session, an answer to another invitation or made with another key is refused with a message.
 */
import type { Result } from '$lib/result';
import type { PeerRole, SyncMessage } from '../sync-types';
import { PeerLink } from './peer-link';
import { loadDeviceCertificate } from './device-certificate';
import { parseSdp, buildSdp, type SdpEssentials } from './sdp-codec';
import { answerProof, checkAnswerProof, decodePairingCode, encodePairingCode, type OfferCode } from './pairing-code';
import { iceGathered } from './ice-gathering';

export const PAIRING_TIMEOUTS = {
	/** Gathering the local host candidates. */
	gatherMs: 5_000,
	/** After the linking tablet read the answer: the link must open by then. */
	connectMs: 20_000,
	/** The joining tablet shows its answer until the linking tablet has scanned it. */
	answerShownMs: 5 * 60_000
};

export type Step<T> = Result<T, SyncMessage>;
const fail = <T>(key: SyncMessage['key']): Step<T> => ({ ok: false, problem: { key } });

export interface PairingEnv {
	RTCPeerConnection?: typeof RTCPeerConnection;
	timeouts?: Partial<typeof PAIRING_TIMEOUTS>;
}

const timeouts = (env: PairingEnv) => ({ ...PAIRING_TIMEOUTS, ...env.timeouts });

/** Waits for ICE gathering to finish (or `ms`) and reads the local description's essentials. */
export async function gatheredEssentials(pc: RTCPeerConnection, ms: number): Promise<Step<SdpEssentials>> {
	await iceGathered(pc, ms);
	const sdp = pc.localDescription?.sdp;
	if (!sdp) return fail('sync.qr.error.noCandidate');
	const parsed = parseSdp(sdp);
	if (!parsed.ok) return fail(parsed.problem.key === 'noCandidate' ? 'sync.qr.error.noCandidate' : 'sync.qr.error.browser');
	return { ok: true, value: parsed.value };
}

/**
 * Opens a link with this device's certificate, makes its offer and waits for the candidates:
 * the first step of an invitation and of a re-link. The link is closed when a step fails.
 */
export async function openOffer(sessionId: string, env: PairingEnv, gatherMs: number): Promise<Step<{ link: PeerLink; local: SdpEssentials }>> {
	await loadDeviceCertificate();
	let link: PeerLink;
	try {
		link = new PeerLink({ sessionId, RTCPeerConnection: env.RTCPeerConnection });
		await link.pc.setLocalDescription(await link.pc.createOffer());
	} catch {
		return fail('sync.qr.error.browser');
	}
	const local = await gatheredEssentials(link.pc, gatherMs);
	if (!local.ok) {
		link.close();
		return { ok: false, problem: local.problem };
	}
	return { ok: true, value: { link, local: local.value } };
}

export interface Invitation {
	/** Text of the QR code to show (base32). */
	code: string;
	link: PeerLink;
	/** Reads the joining tablet's answer and connects; the link is open when this succeeds. */
	accept(answerText: string, signal?: AbortSignal): Promise<Step<PeerLink>>;
	cancel(): void;
}

/** Linking tablet: opens a link waiting for an answer and makes the invitation code. */
export async function startInvitation(
	session: { sessionId: string; key: string; role: PeerRole },
	env: PairingEnv = {}
): Promise<Step<Invitation>> {
	const t = timeouts(env);
	const opened = await openOffer(session.sessionId, env, t.gatherMs);
	if (!opened.ok) return opened;
	const { link, local } = opened.value;
	const offer: OfferCode = { kind: 'offer', sessionId: session.sessionId, key: session.key, role: session.role, sdp: local };
	let accepted = false;
	const invitation: Invitation = {
		code: encodePairingCode(offer),
		link,
		async accept(answerText, signal) {
			const decoded = decodePairingCode(answerText);
			if (!decoded.ok) return decoded;
			const answer = decoded.value;
			if (answer.kind !== 'answer') return fail(answer.sessionId === session.sessionId ? 'sync.qr.code.notAnswer' : 'sync.qr.code.otherSession');
			if (answer.sessionId !== session.sessionId) return fail('sync.qr.code.otherSession');
			if (!checkAnswerProof(answer, session.key, offer.sdp)) return fail('sync.qr.code.wrongProof');
			if (accepted || link.state === 'closed') return fail('sync.qr.error.used');
			accepted = true;
			try {
				await link.pc.setRemoteDescription({ type: 'answer', sdp: buildSdp(answer.sdp) });
			} catch {
				link.close();
				return fail('sync.qr.code.corrupt');
			}
			const open = await link.whenOpen(t.connectMs, signal);
			if (!open) {
				link.close();
				return fail(signal?.aborted ? 'sync.qr.error.cancelled' : 'sync.qr.error.unreachable');
			}
			return { ok: true, value: link };
		},
		cancel() {
			if (link.state !== 'open') link.close();
		}
	};
	return { ok: true, value: invitation };
}

export interface Answer {
	/** The invitation this answers (session id, key, role). */
	offer: OfferCode;
	/** Text of the QR code to show back to the linking tablet. */
	code: string;
	link: PeerLink;
	/** Resolves once the linking tablet scanned the answer and the link opened. */
	opened(signal?: AbortSignal): Promise<Step<PeerLink>>;
	cancel(): void;
}

/** Reads an invitation code without connecting (to check it before showing anything). */
export function readInvitation(offerText: string, expectedSession?: string): Step<OfferCode> {
	const decoded = decodePairingCode(offerText);
	if (!decoded.ok) return decoded;
	const offer = decoded.value;
	if (expectedSession !== undefined && offer.sessionId !== expectedSession) return fail('sync.qr.code.otherSession');
	if (offer.kind !== 'offer') return fail('sync.qr.code.notOffer');
	return { ok: true, value: offer };
}

/** Joining tablet: reads the invitation, opens the link's answering side and makes the answer code. */
export async function answerInvitation(offerText: string, expectedSession?: string, env: PairingEnv = {}): Promise<Step<Answer>> {
	const t = timeouts(env);
	const read = readInvitation(offerText, expectedSession);
	if (!read.ok) return read;
	const offer = read.value;
	await loadDeviceCertificate();
	let link: PeerLink;
	try {
		link = new PeerLink({ sessionId: offer.sessionId, RTCPeerConnection: env.RTCPeerConnection });
		await link.pc.setRemoteDescription({ type: 'offer', sdp: buildSdp(offer.sdp) });
		await link.pc.setLocalDescription(await link.pc.createAnswer());
	} catch {
		return fail('sync.qr.code.corrupt');
	}
	const local = await gatheredEssentials(link.pc, t.gatherMs);
	if (!local.ok) {
		link.close();
		return local;
	}
	const code = encodePairingCode({
		kind: 'answer',
		sessionId: offer.sessionId,
		proof: answerProof(offer.sessionId, offer.key, offer.sdp, local.value),
		sdp: local.value
	});
	return {
		ok: true,
		value: {
			offer,
			code,
			link,
			async opened(signal) {
				const open = await link.whenOpen(t.answerShownMs, signal);
				if (open) return { ok: true, value: link };
				link.close();
				return fail(signal?.aborted ? 'sync.qr.error.cancelled' : 'sync.qr.error.answerTimeout');
			},
			cancel() {
				if (link.state !== 'open') link.close();
			}
		}
	};
}
