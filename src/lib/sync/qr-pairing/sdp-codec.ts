/**
 * What of a data-channel SDP must travel between two devices, and the SDP rebuilt from it.
 *
 * A complete (non-trickle) SDP of a browser is 560–730 bytes: far too big for a QR code that
 * scans easily across a table. Everything in it but the ICE credentials, the DTLS fingerprint,
 * the DTLS role and the host candidates is the same for every data-channel-only session, so the
 * other side rebuilds it from a template. Only host candidates are kept (there is no STUN/TURN
 * server on a hall's router); a browser hides its LAN address behind an mDNS name
 * (`<uuid>.local`) until the page holds the camera permission, and both forms are kept.
 */
import { fail, type Problem, type Result } from '$lib/result';

export type SetupRole = 'actpass' | 'active' | 'passive';

export type CandidateAddress =
	| { kind: 'ipv4'; address: string }
	| { kind: 'ipv6'; address: string }
	| { kind: 'mdns'; address: string };

export interface HostCandidate {
	address: CandidateAddress;
	port: number;
}

export interface SdpEssentials {
	ufrag: string;
	pwd: string;
	/** SHA-256 DTLS certificate fingerprint, 32 bytes. */
	fingerprint: Uint8Array;
	setup: SetupRole;
	mid: string;
	candidates: HostCandidate[];
}

/** Most candidates kept: a tablet has one LAN address, maybe two (Wi-Fi, IPv4 and IPv6). */
export const MAX_CANDIDATES = 3;
const ICE_CHARS = /^[A-Za-z0-9+/]+$/;
const MDNS = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.local$/i;

export type SdpProblem = 'noDataChannel' | 'noCredentials' | 'noFingerprint' | 'noCandidate';

/** Reads the essentials from a browser's complete local SDP. */
export function parseSdp(sdp: string): Result<SdpEssentials, Problem<SdpProblem>> {
	const lines = sdp.split(/\r?\n/).map((l) => l.trim());
	if (!lines.some((l) => l.startsWith('m=application ') && l.includes('webrtc-datachannel'))) return fail('noDataChannel');
	const value = (prefix: string) => lines.find((l) => l.startsWith(prefix))?.slice(prefix.length).trim();
	const ufrag = value('a=ice-ufrag:');
	const pwd = value('a=ice-pwd:');
	if (!ufrag || !pwd || !ICE_CHARS.test(ufrag) || !ICE_CHARS.test(pwd) || ufrag.length > 64 || pwd.length > 64) {
		return fail('noCredentials');
	}
	const fp = value('a=fingerprint:');
	const fingerprint = fp ? parseFingerprint(fp) : null;
	if (!fingerprint) return fail('noFingerprint');
	const setupText = value('a=setup:');
	const setup: SetupRole = setupText === 'active' || setupText === 'passive' ? setupText : 'actpass';
	const mid = value('a=mid:') ?? '0';
	const candidates: HostCandidate[] = [];
	const seen = new Set<string>();
	for (const line of lines) {
		if (!line.startsWith('a=candidate:')) continue;
		const c = parseCandidate(line.slice(2));
		if (!c) continue;
		const id = `${c.address.address}|${c.port}`;
		if (seen.has(id)) continue;
		seen.add(id);
		candidates.push(c);
	}
	const rank = { ipv4: 0, mdns: 1, ipv6: 2 } as const;
	candidates.sort((a, b) => rank[a.address.kind] - rank[b.address.kind]);
	if (candidates.length === 0) return fail('noCandidate');
	return { ok: true, value: { ufrag, pwd, fingerprint, setup, mid, candidates: candidates.slice(0, MAX_CANDIDATES) } };
}

function parseFingerprint(text: string): Uint8Array | null {
	const [algorithm, hex] = text.split(/\s+/);
	if (algorithm?.toLowerCase() !== 'sha-256' || !hex) return null;
	const parts = hex.split(':');
	if (parts.length !== 32 || !parts.every((p) => /^[0-9A-Fa-f]{2}$/.test(p))) return null;
	return Uint8Array.from(parts.map((p) => parseInt(p, 16)));
}

