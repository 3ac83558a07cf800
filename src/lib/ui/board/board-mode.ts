import type { OpenSession } from '$lib/live';
import type { BoardMode } from './board-types';

/** Activity screens moderate on facilitator devices and take part everywhere else. */
export function modeFor(live: OpenSession): BoardMode {
	return live.role === 'facilitator' ? 'facilitator' : 'participant';
}
