/**
 * Which transports a device uses to reach a session's other devices: the one place that decides
 * it, for an open session (`live/live-network.svelte.ts`), for joining from a link
 * (`join-session.ts`) and for a phone (`phone-session.ts`).
 *
 * - Same-device tabs (BroadcastChannel): always.
 * - The venue hub's `/sync`: when one of the signaling addresses is a hub's and the page may open
 *   it (only the mixed-content rule can stop it: the hub needs no WebCrypto).
 * - y-webrtc: when signaling addresses are set and the page is a secure context.
 * - QR links (no server): whatever links QR pairing opened for the session.
 */
import { checkSignalingUrls, hubOriginFromSignaling, hubSyncUrl, type SyncMessage, type WebrtcEnvironment } from '$lib/sync';

export interface TransportPlan {
	/** The hub's origin as devices reach it (`http://192.168.1.10:8080`), when an address is a hub's. */
	hubOrigin: string | null;
	/** The hub's sync endpoint (`ws://…/sync`) when the hub is configured, usable or not. */
	hubUrl: string | null;
	/** True when the hub transport is to be attached. */
	useHub: boolean;
	/** Why the configured hub cannot be used from this page, or null. */
	hubProblem: SyncMessage | null;
	/** The signaling addresses y-webrtc is to use, or null when WebRTC is off. */
	webrtc: readonly string[] | null;
	/** Why WebRTC is off (no address, insecure page, an address the page may not open), or null. */
	webrtcProblem: SyncMessage | null;
}

export function planTransports(signaling: readonly string[], env: WebrtcEnvironment): TransportPlan {
	const hubOrigin = hubOriginFromSignaling(signaling);
	const hubUrl = hubOrigin ? hubSyncUrl(hubOrigin) : null;
	const hubProblem = hubUrl ? checkSignalingUrls([hubUrl], env.pageProtocol) : null;
	let webrtcProblem: SyncMessage | null;
	if (signaling.length === 0) webrtcProblem = { key: 'sync.error.noSignaling' };
	else if (!env.subtle) webrtcProblem = { key: 'sync.error.insecureContext' };
	else webrtcProblem = checkSignalingUrls(signaling, env.pageProtocol);
	return {
		hubOrigin,
		hubUrl,
		useHub: hubUrl !== null && hubProblem === null,
		hubProblem,
		webrtc: webrtcProblem ? null : [...signaling],
		webrtcProblem
	};
}

/**
 * When a device found nobody, the reason its network could not have found anybody, or null
 * (the network was fine: the devices were just not there). With a usable hub, nothing stood in
 * the way; without it, an insecure page rules WebRTC out before any address does.
 */
export function noNetworkReason(plan: TransportPlan, env: WebrtcEnvironment): SyncMessage | null {
	if (plan.useHub) return null;
	if (!env.subtle) return { key: 'sync.error.insecureContext' };
	return plan.webrtcProblem;
}
