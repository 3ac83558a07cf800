/**
 * Sync between tablets: the public face of `src/lib/sync` (the device side). The wire itself
 * (frames, limits, the update guard, hub close codes) is `src/lib/protocol`, shared with the hub;
 * the protocol names device-side code needs are re-exported here. See `session-sync-engine.ts` for the model,
 * `protocol/update-guard.ts` and `frame-transport.ts` for how untrusted input is kept out of the doc,
 * `device-revocation.ts` for revocation and `join-link.ts` / `session-file.ts` for joining and
 * sneakernet.
 */
export { SessionSyncEngine } from './session-sync-engine';
export type { SessionSyncEngineOptions, SessionSyncEngineEvents, SyncStatus } from './session-sync-engine';
export { BroadcastChannelTransport, broadcastChannelName } from './broadcast-channel-transport';
export { LinkTransport } from './link-transport';
export type { ByteLink, LinkTransportOptions } from './link-transport';
export { FrameTransport } from './frame-transport';
export type { FrameTransportOptions } from './frame-transport';
export { WebrtcTransport, detectWebrtcEnvironment, webrtcRoomName, WEBRTC_ROOM_VERSION } from './webrtc-transport';
export type { WebrtcTransportOptions, WebrtcEnvironment } from './webrtc-transport';
export { joinYWebrtcRoom, SYNC_CHANNEL_ID, SYNC_CHANNEL_LABEL } from './y-webrtc-connections';
export type { WebrtcConnection, WebrtcRoomEvents, WebrtcRoomFactory, WebrtcRoomLike, WebrtcRoomOptions } from './y-webrtc-connections';
export { DataChannelLink, MAX_FRAME_BYTES } from './data-channel-link';
export type { DataChannelLike, DataChannelLinkOptions, LinkCloseReason } from './data-channel-link';
export { UpdateGuard } from '../protocol';
export type { KitRef, KitAcceptResult, KitProgress, KitRequestOptions, KitRequestOutcome } from '../protocol';
export { isKitHash } from '../protocol';
export { KIT_TRANSFER_LIMITS } from '../protocol';
export type { GuardResult } from '../protocol';
export { generateSessionKey, isValidSessionKey, keyFingerprint } from './session-key';
export { buildJoinLink, encodeJoinPayload, parseJoinLink, checkJoinData, JOIN_LINK_VERSION } from './join-link';
export type { JoinData, JoinLinkResult } from './join-link';
export {
	exportSessionState,
	importSessionState,
	readSessionFile,
	SESSION_FILE_EXTENSION,
	SESSION_FILE_ORIGIN
} from './session-file';
export type { ImportResult, SessionFileOptions } from './session-file';
export { listRevokedDevices, isDeviceRevoked, REVOKED_DEVICES_ROOT } from './device-revocation';
export type { Revocation } from './device-revocation';
export { checkSignalingUrls, isSignalingUrl } from './signaling-urls';
export { SYNC_LIMITS, DEFAULT_RATE_LIMIT } from '../protocol';
export type { RateLimit } from '../protocol';
export { PEER_ROLES, isKitCarrier } from './sync-types';
export type {
	KitCarrier,
	LocalDevice,
	PeerInfo,
	PeerRole,
	RejectReason,
	RejectedEvent,
	SyncContext,
	SyncMessage,
	SyncMessageKey,
	SyncState,
	SyncTransport,
	TransportEvents,
	TransportKind,
	TransportState,
	TransportStatus
} from './sync-types';
export { createHubTransport, HubTransport, hubSyncUrl } from './hub-transport';
export { hubAccessToken, HUB_SYNC_PATH, encodeHubAuth, HUB_CLOSE, HUB_PROTOCOL_VERSION, HUB_TOKEN_PATTERN } from '../protocol';
export type { HubTransportOptions, WebSocketFactory, WebSocketLike } from './hub-transport';
export {
	normalizeHubCode,
	formatHubCode,
	generateHubCode,
	hubAdmissionProof,
	hubLinkWithCode,
	splitHubLink,
	HUB_CODE_PATTERN,
	HUB_CODE_LENGTH,
	HUB_PROOF_PATTERN,
	HUB_CODE_PARAM
} from '../protocol';
export { buildPhoneLink, parsePhoneLink, encodePhonePayload, checkPhoneLinkData, hubOriginFromSignaling, PHONE_PATH, PHONE_VIEWS, PHONE_LINK_VERSION } from './phone-link';
export type { PhoneLinkData, PhoneLinkResult, PhoneView } from './phone-link';
export { takeHomeId, takeHomeIdFromToken, takeHomeUrl, TAKE_HOME_PATH, TAKE_HOME_ID_PATTERN, TAKE_HOME_MAX_BYTES, TAKE_HOME_SESSION_HEADER } from '../protocol';
export { publishTakeHome } from './take-home-publish';
export type { TakeHomeFailure, TakeHomePublishResult, TakeHomePublishOptions } from './take-home-publish';
export * from './qr-pairing';
