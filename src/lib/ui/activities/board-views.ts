/**
 * Views for note-writing activities (boards, stations, gallery, experts, check-in), each loaded
 * when a screen first shows that kind of activity.
 */
import type { ActivityKind } from '$lib/kits';
import type { ActivityViewLoader } from './activity-views';

const board: ActivityViewLoader = () => import('../board/BoardActivity.svelte').then((m) => m.default);

export const boardViews: Partial<Record<ActivityKind, ActivityViewLoader>> = {
	board,
	dream: board,
	closing: board,
	experts: board,
	stations: () => import('../board/StationsActivity.svelte').then((m) => m.default),
	gallery: () => import('../board/GalleryActivity.svelte').then((m) => m.default),
	checkin: () => import('../board/CheckinActivity.svelte').then((m) => m.default)
};
