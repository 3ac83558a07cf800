/** Linking tablets by QR codes with no server (see pairing-flow.ts for the steps). */
export { decodePairingCode, encodePairingCode, answerProof, checkAnswerProof, PAIRING_CODE_VERSION, MAX_CODE_CHARS } from './pairing-code';
export type { PairingCode, OfferCode, AnswerCode, CodeResult } from './pairing-code';
export { parseSdp, buildSdp, parseCandidate, classifyAddress } from './sdp-codec';
export type { SdpEssentials, HostCandidate, CandidateAddress } from './sdp-codec';
export { PeerLink, CHUNK_BYTES } from './peer-link';
export type { PeerLinkState } from './peer-link';
export { startInvitation, answerInvitation, readInvitation, PAIRING_TIMEOUTS } from './pairing-flow';
export type { Invitation, Answer, Step, PairingEnv } from './pairing-flow';
export { qrLinks, attachQrLinks, wasQrLinked } from './qr-links';
export { runPairingSelfTest } from './self-test';
export type { SelfTestResult } from './self-test';
export { QrMesh, MESH_TIMEOUTS } from './mesh-signaling';
