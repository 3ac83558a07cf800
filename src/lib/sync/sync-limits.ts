/**
 * Bounds on what the sync layer accepts from the outside. Every received message is untrusted
 * (any peer holding the key can send anything), so every receive path checks these first.
 */
export const SYNC_LIMITS = {
	/** Largest frame or document update accepted from a peer. */
	messageBytes: 1024 * 1024,
	/** Largest awareness (presence) update accepted from a peer. */
	awarenessBytes: 16 * 1024,
	/** Largest session backup file `importSessionState` reads. */
	fileBytes: 64 * 1024 * 1024,
	/** Device names and ids announced by peers. */
	deviceIdLength: 64,
	deviceNameLength: 64,
	/** Signaling URLs in a join link. */
	signalingUrls: 4,
	signalingUrlLength: 256
} as const;

/**
 * Kits travelling between devices (`kit-exchange.ts`). `zipBytes` is the kit format's zip limit
 * (`KIT_LIMITS.zipBytes` in `$lib/kits`, checked equal by a unit test; not imported so that the hub
 * can use the wire protocol without the kit code).
 */
export const KIT_TRANSFER_LIMITS = {
	/** Bytes per kit-chunk frame (the last one may be shorter). */
	chunkBytes: 32 * 1024,
	zipBytes: 60 * 1024 * 1024,
	/** A sender sends at most this many chunks per tick... */
	chunksPerTick: 8,
	/** ...every this many milliseconds: 1 MiB/s, half a receiver's sustained byte allowance. */
	tickMs: 250,
	/** Transfers one device sends at once; more requests are answered kit-unavailable. */
	concurrentSends: 4
} as const;

/** Token-bucket settings for one remote peer: a burst capacity and a sustained refill rate. */
export interface RateLimit {
	messagesBurst: number;
	messagesPerSecond: number;
	bytesBurst: number;
	bytesPerSecond: number;
}

/**
 * Generous for a workshop (a tablet sends a few updates per second at most; the first exchange
 * can be one large message), tight enough that a runaway or hostile peer is cut off quickly.
 */
export const DEFAULT_RATE_LIMIT: RateLimit = {
	messagesBurst: 500,
	messagesPerSecond: 100,
	bytesBurst: 8 * 1024 * 1024,
	bytesPerSecond: 2 * 1024 * 1024
};
