/**
 * Binary frames exchanged by the frame transports (same-device tabs, direct links, and later
 * QR-paired and hub links). A frame names its sender and recipient so that one broadcast medium
 * (a BroadcastChannel) can carry several point-to-point conversations.
 *
 *   frame   = version:varUint from:varString to:varString type:varUint body
 *   hello   = keyTag:varUint8Array(8) deviceId:varString role:varString name:varString wantReply:uint8
 *   sync    = y-protocols sync message (subtype:varUint payload:varUint8Array)
 *   awareness = varUint8Array (y-protocols awareness update)
 *   bye     = (empty)
 *   kit-request     = hash:varString (64 hex digits: the kit's content hash, `hashKitFiles`)
 *   kit-chunk       = hash:varString index:varUint total:varUint size:varUint bytes:varUint8Array
 *                     (chunk `index` of `total` of a kit zip of `size` bytes; every chunk but the
 *                     last holds exactly `KIT_TRANSFER_LIMITS.chunkBytes`)
 *   kit-unavailable = hash:varString (the answer of a peer that will not send that kit)
 *   state   = stateVector:varUint8Array (everything the sender holds now; no answer expected)
 *   part    = stream:varUint kind:varUint index:varUint total:varUint size:varUint bytes:varUint8Array
 *             (part `index` of `total` of a payload of `size` bytes too large for one frame: a
 *             sync-step2 (kind 0) or an update (kind 1); every part but the last holds exactly
 *             `SYNC_LIMITS.partBytes`, and `size` is at most `SYNC_LIMITS.documentBytes`)
 *
 * `parseFrame` never throws: anything that is not exactly one well-formed frame within the size
 * limits returns null.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { toBase64UrlEncoded } from 'lib0/buffer';
import { KIT_TRANSFER_LIMITS, SYNC_LIMITS } from './sync-limits';

/** What a device says it is in its hello. */
export const PEER_ROLES = ['facilitator', 'station', 'participant'] as const;
export type PeerRole = (typeof PEER_ROLES)[number];

/** 2: state and part frames (payloads of any size, state-vector evidence for "up to date"). */
export const WIRE_VERSION = 2;
const T_HELLO = 0;
const T_SYNC = 1;
const T_AWARENESS = 2;
const T_BYE = 3;
const T_KIT_REQUEST = 4;
const T_KIT_CHUNK = 5;
const T_KIT_UNAVAILABLE = 6;
const T_STATE = 7;
const T_PART = 8;
const PART_KINDS = ['sync-step2', 'update'] as const;
export type PartKind = (typeof PART_KINDS)[number];
// Sync subtypes, as in y-protocols/sync.
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

export interface HelloBody {
	keyTag: Uint8Array;
	deviceId: string;
	role: PeerRole;
	name: string;
	wantReply: boolean;
}

export type FrameBody =
	| ({ type: 'hello' } & HelloBody)
	| { type: 'sync-step1'; stateVector: Uint8Array }
	| { type: 'sync-step2'; update: Uint8Array }
	| { type: 'update'; update: Uint8Array }
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'bye' }
	| { type: 'kit-request'; hash: string }
	| ({ type: 'kit-chunk' } & KitChunkBody)
	| { type: 'kit-unavailable'; hash: string }
	| { type: 'state'; stateVector: Uint8Array }
	| ({ type: 'part' } & PartBody);

/** One piece of a payload too large for one frame (`stream-parts.ts`). */
export interface PartBody {
	/** Chosen by the sender; a new id from the same sender abandons its previous stream. */
	stream: number;
	kind: PartKind;
	index: number;
	total: number;
	/** Size of the whole payload in bytes. */
	size: number;
	bytes: Uint8Array;
}

/** The frame type number of `part` frames (for `peekIsPart`). */
export function isPartFrameType(type: number): boolean {
	return type === T_PART;
}

/** Number of parts a payload of `size` bytes travels in. */
export function partCount(size: number): number {
	return Math.max(1, Math.ceil(size / SYNC_LIMITS.partBytes));
}

