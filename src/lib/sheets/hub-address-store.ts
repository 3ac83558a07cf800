/**
 * The hub address a facilitator typed for a session, kept on this device (other tabs of the same
 * device, such as the wall display, read it too). Read back like input: an invalid stored value
 * reads as none.
 */
import * as v from 'valibot';
import { getSetting, setSetting } from '$lib/storage';
import { parseHubAddress } from './hub-address';

const settingKey = (sessionId: string) => `session.${sessionId}.hubOrigin`;
const StoredOrigin = v.pipe(
	v.string(),
	v.check((s) => {
		const parsed = parseHubAddress(s);
		return parsed.ok && parsed.value === s;
	})
);

export async function typedHubOrigin(sessionId: string): Promise<string | null> {
	return (await getSetting(settingKey(sessionId), StoredOrigin)) ?? null;
}

/** Stores an origin returned by `parseHubAddress`. */
export async function setTypedHubOrigin(sessionId: string, origin: string): Promise<void> {
	await setSetting(settingKey(sessionId), v.parse(StoredOrigin, origin));
}
