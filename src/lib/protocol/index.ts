/**
 * The wire protocol: what devices and the venue hub send each other, how each side checks it, and
 * how fast. Both `src/lib/sync` (devices) and `src/hub` (the hub) import this face; it imports
 * neither of them (only yjs and lib0), so it runs in a browser and in Node alike.
 *
 * - Frames (`wire-protocol.ts`): the binary format, message kinds, ids; `wire-peek.ts` reads a
 *   sender or a part flag without parsing the whole frame.
 * - Large payloads (`stream-parts.ts`): split into parts and reassembled, bounded.
 * - Limits and pace (`sync-limits.ts`, `token-bucket.ts`, `send-pacer.ts`).
 * - The one door for untrusted updates (`update-guard.ts`, `update-deps.ts`) and the state
 *   evidence behind "up to date" (`state-evidence.ts`).
 * - Kits travelling with a session (`kit-exchange.ts`).
 * - The hub's side: `/sync` path, auth message, close codes (`hub-wire.ts`); the hub code and its
 *   proof (`hub-admission.ts`); take-home ids and paths (`take-home.ts`).
 */
export {
	PEER_ROLES,
	WIRE_VERSION,
	encodeFrame,
	parseFrame,
	isValidId,
	isKitHash,
	isPartFrameType,
	kitChunkCount,
	partCount,
	randomEndpointId
} from './wire-protocol';
export type { PeerRole, Frame, FrameBody, HelloBody, PartBody, PartKind, KitChunkBody, KitFrameBody } from './wire-protocol';
export { peekSender, peekIsPart } from './wire-peek';
export { sameBytes } from './bytes';
export { PartAssembler, splitIntoParts } from './stream-parts';
export type { PartOutcome, StreamProgress } from './stream-parts';
export { SYNC_LIMITS, KIT_TRANSFER_LIMITS, DEFAULT_RATE_LIMIT, SEND_RATE_LIMIT, SEND_HIGH_WATER_BYTES } from './sync-limits';
export type { RateLimit } from './sync-limits';
export { TokenBucket, PeerRateLimiter } from './token-bucket';
export { SendPacer } from './send-pacer';
export type { PacedItem, SendPacerOptions } from './send-pacer';
export { UpdateGuard } from './update-guard';
export type { GuardResult } from './update-guard';
export { hasMissingDependencies } from './update-deps';
export { localStateVector, readStateVector, compareStates, sameState } from './state-evidence';
export type { StateVector, StateComparison } from './state-evidence';
export { KitExchange, isKitCarrier } from './kit-exchange';
export type { KitCarrier, KitFrameSink, KitRef, KitAcceptResult, KitProgress, KitRequestOptions, KitRequestOutcome } from './kit-exchange';
export {
	HUB_PROTOCOL_VERSION,
	HUB_CLOSE,
	HUB_SYNC_PATH,
	HUB_TOKEN_PATTERN,
	HUB_AUTH_MAX_BYTES,
	hubAccessToken,
	encodeHubAuth,
	parseHubAuth,
	encodeHubReady,
	isHubReady
} from './hub-wire';
export type { HubAuth } from './hub-wire';
export {
	HUB_CODE_ALPHABET,
	HUB_CODE_LENGTH,
	HUB_CODE_PATTERN,
	HUB_PROOF_PATTERN,
	HUB_CODE_PARAM,
	normalizeHubCode,
	formatHubCode,
	generateHubCode,
	hubAdmissionProof,
	hubLinkWithCode,
	splitHubLink
} from './hub-admission';
export {
	TAKE_HOME_PATH,
	TAKE_HOME_ID_PATTERN,
	TAKE_HOME_MAX_BYTES,
	TAKE_HOME_SESSION_HEADER,
	takeHomeId,
	takeHomeIdFromToken,
	takeHomeUrl
} from './take-home';