export interface KitChunkBody {
	hash: string;
	index: number;
	total: number;
	/** Size of the whole zip in bytes. */
	size: number;
	bytes: Uint8Array;
}

/** The kit frames, which only the kit exchange (`kit-exchange.ts`) handles. */
export type KitFrameBody = Extract<FrameBody, { type: 'kit-request' | 'kit-chunk' | 'kit-unavailable' }>;

const kitHashPattern = /^[0-9a-f]{64}$/;

/** A kit content hash as `hashKitFiles` writes it: 64 lowercase hex digits. */
export function isKitHash(value: unknown): value is string {
	return typeof value === 'string' && kitHashPattern.test(value);
}

/** Number of chunks a zip of `size` bytes travels in. */
export function kitChunkCount(size: number): number {
	return Math.max(1, Math.ceil(size / KIT_TRANSFER_LIMITS.chunkBytes));
}

export type Frame = FrameBody & { from: string; to: string };

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidId(value: string): boolean {
	return idPattern.test(value);
}

export function encodeFrame(from: string, to: string, body: FrameBody): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, WIRE_VERSION);
	encoding.writeVarString(e, from);
	encoding.writeVarString(e, to);
	switch (body.type) {
		case 'hello':
			encoding.writeVarUint(e, T_HELLO);
			encoding.writeVarUint8Array(e, body.keyTag);
			encoding.writeVarString(e, body.deviceId);
			encoding.writeVarString(e, body.role);
			encoding.writeVarString(e, body.name);
			encoding.writeUint8(e, body.wantReply ? 1 : 0);
			break;
		case 'sync-step1':
		case 'sync-step2':
		case 'update': {
			encoding.writeVarUint(e, T_SYNC);
			const sub = body.type === 'sync-step1' ? SYNC_STEP1 : body.type === 'sync-step2' ? SYNC_STEP2 : SYNC_UPDATE;
			encoding.writeVarUint(e, sub);
			encoding.writeVarUint8Array(e, body.type === 'sync-step1' ? body.stateVector : body.update);
			break;
		}
		case 'awareness':
			encoding.writeVarUint(e, T_AWARENESS);
			encoding.writeVarUint8Array(e, body.update);
			break;
		case 'bye':
			encoding.writeVarUint(e, T_BYE);
			break;
		case 'kit-request':
		case 'kit-unavailable':
			encoding.writeVarUint(e, body.type === 'kit-request' ? T_KIT_REQUEST : T_KIT_UNAVAILABLE);
			encoding.writeVarString(e, body.hash);
			break;
		case 'state':
			encoding.writeVarUint(e, T_STATE);
			encoding.writeVarUint8Array(e, body.stateVector);
			break;
		case 'part':
			encoding.writeVarUint(e, T_PART);
			encoding.writeVarUint(e, body.stream);
			encoding.writeVarUint(e, PART_KINDS.indexOf(body.kind));
			encoding.writeVarUint(e, body.index);
			encoding.writeVarUint(e, body.total);
			encoding.writeVarUint(e, body.size);
			encoding.writeVarUint8Array(e, body.bytes);
			break;
		case 'kit-chunk':
			encoding.writeVarUint(e, T_KIT_CHUNK);
			encoding.writeVarString(e, body.hash);
			encoding.writeVarUint(e, body.index);
			encoding.writeVarUint(e, body.total);
			encoding.writeVarUint(e, body.size);
			encoding.writeVarUint8Array(e, body.bytes);
			break;
	}
	return encoding.toUint8Array(e);
}

/** Reads one frame; null when the bytes are not exactly one valid frame. */
export function parseFrame(bytes: unknown, maxBytes: number = SYNC_LIMITS.messageBytes): Frame | null {
	if (!(bytes instanceof Uint8Array) || bytes.byteLength > maxBytes || bytes.byteLength < 4) return null;
	try {
		const d = decoding.createDecoder(bytes);
		if (decoding.readVarUint(d) !== WIRE_VERSION) return null;
		const from = decoding.readVarString(d);
		const to = decoding.readVarString(d);
		if (!isValidId(from) || (to !== '' && !isValidId(to))) return null;
		const body = readBody(d);
		if (body === null || decoding.hasContent(d)) return null;
		return { ...body, from, to };
	} catch {
		return null;
	}
}

