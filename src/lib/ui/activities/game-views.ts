/** Views for group activities built on kit material (card game, cases, registry). */
import type { ActivityKind } from '$lib/kits';
import type { ActivityView } from './activity-views';
import { CardGameView, CasesView, RegistryView } from '../games';

export const gameViews: Partial<Record<ActivityKind, ActivityView>> = {
	'card-game': CardGameView,
	cases: CasesView,
	registry: RegistryView
};
