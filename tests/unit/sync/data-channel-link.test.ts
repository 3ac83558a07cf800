/**
 * `DataChannelLink`: frames in pieces a browser accepts, put back together under the frame
 * limit; what ends a link and why (the owner closes the connection under it accordingly).
 */
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, DataChannelLink, MAX_FRAME_BYTES, type LinkCloseReason } from '$lib/sync';
import { pairedChannels } from './fake-data-channel';

const flush = () => new Promise((r) => setTimeout(r, 0));

function pair() {
	const [ca, cb] = pairedChannels();
	const reasons: { a: LinkCloseReason[]; b: LinkCloseReason[] } = { a: [], b: [] };
	const a = new DataChannelLink(ca, { onClose: (r) => reasons.a.push(r) });
	const b = new DataChannelLink(cb, { onClose: (r) => reasons.b.push(r) });
	ca.open();
	cb.open();
	const got: Uint8Array[] = [];
	b.listen((bytes) => got.push(bytes as Uint8Array));
	return { a, b, ca, cb, reasons, got };
}

describe('DataChannelLink', () => {
	it('sends a frame at the limit in pieces of at most 16 KiB and hands it back whole', async () => {
		const { a, ca, got } = pair();
		const frame = new Uint8Array(MAX_FRAME_BYTES).map((_, i) => (i * 13) & 255);
		a.send(frame);
		a.send(new Uint8Array(0));
		await flush();
		expect(got.map((g) => g.byteLength)).toEqual([MAX_FRAME_BYTES, 0]);
		expect(Buffer.from(got[0]!).equals(Buffer.from(frame))).toBe(true);
		expect(Math.max(...ca.sizes)).toBe(CHUNK_BYTES + 1);
		expect(ca.binaryType).toBe('arraybuffer');
	});

	it('reports the channel’s send buffer, for the sender’s backpressure', () => {
		const { a, ca } = pair();
		ca.bufferedAmount = 123_456;
		expect(a.bufferedAmount()).toBe(123_456);
		a.close();
		expect(a.bufferedAmount()).toBe(0);
	});

	it('refuses a bad flag byte or pieces over the frame limit, and says so', async () => {
		const { ca, b, reasons, got } = pair();
		ca.send(Uint8Array.of(2, 1, 2, 3));
		await flush();
		expect(b.closed).toBe(true);
		expect(reasons.b).toEqual(['refused']);
		// The other end sees the channel close.
		expect(reasons.a).toEqual(['remote']);
		expect(got).toEqual([]);

		const second = pair();
		const piece = new Uint8Array(CHUNK_BYTES + 1).fill(9);
		piece[0] = 1;
		for (let sent = 0; sent <= MAX_FRAME_BYTES; sent += CHUNK_BYTES) second.ca.send(piece);
		await flush();
		expect(second.reasons.b).toEqual(['refused']);
		expect(second.got).toEqual([]);
	});

	it('ends once when closed locally, and refuses to send after', () => {
		const { a, reasons } = pair();
		a.close();
		a.close();
		expect(reasons.a).toEqual(['local']);
		expect(reasons.b).toEqual(['remote']);
		expect(() => a.send(Uint8Array.of(1))).toThrow();
	});
});
