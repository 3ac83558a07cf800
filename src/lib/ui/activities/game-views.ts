/** Views for group activities built on kit material (card game, cases, registry). */
import type { ActivityKind } from '$lib/kits';
import type { ActivityView } from './activity-views';

export const gameViews: Partial<Record<ActivityKind, ActivityView>> = {};
