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
 *
 * `parseFrame` never throws: anything that is not exactly one well-formed frame within the size
 * limits returns null.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { PEER_ROLES, type PeerRole } from './sync-types';
import { SYNC_LIMITS } from './sync-limits';

export const WIRE_VERSION = 1;
const T_HELLO = 0;
const T_SYNC = 1;
const T_AWARENESS = 2;
const T_BYE = 3;
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
	| { type: 'bye' };

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
		default:
			return null;
	}
}
