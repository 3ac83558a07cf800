/**
 * "Check this device": a loopback pairing inside this page. Two links pair with real pairing
 * codes (the same steps as two tablets, on one device), which shows which kinds of addresses
 * the browser offers and that the direct connection opens at all.
 */
import { generateSessionKey } from '../session-key';
import { decodePairingCode } from './pairing-code';
import { answerInvitation, startInvitation, type PairingEnv } from './pairing-flow';
import type { SyncMessage } from '../sync-types';

export interface SelfTestResult {
	/** Kinds of host address in this device's invitation. */
	candidates: { ipv4: number; ipv6: number; mdns: number };
	/** Size of the invitation code, in symbols. */
	codeLength: number;
	connected: boolean;
	problem: SyncMessage | null;
}

export async function runPairingSelfTest(env: PairingEnv = {}): Promise<SelfTestResult> {
	const result: SelfTestResult = { candidates: { ipv4: 0, ipv6: 0, mdns: 0 }, codeLength: 0, connected: false, problem: null };
	const sessionId = 'self-test';
	const invitation = await startInvitation({ sessionId, key: generateSessionKey(), role: 'station' }, env);
	if (!invitation.ok) return { ...result, problem: invitation.problem };
	result.codeLength = invitation.value.code.length;
	const decoded = decodePairingCode(invitation.value.code);
	if (decoded.ok) for (const c of decoded.value.sdp.candidates) result.candidates[c.address.kind]++;
	const answer = await answerInvitation(invitation.value.code, sessionId, env);
	if (!answer.ok) {
		invitation.value.cancel();
		return { ...result, problem: answer.problem };
	}
	const accepted = await invitation.value.accept(answer.value.code);
	result.connected = accepted.ok;
	if (!accepted.ok) result.problem = accepted.problem;
	invitation.value.link.close();
	answer.value.link.close();
	return result;
}
