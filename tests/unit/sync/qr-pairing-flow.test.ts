import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerInvitation, readInvitation, startInvitation } from '../../../src/lib/sync/qr-pairing/pairing-flow';
import { generateSessionKey } from '../../../src/lib/sync/session-key';

/**
 * The pairing steps against a stand-in RTCPeerConnection that returns SDPs captured from
 * Chromium and never opens its channels: what each failure tells the facilitator.
 */
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/sdp/${name}.sdp`, import.meta.url), 'utf8');
const SESSION = 'AbCdEfGhIjKlMnOpQrStUw';

function fakePeerConnection(offerSdp: string, answerSdp: string) {
	return class {
		localDescription: { type: string; sdp: string } | null = null;
		remoteDescription: { type: string; sdp: string } | null = null;
		iceGatheringState = 'complete';
		connectionState = 'new';
		onconnectionstatechange = null;
		oniceconnectionstatechange = null;
		addEventListener() {}
		removeEventListener() {}
		createDataChannel() {
			return { readyState: 'connecting', close() {}, send() {}, addEventListener() {}, removeEventListener() {} };
		}
		async createOffer() {
			return { type: 'offer', sdp: offerSdp };
		}
		async createAnswer() {
			return { type: 'answer', sdp: answerSdp };
		}
		async setLocalDescription(d: { type: string; sdp: string }) {
			this.localDescription = d;
		}
		async setRemoteDescription(d: { type: string; sdp: string }) {
			if (!d.sdp.includes('a=fingerprint:sha-256')) throw new Error('bad sdp');
			this.remoteDescription = d;
		}
		close() {}
	} as unknown as typeof RTCPeerConnection;
}

const env = (offer = fixture('chromium-mdns-offer'), answer = fixture('chromium-mdns-answer')) => ({
	RTCPeerConnection: fakePeerConnection(offer, answer),
	timeouts: { gatherMs: 50, connectMs: 50, answerShownMs: 50 }
});

describe('pairing steps', () => {
	it('a device with no network address is told to check the Wi-Fi and the gateway', async () => {
		const noCandidates = fixture('chromium-mdns-offer').replace(/^a=candidate:.*\r?\n/gm, '');
		const started = await startInvitation({ sessionId: SESSION, key: generateSessionKey(), role: 'station' }, env(noCandidates));
		expect(started).toEqual({ ok: false, problem: { key: 'sync.qr.error.noCandidate' } });
	});

	it('a checked answer that never connects points to client isolation; the answer side times out', async () => {
		const key = generateSessionKey();
		const started = await startInvitation({ sessionId: SESSION, key, role: 'participant' }, env());
		if (!started.ok) throw new Error(started.problem.key);
		const invitation = readInvitation(started.value.code);
		expect(invitation.ok && invitation.value).toMatchObject({ sessionId: SESSION, key, role: 'participant' });
		const answer = await answerInvitation(started.value.code, SESSION, env());
		if (!answer.ok) throw new Error(answer.problem.key);
		expect(await started.value.accept(answer.value.code)).toEqual({ ok: false, problem: { key: 'sync.qr.error.unreachable' } });
		expect(await answer.value.opened()).toEqual({ ok: false, problem: { key: 'sync.qr.error.answerTimeout' } });
	});

	it('refuses, before connecting, a code of another session, an answer to another invitation, and codes at the wrong step', async () => {
		const key = generateSessionKey();
		const first = await startInvitation({ sessionId: SESSION, key, role: 'station' }, env());
		const second = await startInvitation({ sessionId: SESSION, key, role: 'station' }, env(fixture('chromium-camera-offer')));
		const foreign = await startInvitation({ sessionId: 'another-session-id', key: generateSessionKey(), role: 'station' }, env());
		if (!first.ok || !second.ok || !foreign.ok) throw new Error('no invitation');

		expect(await answerInvitation(foreign.value.code, SESSION, env())).toEqual({ ok: false, problem: { key: 'sync.qr.code.otherSession' } });
		const toSecond = await answerInvitation(second.value.code, SESSION, env());
		const toForeign = await answerInvitation(foreign.value.code, undefined, env());
		if (!toSecond.ok || !toForeign.ok) throw new Error('no answer');

		expect(await first.value.accept(toSecond.value.code)).toEqual({ ok: false, problem: { key: 'sync.qr.code.wrongProof' } });
		expect(await first.value.accept(toForeign.value.code)).toEqual({ ok: false, problem: { key: 'sync.qr.code.otherSession' } });
		expect(await first.value.accept(second.value.code)).toEqual({ ok: false, problem: { key: 'sync.qr.code.notAnswer' } });
		expect(await answerInvitation(toSecond.value.code, SESSION, env())).toEqual({ ok: false, problem: { key: 'sync.qr.code.notOffer' } });
		expect(await first.value.accept('')).toEqual({ ok: false, problem: { key: 'sync.qr.code.empty' } });
		// A wrong code leaves the invitation usable: the right answer is still taken (then times out here).
		const right = await answerInvitation(first.value.code, SESSION, env());
		if (!right.ok) throw new Error(right.problem.key);
		expect(await first.value.accept(right.value.code)).toEqual({ ok: false, problem: { key: 'sync.qr.error.unreachable' } });
		expect(await first.value.accept(right.value.code)).toEqual({ ok: false, problem: { key: 'sync.qr.error.used' } });
	});
});
