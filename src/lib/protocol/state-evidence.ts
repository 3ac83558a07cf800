/**
 * "Up to date" is a claim about data, so it is decided from data: the state vector a peer last
 * said it holds (its `sync-step1` or `state` frame) against this device's own. Two replicas with
 * equal state vectors hold the same content: the session model never deletes without writing
 * (soft deletion sets a field, a map overwrite inserts), so no change escapes the state vector.
 */
import * as Y from 'yjs';

export type StateVector = Map<number, number>;

/** Most clients a state vector from a peer may name (each device and reload is one client). */
const MAX_CLIENTS = 100_000;

/** This doc's state vector. */
export function localStateVector(doc: Y.Doc): StateVector {
	return Y.decodeStateVector(Y.encodeStateVector(doc));
}

/** A peer's state vector, or null when the bytes are not one. Never throws. */
export function readStateVector(bytes: Uint8Array): StateVector | null {
	try {
		const sv = Y.decodeStateVector(bytes);
		if (sv.size > MAX_CLIENTS) return null;
		for (const [client, clock] of sv) if (!Number.isSafeInteger(client) || !Number.isSafeInteger(clock) || clock < 0) return null;
		return sv;
	} catch {
		return null;
	}
}

export interface StateComparison {
	/** The peer lacks something this device holds. */
	remoteBehind: boolean;
	/** This device lacks something the peer holds. */
	localBehind: boolean;
}

export function compareStates(local: StateVector, remote: StateVector): StateComparison {
	let remoteBehind = false;
	let localBehind = false;
	for (const [client, clock] of local) if (clock > (remote.get(client) ?? 0)) remoteBehind = true;
	for (const [client, clock] of remote) if (clock > (local.get(client) ?? 0)) localBehind = true;
	return { remoteBehind, localBehind };
}

export function sameState(local: StateVector, remote: StateVector): boolean {
	const c = compareStates(local, remote);
	return !c.remoteBehind && !c.localBehind;
}
