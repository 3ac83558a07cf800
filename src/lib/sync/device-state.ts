import { PEER_ROLES, type LocalDevice, type PeerRole } from './sync-types';
import { isValidId } from '../protocol/wire-protocol';
import { SYNC_LIMITS } from '../protocol/sync-limits';

/** Reads `{ device: { id, role, name } }` from an untrusted awareness state; null if invalid. */
export function readDeviceState(state: unknown): LocalDevice | null {
	if (typeof state !== 'object' || state === null) return null;
	const device = (state as { device?: unknown }).device;
	if (typeof device !== 'object' || device === null) return null;
	const { id, role, name } = device as Record<string, unknown>;
	if (typeof id !== 'string' || !isValidId(id)) return null;
	if (typeof role !== 'string' || !(PEER_ROLES as readonly string[]).includes(role)) return null;
	if (typeof name !== 'string' || name.length > SYNC_LIMITS.deviceNameLength) return null;
	return { id, role: role as PeerRole, name };
}
