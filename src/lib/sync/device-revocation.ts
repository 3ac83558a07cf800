/**
 * Revoked devices, kept in the session doc itself under the root map `syncRevokedDevices`
 * (deviceId -> { at, by }), so the list survives restarts and reaches every device with the
 * rest of the session. The sync layer owns this one root name; the session model never reads it.
 *
 * What revocation does: every device refuses hellos from a revoked device id and hides it from
 * its peer list; a revoked device that learns of its own revocation stops syncing (its own
 * contributions stay on it, nothing is deleted). What it cannot do: device ids are self-declared
 * and anyone holding the key can write to the doc (Yjs threat model), so revocation alone does
 * not stop a device that lies. The cut that holds is key rotation: revoke, then rotate the key
 * (`SessionSyncEngine.rotateKey`) and re-pair the remaining devices with a new join link. The new key
 * is never written into the doc, so a revoked device cannot learn it by syncing.
 */
import * as Y from 'yjs';
import { isValidId } from '../protocol/wire-protocol';

export const REVOKED_DEVICES_ROOT = 'syncRevokedDevices';

export interface Revocation {
	deviceId: string;
	at: number;
	by: string;
}

function revokedMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(REVOKED_DEVICES_ROOT);
}

/** Valid entries only: the map is synced and therefore untrusted. */
export function listRevokedDevices(doc: Y.Doc): Revocation[] {
	const out: Revocation[] = [];
	revokedMap(doc).forEach((value, deviceId) => {
		if (!isValidId(deviceId) || typeof value !== 'object' || value === null) return;
		const { at, by } = value as Record<string, unknown>;
		if (typeof at === 'number' && Number.isFinite(at) && typeof by === 'string' && isValidId(by)) {
			out.push({ deviceId, at, by });
		}
	});
	return out.sort((a, b) => a.at - b.at || a.deviceId.localeCompare(b.deviceId));
}

export function isDeviceRevoked(doc: Y.Doc, deviceId: string): boolean {
	return listRevokedDevices(doc).some((r) => r.deviceId === deviceId);
}

/** Adds `deviceId` to the list (idempotent: the first revocation is kept). */
export function revokeDevice(doc: Y.Doc, deviceId: string, by: string, at: number = Date.now()): void {
	if (!isValidId(deviceId) || !isValidId(by)) throw new RangeError('invalid device id');
	const map = revokedMap(doc);
	if (isDeviceRevoked(doc, deviceId)) return;
	map.set(deviceId, { at, by });
}

/** Calls `onChange` whenever the list changes (local or remote); returns the unsubscribe. */
export function observeRevokedDevices(doc: Y.Doc, onChange: (inTransaction: true) => void): () => void {
	const map = revokedMap(doc);
	const handler = () => onChange(true);
	map.observe(handler);
	return () => map.unobserve(handler);
}
