/**
 * The smallest read-only stand-in for a `OpenSession`, so the session components that only read
 * the kit (a station's prompt, the wall's check-in) render from a draft in the studio's preview.
 * It holds no session: no notes, no answers, nothing to write to. Only the members those
 * components read exist; any other use fails loudly in development rather than showing made-up data.
 */
import type { KitView } from '$lib/library';
import type { OpenSession } from '$lib/live';

export class PreviewLive {
	view = $state.raw<KitView>(undefined as unknown as KitView);

	constructor(view: KitView) {
		this.view = view;
	}
	get kit() {
		return this.view.kit;
	}
	/** The agenda whose check-ins the wall preview shows: the first one that has a check-in. */
	get agenda() {
		const agendas = this.view.manifest.agendas;
		return agendas.find((a) => a.activities.some((x) => x.kind === 'checkin')) ?? agendas[0]!;
	}
	/** No one has answered in a preview. */
	readonly session = { checkinSummary: { responses: { start: 0, end: 0 } } };

	asLive(): OpenSession {
		return this as unknown as OpenSession;
	}
}
