import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, PeerLink } from '../../../src/lib/sync/qr-pairing/peer-link';
import { FakePeerConnection, pairedLinks as pair } from './qr-fixtures';
import { SYNC_LIMITS } from '../../../src/lib/protocol/sync-limits';
import { QrMesh } from '../../../src/lib/sync/qr-pairing/mesh-signaling';
import { keyTag } from '../../../src/lib/sync/session-key';
import { toHexString } from 'lib0/buffer';

const received = (link: PeerLink) => {
	const out: Uint8Array[] = [];
	link.listen((bytes) => out.push(bytes as Uint8Array));
	return out;
};
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('PeerLink', () => {
	it('cuts large frames into small data-channel messages and puts them back together', async () => {
		const [a, b] = pair();
		const got = received(b);
		expect(a.state).toBe('open');
		const sizes = [0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 5 * CHUNK_BYTES + 7, SYNC_LIMITS.messageBytes];
		const frames = sizes.map((n, k) => {
			const f = new Uint8Array(n);
			for (let i = 0; i < n; i++) f[i] = (i * 31 + k) & 255;
			return f;
		});
		for (const f of frames) a.send(f);
		await flush();
		// Compared as buffers: a deep equality over a 1 MiB array takes seconds.
		expect(got.map((g) => g.byteLength)).toEqual(sizes);
		expect(got.every((g, i) => Buffer.from(g).equals(Buffer.from(frames[i]!)))).toBe(true);
		const sent = (a.pc as unknown as FakePeerConnection).channels[0]!.sizes;
		expect(Math.max(...sent)).toBeLessThanOrEqual(CHUNK_BYTES + 1);
	});

	it('hangs up on a peer whose pieces exceed the frame limit, or that sends text on the sync channel', async () => {
		const [a, b] = pair();
		const channel = (a.pc as unknown as FakePeerConnection).channels[0]!;
		const piece = new Uint8Array(CHUNK_BYTES + 1).fill(7);
		piece[0] = 1; // "more pieces follow", forever
		for (let sent = 0; sent <= SYNC_LIMITS.messageBytes + 8192; sent += CHUNK_BYTES) channel.send(piece);
		await flush();
		expect(b.state).toBe('closed');

		const [c, d] = pair();
		(c.pc as unknown as FakePeerConnection).channels[0]!.send('hello');
		await flush();
		expect(d.state).toBe('closed');
	});

	it('carries mesh messages as JSON and ignores what is not JSON', async () => {
		const [a, b] = pair();
		const got: unknown[] = [];
		b.onMesh((m) => got.push(m));
		expect(a.sendMesh({ t: 'hello', d: 'device-1' })).toBe(true);
		(a.pc as unknown as FakePeerConnection).channels[1]!.send('{not json');
		await flush();
		expect(got).toEqual([{ t: 'hello', d: 'device-1' }]);
		expect(b.state).toBe('open');
	});
});

describe('mesh signaling relay', () => {
	const sessionId = 'session-1';
	const key = 'AAAAAAAAAAAAAAAAAAAAAA';
	const tag = toHexString(keyTag(sessionId, key));
	const inbox = (link: PeerLink) => {
		const got: Record<string, unknown>[] = [];
		link.onMesh((m) => got.push(m as Record<string, unknown>));
		return got;
	};
	const sig = (f: string, to: string) => ({ t: 'sig', f, to, n: 'nonce-1', kind: 'offer', sdp: 'v=0 m=application 9 UDP/DTLS/SCTP webrtc-datachannel' });

	it('relays one hop, only for a neighbour that proved the key, only its own messages, only to a direct neighbour', async () => {
		const [bToA, a] = pair();
		const [bToC, c] = pair();
		const fromB = inbox(a);
		const atC = inbox(c);
		// Device ids chosen so that B never makes offers itself (it has the largest id).
		const mesh = new QrMesh({ sessionId, deviceId: 'device-zz', key, onLink: () => {} });
		mesh.update([bToA, bToC]);
		await flush();
		expect(fromB[0]).toMatchObject({ t: 'hello', d: 'device-zz', k: tag, n: [] });

		// A has not said hello yet, then says it with another session's key tag: nothing is relayed.
		a.sendMesh(sig('device-a', 'device-c'));
		a.sendMesh({ t: 'hello', d: 'device-a', k: '0000000000000000', n: [] });
		c.sendMesh({ t: 'hello', d: 'device-c', k: tag, n: [] });
		await flush();
		a.sendMesh(sig('device-a', 'device-c'));
		await flush();
		expect(atC.filter((m) => m.t === 'sig')).toEqual([]);

		a.sendMesh({ t: 'hello', d: 'device-a', k: tag, n: [] });
		await flush();
		a.sendMesh(sig('device-a', 'device-c'));
		a.sendMesh(sig('device-x', 'device-c')); // not A's own message
		a.sendMesh(sig('device-a', 'device-y')); // not a neighbour of B
		a.sendMesh({ ...sig('device-a', 'device-c'), sdp: 'x'.repeat(13_000) }); // too big
		a.sendMesh({ t: 'sig', f: 'device-a', to: 'device-c', n: 'n', kind: 'bad', sdp: 'webrtc-datachannel' });
		await flush();
		expect(atC.filter((m) => m.t === 'sig')).toEqual([sig('device-a', 'device-c')]);
		// B now tells each neighbour about the other.
		expect(fromB.at(-1)).toMatchObject({ t: 'hello', d: 'device-zz', n: expect.arrayContaining(['device-a', 'device-c']) });
		mesh.destroy();
	});
});
