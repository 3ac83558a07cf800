/** The transports a plan calls for, made the same way everywhere (see `transport-plan.ts`). */
import { WebrtcTransport, createHubTransport, type HubTransport, type WebrtcEnvironment } from '$lib/sync';
import type { TransportPlan } from './transport-plan';

export interface HubAccess {
	sessionId: string;
	key: string;
	/** The key a renewal replaced while no hub transport was attached (the hub re-pins from it). */
	previousKey?: string | null;
	/** This device's hub code (lets it bring a new session to the hub). */
	hubCode?: string | null;
}

/** The hub transport the plan calls for, or null. */
export function plannedHub(plan: TransportPlan, access: HubAccess): HubTransport | null {
	if (!plan.useHub || !plan.hubUrl) return null;
	return createHubTransport({
		url: plan.hubUrl,
		sessionId: access.sessionId,
		key: access.key,
		previousKey: access.previousKey ?? null,
		hubCode: access.hubCode ?? null
	});
}

/** The WebRTC transport the plan calls for, or null. */
export function plannedWebrtc(plan: TransportPlan, env: WebrtcEnvironment): WebrtcTransport | null {
	return plan.webrtc ? new WebrtcTransport({ signaling: [...plan.webrtc], environment: env }) : null;
}
