import * as Y from 'yjs';

type Struct = Y.Item | Y.GC | Y.Skip;

function isId(value: unknown): value is Y.ID {
	return typeof value === 'object' && value !== null && 'client' in value && 'clock' in value;
}

/**
 * True when a decoded update cannot be fully integrated on top of a doc whose
 * clock per client is `knownClock(client)`: a gap in some
 * client's clock range, or an item whose left/right origin or parent is neither known nor part of
 * the update.
 *
 * Why it matters: Yjs keeps such structs pending but applies the update's delete set at once.
 * If the missing part never arrives (its author crashed before anyone received it), a deletion
 * would stand without the insertion that replaced the deleted value: for a map key, the value
 * disappears. Holding the whole update back until its dependencies are there avoids that.
 */
export function hasMissingDependencies(structs: readonly Struct[], knownClock: (client: number) => number): boolean {
	const end = new Map<number, number>();
	for (const s of structs) {
		if (s instanceof Y.Skip) continue;
		const client = s.id.client;
		const known = end.get(client) ?? knownClock(client);
		if (s.id.clock > known) return true;
		end.set(client, Math.max(known, s.id.clock + s.length));
	}
	const has = (id: Y.ID) => id.clock < (end.get(id.client) ?? knownClock(id.client));
	for (const s of structs) {
		if (!(s instanceof Y.Item)) continue;
		if (s.origin && !has(s.origin)) return true;
		if (s.rightOrigin && !has(s.rightOrigin)) return true;
		const parent: unknown = s.parent;
		if (isId(parent) && !has(parent)) return true;
	}
	return false;
}