/** `candidate:…` (the SDP attribute or `RTCIceCandidate.candidate`): a UDP host candidate or null. */
export function parseCandidate(text: string): HostCandidate | null {
	const f = text.replace(/^candidate:/, '').split(/\s+/);
	// foundation component transport priority address port "typ" type ...
	if (f.length < 8 || f[1] !== '1' || f[2]?.toLowerCase() !== 'udp' || f[6] !== 'typ' || f[7] !== 'host') return null;
	const port = Number(f[5]);
	if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
	const address = classifyAddress(f[4] ?? '');
	return address ? { address, port } : null;
}

export function classifyAddress(text: string): CandidateAddress | null {
	if (ipv4Bytes(text)) return { kind: 'ipv4', address: text };
	if (MDNS.test(text)) return { kind: 'mdns', address: text.toLowerCase() };
	const v6 = ipv6Bytes(text);
	return v6 ? { kind: 'ipv6', address: formatIpv6(v6) } : null;
}

export function ipv4Bytes(text: string): Uint8Array | null {
	const parts = text.split('.');
	if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)) return null;
	return Uint8Array.from(parts.map(Number));
}

export function ipv6Bytes(text: string): Uint8Array | null {
	if (!/^[0-9a-fA-F:]+$/.test(text) || text.length > 39) return null;
	const halves = text.split('::');
	if (halves.length > 2) return null;
	const group = (s: string) => (s === '' ? [] : s.split(':'));
	const head = group(halves[0] ?? '');
	const tail = halves.length === 2 ? group(halves[1] ?? '') : [];
	const missing = 8 - head.length - tail.length;
	if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
	const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
	if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return null;
	const out = new Uint8Array(16);
	groups.forEach((g, i) => {
		const v = parseInt(g, 16);
		out[i * 2] = v >> 8;
		out[i * 2 + 1] = v & 255;
	});
	return out;
}

export function formatIpv6(bytes: Uint8Array): string {
	const groups: number[] = [];
	for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
	// Longest run of zero groups (at least two) becomes "::".
	let best = -1;
	let bestLen = 1;
	for (let i = 0; i < 8; ) {
		if (groups[i] !== 0) {
			i++;
			continue;
		}
		let j = i;
		while (j < 8 && groups[j] === 0) j++;
		if (j - i > bestLen) {
			best = i;
			bestLen = j - i;
		}
		i = j;
	}
	const hex = groups.map((g) => g.toString(16));
	if (best < 0) return hex.join(':');
	return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

export function mdnsBytes(name: string): Uint8Array | null {
	if (!MDNS.test(name)) return null;
	const hex = name.slice(0, 36).replace(/-/g, '');
	return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

export function formatMdns(bytes: Uint8Array): string {
	const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}.local`;
}

const fingerprintText = (fp: Uint8Array) => [...fp].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(':');

/** A complete SDP for a data-channel-only session, as the remote's browser would have written it. */
export function buildSdp(e: SdpEssentials, sessionVersion = randomSessionId()): string {
	const candidates = e.candidates.map(
		(c, i) =>
			`a=candidate:${i + 1} 1 udp ${(126 << 24) + ((65535 - i) << 8) + 255} ${c.address.address} ${c.port} typ host generation 0`
	);
	return [
		'v=0',
		`o=- ${sessionVersion} 2 IN IP4 127.0.0.1`,
		's=-',
		't=0 0',
		`a=group:BUNDLE ${e.mid}`,
		'a=msid-semantic: WMS',
		'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
		'c=IN IP4 0.0.0.0',
		...candidates,
		'a=end-of-candidates',
		`a=ice-ufrag:${e.ufrag}`,
		`a=ice-pwd:${e.pwd}`,
		`a=fingerprint:sha-256 ${fingerprintText(e.fingerprint)}`,
		`a=setup:${e.setup}`,
		`a=mid:${e.mid}`,
		'a=sctp-port:5000',
		'a=max-message-size:262144',
		''
	].join('\r\n');
}

function randomSessionId(): string {
	const b = crypto.getRandomValues(new Uint32Array(2));
	return `${(b[0]! % 1_000_000_000) + 1}${String(b[1]! % 1_000_000_000).padStart(9, '0')}`;
}
