/** Views for note-writing activities (boards, stations, gallery, experts, check-in). */
import type { ActivityKind } from '$lib/kits';
import type { ActivityView } from './activity-views';
import BoardActivity from '../board/BoardActivity.svelte';
import CheckinActivity from '../board/CheckinActivity.svelte';
import GalleryActivity from '../board/GalleryActivity.svelte';
import StationsActivity from '../board/StationsActivity.svelte';

export const boardViews: Partial<Record<ActivityKind, ActivityView>> = {
	board: BoardActivity,
	dream: BoardActivity,
	closing: BoardActivity,
	experts: BoardActivity,
	stations: StationsActivity,
	gallery: GalleryActivity,
	checkin: CheckinActivity
};
