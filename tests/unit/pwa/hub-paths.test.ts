import { describe, expect, it } from 'vitest';
import { HUB_SERVED_PATHS } from '$lib/pwa/hub-paths';
import { PHONE_PATH, TAKE_HOME_PATH } from '$lib/sync';
import { SIGNALING_PATH, SYNC_PATH } from '../../../src/hub/venue-hub';

const denied = (path: string) => HUB_SERVED_PATHS.some((re) => re.test(path));

describe('paths the service worker leaves to the venue hub', () => {
	it('covers every path the hub serves itself', () => {
		expect(denied(`${TAKE_HOME_PATH}/AAAAAAAAAAAAAAAAAAAAAA`)).toBe(true);
		expect(denied(TAKE_HOME_PATH)).toBe(true);
		expect(denied(SYNC_PATH)).toBe(true);
		expect(denied(SIGNALING_PATH)).toBe(true);
		// Workbox matches the path with its query string.
		expect(denied(`${TAKE_HOME_PATH}/AAAAAAAAAAAAAAAAAAAAAA?utm=wall`)).toBe(true);
		expect(denied(`${SYNC_PATH}?x=1`)).toBe(true);
	});

	it('keeps the app’s own pages in the app, the phone page included', () => {
		for (const path of ['/', PHONE_PATH, '/console', '/take-homes', '/synthesis', '/syncing', '/signalingx', '/sessions', '/wall']) expect(denied(path), path).toBe(false);
	});
});
