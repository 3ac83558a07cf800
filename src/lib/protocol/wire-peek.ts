import * as decoding from 'lib0/decoding';
import { WIRE_VERSION, isValidId, isPartFrameType } from './wire-protocol';

/**
 * Best-effort read of the sender id at the head of a frame that failed validation, so the
 * sender can be blocked. Returns null when even the header is unreadable.
 */
export function peekSender(bytes: unknown): string | null {
	if (!(bytes instanceof Uint8Array)) return null;
	try {
		const d = decoding.createDecoder(bytes.subarray(0, 256));
		if (decoding.readVarUint(d) !== WIRE_VERSION) return null;
		const from = decoding.readVarString(d);
		return isValidId(from) ? from : null;
	} catch {
		return null;
	}
}

/** True when `bytes` starts like a `part` frame (header only: the frame itself is checked later). */
export function peekIsPart(bytes: Uint8Array): boolean {
	try {
		const d = decoding.createDecoder(bytes.subarray(0, 256));
		if (decoding.readVarUint(d) !== WIRE_VERSION) return false;
		decoding.readVarString(d);
		decoding.readVarString(d);
		return isPartFrameType(decoding.readVarUint(d));
	} catch {
		return false;
	}
}
