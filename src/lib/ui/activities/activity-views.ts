/**
 * Which screen shows each kind of activity on station and participant devices. Each family of
 * activities registers its views in its own file; kinds without a view get the generic intro.
 * Views are loaded on first use (a station shows one kind at a time, so it does not download the
 * card game with the notes board); a loaded view is kept, so later renders are synchronous.
 */
import type { Component } from 'svelte';
import type { ActivityKind, KitActivity } from '$lib/kits';
import { boardViews } from './board-views';
import { gameViews } from './game-views';

export interface ActivityViewProps {
	activity: KitActivity;
	/** A station of the activity chosen by the device (station tablets), if any. */
	stationId: string | null;
}

export type ActivityView = Component<ActivityViewProps>;
export type ActivityViewLoader = () => Promise<ActivityView>;

const loaders: Partial<Record<ActivityKind, ActivityViewLoader>> = { ...boardViews, ...gameViews };
const loaded = new Map<ActivityKind, ActivityView>();

/** True when the kind has its own view (else the generic intro shows it). */
export function hasActivityView(kind: ActivityKind): boolean {
	return loaders[kind] !== undefined;
}

/** The view of a kind if it is already loaded. */
export function loadedActivityView(kind: ActivityKind): ActivityView | undefined {
	return loaded.get(kind);
}

/** Loads the view of a kind that has one. */
export async function loadActivityView(kind: ActivityKind): Promise<ActivityView> {
	const known = loaded.get(kind);
	if (known) return known;
	const loader = loaders[kind];
	if (!loader) throw new Error(`No view for activity kind ${kind}`);
	const view = await loader();
	loaded.set(kind, view);
	return view;
}
