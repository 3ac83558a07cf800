/**
 * Which screen shows each kind of activity on station and participant devices. Each family of
 * activities registers its views in its own file; kinds without a view get the generic intro.
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

export const activityViews: Partial<Record<ActivityKind, ActivityView>> = { ...boardViews, ...gameViews };
