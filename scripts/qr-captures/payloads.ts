/**
 * The texts the app really shows as QR codes, built by its own encoders from seeded randomness:
 * a pairing invitation and its answer (`PairingCode.svelte`, level L), a re-link code (level L)
 * and a join link (`JoinInvite.svelte`, level L). SDP essentials come from SDPs captured from
 * Debian's Chromium (tests/fixtures/sdp): mDNS names without the camera permission, raw LAN
 * addresses with it.
 */
import { readFileSync } from 'node:fs';
import * as prng from 'lib0/prng';
import { toBase64UrlEncoded } from 'lib0/buffer';
import { randomId, type RandomSource } from '../../src/lib/storage/storage-random';
import {
	answerProof,
	encodePairingCode,
	encodeRelinkCode,
	parseSdp,
	relinkProof,
	type SdpEssentials
} from '../../src/lib/sync/qr-pairing';
import { buildJoinLink } from '../../src/lib/sync/join-link';

export const CODE_KINDS = ['invitation', 'answer', 'relink', 'join'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];
export type EcLevel = 'L' | 'M' | 'Q' | 'H';

export interface ShownCode {
	kind: CodeKind;
	text: string;
	/** Error-correction level and quiet zone (modules) the app draws this kind with. */
	level: EcLevel;
	margin: number;
}

const SDP_FOLDER = new URL('../../tests/fixtures/sdp/', import.meta.url);

function essentials(name: string): SdpEssentials {
	const parsed = parseSdp(readFileSync(new URL(`${name}.sdp`, SDP_FOLDER), 'utf8'));
	if (!parsed.ok) throw new Error(`${name}.sdp: ${parsed.problem}`);
	return parsed.value;
}

const ICE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A browser's SDP with fresh credentials and certificate fingerprint (as every new link has). */
function freshSdp(gen: prng.PRNG, name: string): SdpEssentials {
	const base = essentials(name);
	const ice = (length: number) => Array.from({ length }, () => prng.oneOf(gen, [...ICE])).join('');
	return { ...base, ufrag: ice(base.ufrag.length), pwd: ice(base.pwd.length), fingerprint: prng.uint8Array(gen, 32) };
}

/** The four codes of one workshop, from `seed`. With `camera`, candidates are raw LAN addresses. */
export function workshopCodes(seed: number, camera = seed % 2 === 0): ShownCode[] {
	const gen = prng.create(seed);
	const random: RandomSource = (bytes) => prng.uint8Array(gen, bytes);
	const sessionId = randomId(random);
	const key = toBase64UrlEncoded(random(16));
	const offerSdp = freshSdp(gen, camera ? 'chromium-camera-offer' : 'chromium-mdns-offer');
	const answerSdp = freshSdp(gen, camera ? 'chromium-camera-answer' : 'chromium-mdns-answer');
	const invitation = encodePairingCode({ kind: 'offer', sessionId, key, role: prng.oneOf(gen, ['station', 'participant'] as const), sdp: offerSdp });
	const answer = encodePairingCode({ kind: 'answer', sessionId, proof: answerProof(sessionId, key, offerSdp, answerSdp), sdp: answerSdp });
	const from = randomId(random);
	const to = randomId(random);
	const nonce = random(8);
	const relinkSdp = { ...offerSdp, setup: 'actpass' as const };
	const relink = encodeRelinkCode({ sessionId, from, to, nonce, sdp: relinkSdp, proof: relinkProof({ sessionId, from, to, nonce, sdp: relinkSdp }, key) });
	const host = `192.168.${prng.int31(gen, 0, 9)}.${prng.int31(gen, 2, 250)}`;
	const join = buildJoinLink(`https://${host}:8443/join`, { sessionId, key, role: 'station', signaling: [`wss://${host}:8443/signaling`] });
	return [
		{ kind: 'invitation', text: invitation, level: 'L', margin: 4 },
		{ kind: 'answer', text: answer, level: 'L', margin: 4 },
		{ kind: 'relink', text: relink, level: 'L', margin: 4 },
		{ kind: 'join', text: join, level: 'L', margin: 2 }
	];
}
