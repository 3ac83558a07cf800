/**
 * Which notes the console's "arrived elsewhere" feed lists: phones and station tablets write into
 * their station's activity, which is often not the one the console shows, so without this the
 * facilitator saw nothing of them but a count in the agenda. Pure: no runes, no DOM.
 */
import type { Contribution } from '$lib/session';

export interface IncomingOptions {
	/** The activity the console shows (its board lists these notes already), or null. */
	currentActivityId: string | null;
	/** This device's notes are not "incoming". */
	ownDeviceId: string;
	limit: number;
}

export interface IncomingPage<T> {
	/** Newest first. */
	notes: T[];
	/** Notes that would be listed past `limit`. */
	more: number;
}

/** The newest notes written on other devices in other activities (deleted ones left out). */
export function incomingNotes<T extends Pick<Contribution, 'activityId' | 'deviceId' | 'createdAt' | 'deleted' | 'id'>>(
	notes: readonly T[],
	{ currentActivityId, ownDeviceId, limit }: IncomingOptions
): IncomingPage<T> {
	const listed = notes
		.filter((n) => !n.deleted && n.activityId !== currentActivityId && n.deviceId !== ownDeviceId)
		.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
	return { notes: listed.slice(0, Math.max(0, limit)), more: Math.max(0, listed.length - limit) };
}
