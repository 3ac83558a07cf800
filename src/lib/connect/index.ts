/**
 * How this device reaches a session's other devices: which transports (one plan for every
 * screen), where it looks (signaling addresses, the hub code, per-session roles), and how a
 * session not on this device yet is met and stored — from a join link (tablets) or a phone link
 * (phones through the venue hub). Screens call these; none of them touches Yjs or storage.
 */
export { planTransports, noNetworkReason } from './transport-plan';
export type { TransportPlan } from './transport-plan';
export { plannedHub, plannedWebrtc } from './transports';
export type { HubAccess } from './transports';
export { meetSession } from './meet-session';
export type { MeetOptions, MeetOutcome, MetSession } from './meet-session';
export { storeJoinedSession } from './store-joined';
export type { JoinedSession } from './store-joined';
export { joinFromLink } from './join-session';
export type { JoinHints, JoinOptions, JoinOutcome, JoinPreview, JoinProblem } from './join-session';
export { preparePhoneSession, hubSignalingUrl } from './phone-session';
export type { PhoneOpenOptions, PhoneOpenOutcome, PhoneProblem } from './phone-session';
export {
	parseSignalingInput,
	deviceSignaling,
	setDeviceSignaling,
	deviceHubCode,
	setDeviceHubCode,
	sessionSignaling,
	setSessionSignaling,
	signalingFor,
	sessionRole,
	setSessionRole
} from './network-settings';
export type { SignalingInput } from './network-settings';
