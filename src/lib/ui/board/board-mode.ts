import type { LiveSession } from '$lib/live';
import type { BoardMode } from './board-types';

/** Activity screens moderate on facilitator devices and take part everywhere else. */
export function modeFor(live: LiveSession): BoardMode {
	return live.role === 'facilitator' ? 'facilitator' : 'participant';
}
