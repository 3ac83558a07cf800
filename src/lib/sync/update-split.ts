import * as Y from 'yjs';

/**
 * The updates a peer at `remoteStateVector` is missing, as messages of at most `maxBytes` where
 * possible. Receivers refuse (and block) anything over the message limit, so a large first
 * exchange is split by client: each part holds one client's missing structs plus the delete set.
 * Parts may arrive in any order: the receiver's guard holds back a part until its dependencies
 * are in. Only a single device with more than `maxBytes` of new content cannot be split; that
 * part is left out (returned in `oversized`) instead of getting this device blocked.
 */
export function encodeMissingUpdates(
	doc: Y.Doc,
	remoteStateVector: Uint8Array,
	maxBytes: number
): { parts: Uint8Array[]; oversized: number } {
	const full = Y.encodeStateAsUpdate(doc, remoteStateVector);
	if (full.byteLength <= maxBytes) return { parts: [full], oversized: 0 };
	const remote = Y.decodeStateVector(remoteStateVector);
	const local = Y.decodeStateVector(Y.encodeStateVector(doc));
	const parts: Uint8Array[] = [];
	let oversized = 0;
	for (const [client, clock] of local) {
		const known = remote.get(client) ?? 0;
		if (known >= clock) continue;
		const target = new Map(local);
		target.set(client, known);
		const part = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(target));
		if (part.byteLength <= maxBytes) parts.push(part);
		else oversized++;
	}
	return { parts, oversized };
}
