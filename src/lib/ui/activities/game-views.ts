/**
 * Views for group activities built on kit material (card game, cases, registry): one chunk for
 * the family, loaded when a screen first shows one of them.
 */
import type { ActivityKind } from '$lib/kits';
import type { ActivityViewLoader } from './activity-views';

export const gameViews: Partial<Record<ActivityKind, ActivityViewLoader>> = {
	'card-game': () => import('../games').then((m) => m.CardGameView),
	cases: () => import('../games').then((m) => m.CasesView),
	registry: () => import('../games').then((m) => m.RegistryView)
};
