/**
 * The remote endpoints a frame transport knows: registered peers, per-sender rate limiters and
 * blocked senders. Bounded so that a flood of invented sender ids cannot exhaust memory.
 */
import { PeerRateLimiter } from '../protocol/token-bucket';
import type { RateLimit } from '../protocol/sync-limits';
import type { PeerInfo } from './sync-types';

/** Most distinct senders rate-tracked at once. */
const MAX_SENDERS = 256;

interface PeerState {
	info: PeerInfo;
	lastSeen: number;
}

export class PeerTable {
	#peers = new Map<string, PeerState>();
	#limiters = new Map<string, PeerRateLimiter>();
	#blocked = new Set<string>();
	#rateLimit: RateLimit;
	#now: () => number;

	constructor(rateLimit: RateLimit, now: () => number) {
		this.#rateLimit = rateLimit;
		this.#now = now;
	}

	get size(): number {
		return this.#peers.size;
	}

	list(): PeerInfo[] {
		return [...this.#peers.values()].map((p) => p.info);
	}

	has(id: string): boolean {
		return this.#peers.has(id);
	}

	/** Refreshes `lastSeen`; false for an unknown sender. */
	touch(id: string, now: number): boolean {
		const peer = this.#peers.get(id);
		if (peer) peer.lastSeen = now;
		return peer !== undefined;
	}

	add(info: PeerInfo, now: number): void {
		this.#peers.set(info.id, { info, lastSeen: now });
	}

	/** Marks a peer as having completed the state exchange; true when that is news. */
	markSynced(id: string, synced: boolean): boolean {
		const peer = this.#peers.get(id);
		if (!peer || peer.info.synced === synced) return false;
		peer.info = { ...peer.info, synced };
		return true;
	}

	/** Sets how much of a large payload from this peer has arrived; true when that is news. */
	setReceiving(id: string, progress: { received: number; total: number } | null): boolean {
		const peer = this.#peers.get(id);
		if (!peer) return false;
		const before = peer.info.receiving;
		// Whole percents are news; every 256 KiB part is not.
		const pct = (p: { received: number; total: number } | undefined) => (p ? Math.floor((100 * p.received) / p.total) : -1);
		if (pct(before) === pct(progress ?? undefined) && (before === undefined) === (progress === null)) return false;
		const { receiving: _drop, ...rest } = peer.info;
		peer.info = progress ? { ...rest, receiving: progress } : rest;
		return true;
	}

	markAllUnsynced(): void {
		for (const id of this.#peers.keys()) this.markSynced(id, false);
	}

	remove(id: string): boolean {
		return this.#peers.delete(id);
	}

	clear(): void {
		this.#peers.clear();
		this.#limiters.clear();
	}

	isBlocked(id: string): boolean {
		return this.#blocked.has(id);
	}

	/** Blocks a sender for the life of the transport; true when it was a registered peer. */
	block(id: string): boolean {
		this.#blocked.add(id);
		this.#limiters.delete(id);
		return this.#peers.delete(id);
	}

	/** Blocks every endpoint of `deviceId`; true when any was registered. */
	blockDevice(deviceId: string): boolean {
		let changed = false;
		for (const [id, p] of this.#peers) if (p.info.deviceId === deviceId) changed = this.block(id) || changed;
		return changed;
	}

	/** Forgets peers not heard from since `limit`; true when any was removed. */
	prune(limit: number): boolean {
		let changed = false;
		for (const [id, p] of this.#peers) if (p.lastSeen < limit) changed = this.#peers.delete(id) || changed;
		return changed;
	}

	/** Spends rate tokens for one message from `id`; false when over its allowance. */
	allow(id: string, bytes: number): boolean {
		let limiter = this.#limiters.get(id);
		if (!limiter) {
			if (this.#limiters.size >= MAX_SENDERS) return false;
			limiter = new PeerRateLimiter(this.#rateLimit, this.#now);
			this.#limiters.set(id, limiter);
		}
		return limiter.allow(bytes);
	}
}
