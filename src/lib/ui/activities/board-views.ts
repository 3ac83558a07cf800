/** Views for note-writing activities (boards, stations, gallery, experts, check-in). */
import type { ActivityKind } from '$lib/kits';
import type { ActivityView } from './activity-views';

export const boardViews: Partial<Record<ActivityKind, ActivityView>> = {};
