/**
 * The one-scan re-link on the side of the tablet that lost its links: the other tablet's offer can
 * be answered once, so reading the same code twice (the screen opened again while the first
 * reading was connecting, the camera still on the code) must not answer it twice, and a code of a
 * tablet already linked says linked (it used to fail after 20 s while the link was up).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSdp, type SdpEssentials } from '../../../src/lib/sync/qr-pairing/sdp-codec';
import { encodeRelinkCode, relinkProof } from '../../../src/lib/sync/qr-pairing/relink-code';
import { answerRelink } from '../../../src/lib/sync/qr-pairing/relink-flow';
import { qrLinks } from '../../../src/lib/sync/qr-pairing/qr-links';
import { generateSessionKey } from '../../../src/lib/sync/session-key';
import { FakePeerConnection, pairedLinks } from './qr-fixtures';

const SESSION = 'AbCdEfGhIjKlMnOpQrStUw';
const A = 'deviceAAAAAAAAAAAAAAAA';
const B = 'dev-b_1';
const key = generateSessionKey();
const me = { sessionId: SESSION, key, deviceId: B };

function offer(): SdpEssentials {
	const parsed = parseSdp(readFileSync(new URL('../../fixtures/sdp/chromium-camera-offer.sdp', import.meta.url), 'utf8'));
	if (!parsed.ok) throw new Error(parsed.problem.key);
	return parsed.value;
}

function code(nonce = [1, 2, 3, 4, 5, 6, 7, 8]): string {
	const unsigned = { sessionId: SESSION, from: A, to: B, nonce: Uint8Array.from(nonce), sdp: offer() };
	return encodeRelinkCode({ ...unsigned, proof: relinkProof(unsigned, key) });
}

/** A peer connection that takes any description; its channels open when the test says so. */
class AnsweringConnection extends FakePeerConnection {
	static made: AnsweringConnection[] = [];
	remote: string | null = null;
	constructor() {
		super();
		AnsweringConnection.made.push(this);
	}
	async setRemoteDescription(description: { sdp: string }) {
		this.remote = description.sdp;
	}
	async createAnswer() {
		return { type: 'answer', sdp: 'v=0\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n' };
	}
	async setLocalDescription() {}
	openChannels() {
		for (const c of this.channels) c.open();
	}
}
const env = { RTCPeerConnection: AnsweringConnection as unknown as typeof RTCPeerConnection };
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
	qrLinks.closeAll(SESSION);
	AnsweringConnection.made = [];
});

describe('answering a re-link code', () => {
	it('a second reading of the same code waits for the first: one answer, one link, kept for the session', async () => {
		const first = answerRelink(code(), me, env);
		const second = answerRelink(code(), me, env);
		await tick();
		expect(AnsweringConnection.made).toHaveLength(1);
		AnsweringConnection.made[0]!.openChannels();
		const [a, b] = await Promise.all([first, second]);
		expect(a.ok && b.ok).toBe(true);
		if (!a.ok || !b.ok) return;
		expect(b.value).toBe(a.value);
		expect(a.value.remoteDevice).toBe(A);
		expect(qrLinks.list(SESSION)).toEqual([a.value]);
	});

	it('a code of a tablet this one is linked to again says linked at once, with no new connection', async () => {
		const opened = answerRelink(code(), me, env);
		await tick();
		AnsweringConnection.made[0]!.openChannels();
		const link = await opened;
		if (!link.ok) throw new Error(link.problem.key);
		// The same tablet shows a new code (another nonce) after the link came back.
		const again = await answerRelink(code([9, 9, 9, 9, 9, 9, 9, 9]), me, env);
		expect(again).toEqual({ ok: true, value: link.value });
		expect(AnsweringConnection.made).toHaveLength(1);
	});

	it('a link to another tablet does not count, and another code after a failure is tried afresh', async () => {
		const [other] = pairedLinks(SESSION);
		other.remoteDevice = 'someOtherTablet';
		qrLinks.add(other);
		const attempt = answerRelink(code(), me, env);
		await tick();
		expect(AnsweringConnection.made).toHaveLength(1);
		AnsweringConnection.made[0]!.close();
		expect(await attempt).toEqual({ ok: false, problem: { key: 'sync.qr.relink.failed' } });
		const retry = answerRelink(code(), me, env);
		await tick();
		expect(AnsweringConnection.made).toHaveLength(2);
		AnsweringConnection.made[1]!.openChannels();
		expect((await retry).ok).toBe(true);
	});
});
