/**
 * Signaling through the mesh: each tablet needs one QR pairing, then meets the others through
 * the links it has. Every link carries a second data channel for small JSON messages:
 *
 *   hello  { t: 'hello', d: deviceId, k: keyTag (hex), n: [device ids this tablet is linked to], nm: name }
 *   signal { t: 'sig', f: from, to, n: nonce, kind: 'offer' | 'answer', sdp }
 *
 * A tablet that hears from a neighbour N that N is linked to a device Y it has no link with
 * negotiates a direct link with Y, the complete SDPs travelling through N (one relay hop; a
 * longer chain closes up step by step). Only the tablet with the smaller device id makes the
 * offer, so two tablets never offer to each other at once. A failed attempt waits
 * `RETRY_MS` before the next, so a tablet that lost one link but kept another re-links without
 * a new scan. Messages are untrusted: a hello whose key tag is not this session's is ignored,
 * a relay is done only for the neighbour's own messages, and only to a direct neighbour.
 * A neighbour's valid hello also records it in `known-peers.ts` (id, name, the fingerprint of
 * its DTLS certificate from the link's remote SDP) for a later one-scan re-link.
 */
import { toHexString } from 'lib0/buffer';
import { keyTag } from '../session-key';
import { isValidId } from '../../protocol/wire-protocol';
import { PeerLink, type PeerLinkOptions } from './peer-link';
import { rememberPeer } from './known-peers';
import { parseSdp } from './sdp-codec';
import { iceGathered } from './ice-gathering';

export const MESH_TIMEOUTS = { gatherMs: 5_000, connectMs: 20_000, retryMs: 10_000 };
const MAX_NEIGHBOURS = 64;
const MAX_SDP = 12 * 1024;

interface Neighbour {
	device: string | null;
	linked: string[];
	off: () => void;
}

interface Attempt {
	link: PeerLink;
	nonce: string;
}

export interface MeshOptions {
	sessionId: string;
	deviceId: string;
	/** Name shown to the other tablets (in the hello). */
	deviceName?: string;
	key: string;
	/** A new link opened through the mesh (to add to the registry). */
	onLink: (link: PeerLink) => void;
	RTCPeerConnection?: PeerLinkOptions['RTCPeerConnection'];
	now?: () => number;
}

type Hello = { t: 'hello'; d: string; k: string; n: string[]; nm?: string };
type Signal = { t: 'sig'; f: string; to: string; n: string; kind: 'offer' | 'answer'; sdp: string };

function readMessage(m: unknown): Hello | Signal | null {
	if (typeof m !== 'object' || m === null) return null;
	const o = m as Record<string, unknown>;
	if (o.t === 'hello') {
		if (typeof o.d !== 'string' || !isValidId(o.d) || typeof o.k !== 'string' || !Array.isArray(o.n)) return null;
		const n = o.n.filter((x): x is string => typeof x === 'string' && isValidId(x)).slice(0, MAX_NEIGHBOURS);
		const nm = typeof o.nm === 'string' ? o.nm.slice(0, 64) : undefined;
		return { t: 'hello', d: o.d, k: o.k, n, nm };
	}
	if (o.t === 'sig') {
		const ok =
			typeof o.f === 'string' && isValidId(o.f) && typeof o.to === 'string' && isValidId(o.to) &&
			typeof o.n === 'string' && isValidId(o.n) && (o.kind === 'offer' || o.kind === 'answer') &&
			typeof o.sdp === 'string' && o.sdp.length <= MAX_SDP && o.sdp.includes('webrtc-datachannel');
		return ok ? (o as unknown as Signal) : null;
	}
	return null;
}

export class QrMesh {
	#o: MeshOptions;
	#tag: string;
	#neighbours = new Map<PeerLink, Neighbour>();
	#attempts = new Map<string, Attempt>();
	#lastTry = new Map<string, number>();
	#destroyed = false;
	#timer: ReturnType<typeof setInterval>;

