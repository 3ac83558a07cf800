/**
 * The hub code (see `src/lib/protocol/hub-admission.ts`): created at the first start, kept in the
 * data folder so that a tablet set up once keeps working across restarts, replaced on request
 * (`npm run hub -- --new-hub-code`, after a tablet with the code was lost).
 *
 *   <data>/hub-code.json   { v: 1, code, createdAt }   (mode 0600, replaced atomically)
 *
 * The code is a shared secret like the session keys, not a password hash: the hub must compute
 * the HMAC a device sends. Whoever copies the data folder can bring new sessions to this hub,
 * nothing more (sessions still need their own key).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { HUB_PROOF_PATTERN, generateHubCode, hubAdmissionProof, normalizeHubCode } from '../lib/protocol';
import { writeFileAtomic } from './durable-files';

export const HUB_CODE_FILE = 'hub-code.json';

export interface HubCodeOptions {
	/** Replace the stored code with a new one (the old one stops working). */
	regenerate?: boolean;
}

/** The code stored in `dataDir` (created when there is none, or when asked to regenerate). */
export async function loadHubCode(dataDir: string, options: HubCodeOptions = {}): Promise<{ code: string; created: boolean }> {
	const root = resolve(dataDir);
	const file = join(root, HUB_CODE_FILE);
	if (!options.regenerate) {
		const stored = await readStored(file);
		if (stored) return { code: stored, created: false };
	}
	const code = generateHubCode((n) => new Uint8Array(randomBytes(n)));
	await mkdir(root, { recursive: true, mode: 0o700 });
	await writeFileAtomic(file, JSON.stringify({ v: 1, code, createdAt: new Date().toISOString() }));
	return { code, created: true };
}

/** True when `proof` shows that its sender holds `code` for this session id and token. */
export function isAdmitted(code: string, sessionId: string, token: string, proof: string | null): boolean {
	if (proof === null || !HUB_PROOF_PATTERN.test(proof)) return false;
	const expected = Buffer.from(hubAdmissionProof(code, sessionId, token));
	const given = Buffer.from(proof);
	return expected.byteLength === given.byteLength && timingSafeEqual(expected, given);
}

/** A damaged or hand-edited file reads as none (a new code is made); anything else unreadable throws. */
async function readStored(file: string): Promise<string | null> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
	try {
		const parsed = JSON.parse(text) as { v?: unknown; code?: unknown };
		return parsed.v === 1 && typeof parsed.code === 'string' ? normalizeHubCode(parsed.code) : null;
	} catch {
		return null;
	}
}
