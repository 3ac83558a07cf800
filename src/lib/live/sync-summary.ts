/**
 * What a session screen says about its connections, in one place for the badge and the tablets
 * panel. Pure (no runes, no DOM): the state comes from `SessionSyncEngine`'s status, the hub's outage
 * start from `LiveNetwork.hubUnreachableSince`.
 *
 * The raw sync states mislead people: "connecting…" on amber forever on a tablet that is simply
 * the only one so far, "syncing…" during a hub outage. So: no peer at all is a neutral
 * "only tablet for now"; a hub the transport cannot reach is named, with how long it has been down.
 */
import type { MessageKey, MessageParams } from '$lib/i18n';
import type { PeerInfo, SyncStatus } from '$lib/sync';

/**
 * The device id the venue hub announces in its hello (`HUB_DEVICE` in `src/hub/hub-replica.ts`,
 * Node code the app cannot import; a unit test keeps the two equal).
 */
export const HUB_DEVICE_ID = 'tablee-hub';

/** `hub`: the venue hub; `this-device`: another tab of this same device; `device`: another device. */
export type PeerKind = 'hub' | 'this-device' | 'device';

export function peerKind(peer: Pick<PeerInfo, 'deviceId'>, ownDeviceId: string): PeerKind {
	if (peer.deviceId === HUB_DEVICE_ID) return 'hub';
	return peer.deviceId === ownDeviceId ? 'this-device' : 'device';
}

/**
 * `ok`: up to date; `neutral`: nothing wrong, nobody else yet; `warn`: working on it or degraded;
 * `error`: this device is cut off. `name` is a stable token for styles and tests.
 */
export type SyncTone = 'ok' | 'neutral' | 'warn' | 'error';

export interface SyncSummary {
	name: 'revoked' | 'receiving' | 'hub-down' | 'offline' | 'alone' | 'syncing' | 'caught-up' | 'hub-only';
	tone: SyncTone;
	/** Short words for the badge line. */
	short: MessageKey;
	/** A sentence for the badge's explanation and the tablets panel. */
	long: MessageKey;
	params: MessageParams;
}

export interface SyncSummaryInput {
	status: SyncStatus;
	ownDeviceId: string;
	/** When this device last saw the hub answer, if it has not since (`LiveNetwork`). */
	hubUnreachableSince: number | null;
	now: number;
}

/** Whole minutes since `since` (0 under a minute), never negative. */
export function minutesSince(since: number, now: number): number {
	return Math.max(0, Math.floor((now - since) / 60_000));
}

/**
 * Other screens in the peer list: each other device once (it may be reached by several
 * transports), each other tab of this device, never the hub (a relay, not a screen).
 */
export function otherScreens(peers: readonly Pick<PeerInfo, 'id' | 'deviceId'>[], ownDeviceId: string): number {
	const screens = new Set<string>();
	for (const peer of peers) {
		const kind = peerKind(peer, ownDeviceId);
		if (kind === 'device') screens.add(`device:${peer.deviceId}`);
		else if (kind === 'this-device') screens.add(`tab:${peer.id}`);
	}
	return screens.size;
}

export function syncSummary({ status, ownDeviceId, hubUnreachableSince, now }: SyncSummaryInput): SyncSummary {
	const others = otherScreens(status.peers, ownDeviceId);
	const base = { params: { count: others } };
	if (status.revoked) return { ...base, name: 'revoked', tone: 'error', short: 'live.sync.revoked', long: 'syncui.badge.revoked' };
	if (status.receiving) {
		const percent = Math.min(99, Math.floor((100 * status.receiving.received) / Math.max(1, status.receiving.total)));
		return { name: 'receiving', tone: 'warn', short: 'live.sync.receiving', long: 'syncui.badge.syncing', params: { percent, count: others } };
	}
	// The hub carries the phones: its outage matters whatever the tablets around do.
	if (hubUnreachableSince !== null) {
		const minutes = minutesSince(hubUnreachableSince, now);
		return { name: 'hub-down', tone: 'warn', short: 'live.sync.hubDown', long: 'syncui.badge.hubDown', params: { minutes, count: others } };
	}
	if (status.state === 'offline') return { ...base, name: 'offline', tone: 'neutral', short: 'live.sync.offline', long: 'syncui.badge.offline' };
	if (status.peers.length === 0) return { ...base, name: 'alone', tone: 'neutral', short: 'live.sync.alone', long: 'syncui.badge.alone' };
	if (status.state === 'syncing' || status.state === 'connecting') return { ...base, name: 'syncing', tone: 'warn', short: 'live.sync.syncing', long: 'syncui.badge.syncing' };
	const onlyHub = status.peers.every((p) => p.deviceId === HUB_DEVICE_ID);
	if (onlyHub) return { ...base, name: 'hub-only', tone: 'ok', short: 'live.sync.hubOnly', long: 'syncui.badge.hubOnly' };
	return { ...base, name: 'caught-up', tone: 'ok', short: 'live.sync.caught-up', long: 'syncui.badge.caught-up' };
}
