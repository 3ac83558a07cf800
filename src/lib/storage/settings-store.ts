/** Device settings (`settings` table): the device id, its display name, and small preferences. */
import * as v from 'valibot';
import { database } from './storage-db';
import { guarded, StorageError } from './storage-errors';
import { cryptoRandom, idPattern, randomId, type RandomSource } from './storage-random';

/** Reads a setting; a missing or invalid value gives `undefined`. */
export async function getSetting<S extends v.GenericSchema>(key: string, schema: S): Promise<v.InferOutput<S> | undefined> {
	const row = await guarded('read', () => database().settings.get(key));
	if (!row) return undefined;
	const parsed = v.safeParse(schema, row.value);
	return parsed.success ? parsed.output : undefined;
}

export async function setSetting(key: string, value: unknown): Promise<void> {
	await guarded('write', () => database().settings.put({ key, value }));
}

const DeviceId = v.pipe(v.string(), v.regex(idPattern));
const DeviceName = v.pipe(v.string(), v.trim(), v.maxLength(64));

/**
 * This device's stable random id, created on first call and persisted. It identifies the device
 * to peers and in the contributions it writes; it carries no personal information.
 */
export async function deviceId(random: RandomSource = cryptoRandom): Promise<string> {
	const db = database();
	return guarded('write', () =>
		db.transaction('rw', db.settings, async () => {
			const row = await db.settings.get('deviceId');
			const parsed = v.safeParse(DeviceId, row?.value);
			if (parsed.success) return parsed.output;
			const id = randomId(random);
			await db.settings.put({ key: 'deviceId', value: id });
			return id;
		})
	);
}

/** The name this device shows to peers ("Station 3"); empty when never set. */
export async function deviceName(): Promise<string> {
	return (await getSetting('deviceName', DeviceName)) ?? '';
}

export async function setDeviceName(name: string): Promise<void> {
	const parsed = v.safeParse(DeviceName, name);
	if (!parsed.success) throw new StorageError('invalidInput', { params: { field: 'deviceName' } });
	await setSetting('deviceName', parsed.output);
}


/** Settings key of this device's anonymous author id in a session. */
export function authorIdKey(sessionId: string): string {
	return `session.${sessionId}.authorId`;
}

/**
 * This device's anonymous author id in a session: random, created on first call, stable across
 * reloads, different for every session (so contributions cannot be linked across workshops).
 */
export async function sessionAuthorId(sessionId: string, random: RandomSource = cryptoRandom): Promise<string> {
	const db = database();
	const key = authorIdKey(sessionId);
	// Read first: every session open asks, and a read-write transaction on `settings` would hold
	// up the open's other settings reads; only the first call for a session writes.
	const stored = v.safeParse(DeviceId, (await guarded('read', () => db.settings.get(key)))?.value);
	if (stored.success) return stored.output;
	return guarded('write', () =>
		db.transaction('rw', db.settings, async () => {
			const parsed = v.safeParse(DeviceId, (await db.settings.get(key))?.value);
			if (parsed.success) return parsed.output;
			const id = randomId(random);
			await db.settings.put({ key, value: id });
			return id;
		})
	);
}
