import { describe, expect, it } from 'vitest';
import { translate } from '$lib/i18n';
import { HUB_DEVICE_ID, otherScreens, peerKind, syncSummary } from '$lib/live/sync-summary';
import type { PeerInfo, SyncStatus } from '$lib/sync';
import { HUB_DEVICE } from '../../../src/hub/hub-replica';

const ME = 'device-me';
const peer = (deviceId: string, over: Partial<PeerInfo> = {}): PeerInfo => ({
	id: `${deviceId}-${over.transport ?? 'webrtc'}`,
	deviceId,
	role: 'station',
	deviceName: '',
	transport: 'webrtc',
	synced: true,
	...over
});
const status = (over: Partial<SyncStatus> = {}): SyncStatus => ({
	state: 'connecting',
	peers: [],
	lastExchange: null,
	transports: [],
	revoked: false,
	receiving: null,
	...over
});
const say = (s: ReturnType<typeof syncSummary>) => translate('fr-CA', s.short, s.params);

describe('what a session screen says about its connections', () => {
	it('knows the hub by the id the hub announces', () => {
		expect(HUB_DEVICE_ID).toBe(HUB_DEVICE.id);
		expect(peerKind({ deviceId: HUB_DEVICE.id }, ME)).toBe('hub');
		expect(peerKind({ deviceId: ME }, ME)).toBe('this-device');
		expect(peerKind({ deviceId: 'other' }, ME)).toBe('device');
	});

	it('says "only tablet for now", neutrally, when nobody else is connected', () => {
		const s = syncSummary({ status: status(), ownDeviceId: ME, hubUnreachableSince: null, now: 0 });
		expect(s).toMatchObject({ name: 'alone', tone: 'neutral' });
		expect(say(s)).toBe('Seule tablette pour l’instant');
	});

	it('names a hub outage and how long it has lasted, whatever the tablets around do', () => {
		const since = 1_000_000;
		const withTablet = status({ state: 'caught-up', peers: [peer('tablet-b')] });
		const at = (ms: number) => syncSummary({ status: withTablet, ownDeviceId: ME, hubUnreachableSince: since, now: since + ms });
		expect(at(0)).toMatchObject({ name: 'hub-down', tone: 'warn' });
		expect(say(at(30_000))).toBe('Boîtier de la salle injoignable depuis moins d’une minute');
		expect(say(at(60_000))).toBe('Boîtier de la salle injoignable depuis 1 min');
		expect(say(at(2 * 60_000 + 5_000))).toBe('Boîtier de la salle injoignable depuis 2 min');
		expect(translate('en', at(2 * 60_000).short, at(2 * 60_000).params)).toBe('Venue hub unreachable for 2 min');
		expect(translate('fr-CA', at(2 * 60_000).long, at(2 * 60_000).params)).toContain('depuis 2 min');
	});

	it('keeps the other states, and says when the hub is the only peer', () => {
		const summary = (s: SyncStatus) => syncSummary({ status: s, ownDeviceId: ME, hubUnreachableSince: null, now: 0 }).name;
		expect(summary(status({ state: 'offline' }))).toBe('offline');
		expect(summary(status({ state: 'syncing', peers: [peer('b', { synced: false })] }))).toBe('syncing');
		expect(summary(status({ state: 'caught-up', peers: [peer('b')] }))).toBe('caught-up');
		expect(summary(status({ state: 'caught-up', peers: [peer(HUB_DEVICE_ID, { transport: 'hub' })] }))).toBe('hub-only');
		expect(summary(status({ revoked: true, state: 'offline' }))).toBe('revoked');
		expect(summary(status({ state: 'syncing', peers: [peer('b')], receiving: { received: 5, total: 10 } }))).toBe('receiving');
	});

	it('counts other screens: each device once, each own tab, never the hub', () => {
		const peers = [peer('b'), peer('b', { transport: 'qr' }), peer(ME, { id: 'tab-1', transport: 'broadcast-channel' }), peer(ME, { id: 'tab-2', transport: 'broadcast-channel' }), peer(HUB_DEVICE_ID, { transport: 'hub' })];
		expect(otherScreens(peers, ME)).toBe(3);
	});
});