function readBody(d: decoding.Decoder): FrameBody | null {
	const type = decoding.readVarUint(d);
	switch (type) {
		case T_HELLO: {
			const keyTag = decoding.readVarUint8Array(d);
			const deviceId = decoding.readVarString(d);
			const role = decoding.readVarString(d);
			const name = decoding.readVarString(d);
			const flag = decoding.readUint8(d);
			if (keyTag.byteLength !== 8 || !isValidId(deviceId)) return null;
			if (!(PEER_ROLES as readonly string[]).includes(role)) return null;
			if (name.length > SYNC_LIMITS.deviceNameLength || flag > 1) return null;
			return { type: 'hello', keyTag, deviceId, role: role as PeerRole, name, wantReply: flag === 1 };
		}
		case T_SYNC: {
			const sub = decoding.readVarUint(d);
			const payload = decoding.readVarUint8Array(d);
			if (sub === SYNC_STEP1) return { type: 'sync-step1', stateVector: payload };
			if (sub === SYNC_STEP2) return { type: 'sync-step2', update: payload };
			if (sub === SYNC_UPDATE) return { type: 'update', update: payload };
			return null;
		}
		case T_AWARENESS: {
			const update = decoding.readVarUint8Array(d);
			return update.byteLength <= SYNC_LIMITS.awarenessBytes ? { type: 'awareness', update } : null;
		}
		case T_BYE:
			return { type: 'bye' };
		case T_KIT_REQUEST:
		case T_KIT_UNAVAILABLE: {
			const hash = decoding.readVarString(d);
			if (!isKitHash(hash)) return null;
			return { type: type === T_KIT_REQUEST ? 'kit-request' : 'kit-unavailable', hash };
		}
		case T_KIT_CHUNK:
			return readKitChunk(d);
		case T_STATE:
			return { type: 'state', stateVector: decoding.readVarUint8Array(d) };
		case T_PART:
			return readPart(d);
		default:
			return null;
	}
}

/** A chunk is refused unless it is exactly where it claims to be in a zip within the kit limits. */
function readKitChunk(d: decoding.Decoder): FrameBody | null {
	const hash = decoding.readVarString(d);
	const index = decoding.readVarUint(d);
	const total = decoding.readVarUint(d);
	const size = decoding.readVarUint(d);
	if (!isKitHash(hash) || size < 1 || size > KIT_TRANSFER_LIMITS.zipBytes) return null;
	if (total !== kitChunkCount(size) || index >= total) return null;
	const bytes = decoding.readVarUint8Array(d);
	const { chunkBytes } = KIT_TRANSFER_LIMITS;
	const expected = index < total - 1 ? chunkBytes : size - chunkBytes * (total - 1);
	if (bytes.byteLength !== expected) return null;
	return { type: 'kit-chunk', hash, index, total, size, bytes };
}

/** A part is refused unless it is exactly where it claims to be in a payload within the limits. */
function readPart(d: decoding.Decoder): FrameBody | null {
	const stream = decoding.readVarUint(d);
	const kind = PART_KINDS[decoding.readVarUint(d)];
	const index = decoding.readVarUint(d);
	const total = decoding.readVarUint(d);
	const size = decoding.readVarUint(d);
	if (kind === undefined || stream > 0xffffffff || size < 1 || size > SYNC_LIMITS.documentBytes) return null;
	if (total !== partCount(size) || index >= total) return null;
	const bytes = decoding.readVarUint8Array(d);
	const { partBytes } = SYNC_LIMITS;
	const expected = index < total - 1 ? partBytes : size - partBytes * (total - 1);
	if (bytes.byteLength !== expected) return null;
	return { type: 'part', stream, kind, index, total, size, bytes };
}

/** A fresh transport-level id for one endpoint (a tab, a hub connection): 96 random bits. */
export function randomEndpointId(): string {
	return toBase64UrlEncoded(crypto.getRandomValues(new Uint8Array(12)));
}