	constructor(options: MeshOptions) {
		this.#o = options;
		this.#tag = toHexString(keyTag(options.sessionId, options.key));
		// Hellos are repeated so that a missed one, or a link that died meanwhile, is caught up.
		this.#timer = setInterval(() => {
			this.#helloAll();
			for (const link of this.#neighbours.keys()) this.#consider(link);
		}, MESH_TIMEOUTS.retryMs);
	}

	/** The session's open links changed. */
	update(links: readonly PeerLink[]): void {
		if (this.#destroyed) return;
		const live = new Set(links);
		for (const [link, n] of this.#neighbours) {
			if (live.has(link)) continue;
			n.off();
			this.#neighbours.delete(link);
		}
		for (const link of live) {
			if (this.#neighbours.has(link)) continue;
			const offMessage = link.onMesh((m) => this.#receive(link, m));
			const onOpen = () => this.#sayHello(link);
			link.on('meshOpen', onOpen);
			this.#neighbours.set(link, { device: link.remoteDevice, linked: [], off: () => (offMessage(), link.off('meshOpen', onOpen)) });
		}
		this.#helloAll();
		for (const link of this.#neighbours.keys()) this.#consider(link);
	}

	destroy(): void {
		this.#destroyed = true;
		clearInterval(this.#timer);
		for (const n of this.#neighbours.values()) n.off();
		this.#neighbours.clear();
		for (const a of this.#attempts.values()) if (a.link.state !== 'open') a.link.close();
		this.#attempts.clear();
	}

	#linkedDevices(): string[] {
		return [...new Set([...this.#neighbours.values()].map((n) => n.device).filter((d): d is string => d !== null))];
	}

	#helloAll(): void {
		for (const link of this.#neighbours.keys()) this.#sayHello(link);
	}

	#sayHello(link: PeerLink): void {
		link.sendMesh({ t: 'hello', d: this.#o.deviceId, k: this.#tag, n: this.#linkedDevices(), nm: this.#o.deviceName } satisfies Hello);
	}

	#receive(link: PeerLink, raw: unknown): void {
		const n = this.#neighbours.get(link);
		const m = readMessage(raw);
		if (!n || !m || this.#destroyed) return;
		if (m.t === 'hello') {
			if (m.k !== this.#tag || m.d === this.#o.deviceId) return;
			const isNew = n.device !== m.d;
			if (isNew) {
				// One link per device: an older one to the same device is stale (it reloaded).
				for (const [other, x] of this.#neighbours) if (other !== link && x.device === m.d) other.close();
			}
			n.device = m.d;
			link.remoteDevice = m.d;
			n.linked = m.n;
			this.#remember(link, m);
			if (isNew) this.#helloAll();
			this.#consider(link);
			return;
		}
		if (n.device === null) return;
		if (m.to !== this.#o.deviceId) {
			// Relay one hop, only the neighbour's own messages, only to a direct neighbour.
			if (m.f !== n.device) return;
			for (const [target, x] of this.#neighbours) if (x.device === m.to) target.sendMesh(m);
			return;
		}
		if (m.kind === 'offer') void this.#answer(link, m);
		else void this.#onAnswer(m);
	}

	#remember(link: PeerLink, hello: Hello): void {
		const remote = link.pc.remoteDescription?.sdp;
		const parsed = remote ? parseSdp(remote) : null;
		// An answer set for a re-link has no candidate: only the fingerprint matters here.
		const fingerprint = parsed?.ok ? parsed.value.fingerprint : remote ? fingerprintOf(remote) : null;
		if (fingerprint) rememberPeer(this.#o.sessionId, { deviceId: hello.d, name: hello.nm ?? '', fingerprint });
	}

	#hasLink(device: string): boolean {
		return [...this.#neighbours.values()].some((x) => x.device === device);
	}

	#consider(via: PeerLink): void {
		const n = this.#neighbours.get(via);
		if (!n) return;
		const now = (this.#o.now ?? Date.now)();
		for (const device of n.linked) {
			if (device === this.#o.deviceId || this.#o.deviceId > device) continue;
			if (this.#hasLink(device) || this.#attempts.has(device)) continue;
			if (now - (this.#lastTry.get(device) ?? -Infinity) < MESH_TIMEOUTS.retryMs) continue;
			this.#lastTry.set(device, now);
			void this.#offer(via, device);
		}
	}

	async #offer(via: PeerLink, device: string): Promise<void> {
		const link = new PeerLink({ sessionId: this.#o.sessionId, RTCPeerConnection: this.#o.RTCPeerConnection });
		const nonce = Math.random().toString(36).slice(2, 12);
		this.#attempts.set(device, { link, nonce });
		try {
			await link.pc.setLocalDescription(await link.pc.createOffer());
			const sdp = await completeSdp(link);
			if (this.#destroyed || this.#attempts.get(device)?.link !== link) throw new Error('gone');
			if (!sdp || !via.sendMesh({ t: 'sig', f: this.#o.deviceId, to: device, n: nonce, kind: 'offer', sdp } satisfies Signal)) throw new Error('not sent');
			await this.#finish(device, link);
		} catch {
			this.#fail(device, link);
		}
	}

	async #onAnswer(m: Signal): Promise<void> {
		const attempt = this.#attempts.get(m.f);
		if (!attempt || attempt.nonce !== m.n || attempt.link.pc.signalingState !== 'have-local-offer') return;
		try {
			await attempt.link.pc.setRemoteDescription({ type: 'answer', sdp: m.sdp });
		} catch {
			this.#fail(m.f, attempt.link);
		}
	}

	async #answer(via: PeerLink, m: Signal): Promise<void> {
		if (m.f >= this.#o.deviceId) return;
		const previous = this.#attempts.get(m.f);
		if (previous?.nonce === m.n) return;
		// The other tablet has one attempt at a time: a new offer replaces an unanswered one.
		if (previous) this.#fail(m.f, previous.link);
		// The other tablet offers only when it has no link with this one: a link still listed
		// here is stale (the other side reloaded), so it gives way to the new one.
		for (const [stale, x] of this.#neighbours) if (x.device === m.f) stale.close();
		const link = new PeerLink({ sessionId: this.#o.sessionId, RTCPeerConnection: this.#o.RTCPeerConnection });
		this.#attempts.set(m.f, { link, nonce: m.n });
		try {
			await link.pc.setRemoteDescription({ type: 'offer', sdp: m.sdp });
			await link.pc.setLocalDescription(await link.pc.createAnswer());
			const sdp = await completeSdp(link);
			if (this.#destroyed || this.#attempts.get(m.f)?.link !== link) throw new Error('gone');
			if (!sdp || !via.sendMesh({ t: 'sig', f: this.#o.deviceId, to: m.f, n: m.n, kind: 'answer', sdp } satisfies Signal)) throw new Error('not sent');
			await this.#finish(m.f, link);
		} catch {
			this.#fail(m.f, link);
		}
	}

	async #finish(device: string, link: PeerLink): Promise<void> {
		const open = await link.whenOpen(MESH_TIMEOUTS.connectMs);
		if (this.#attempts.get(device)?.link === link) this.#attempts.delete(device);
		if (!open || this.#destroyed) {
			link.close();
			return;
		}
		link.remoteDevice = device;
		this.#o.onLink(link);
	}

	#fail(device: string, link: PeerLink): void {
		link.close();
		if (this.#attempts.get(device)?.link === link) this.#attempts.delete(device);
	}
}

/** The local description once ICE gathering finished (or the timeout passed). */
async function completeSdp(link: PeerLink): Promise<string | null> {
	const pc = link.pc;
	await iceGathered(pc, MESH_TIMEOUTS.gatherMs);
	return pc.localDescription?.sdp ?? null;
}

function fingerprintOf(sdp: string): Uint8Array | null {
	const hex = /^a=fingerprint:sha-256 ([0-9A-Fa-f:]{95})\s*$/m.exec(sdp)?.[1];
	return hex ? Uint8Array.from(hex.split(':').map((p) => parseInt(p, 16))) : null;
}
