/**
 * Bounds on what the sync layer accepts from the outside. Every received message is untrusted
 * (any peer holding the key can send anything), so every receive path checks these first.
 */
export const SYNC_LIMITS = {
	/** Largest frame accepted from a peer (larger payloads travel as a stream of parts). */
	messageBytes: 1024 * 1024,
	/**
	 * Largest session state, or single update, that travels between devices: streamed in parts
	 * (`stream-parts.ts`) and reassembled under this bound. Equal to the session-file limit, so a
	 * file any tablet can merge can also travel to its peers. See docs/benchmarks.md for what a
	 * workshop reaches (tens of MB for 20,000 long notes).
	 */
	documentBytes: 64 * 1024 * 1024,
	/** Bytes per stream part (every part but the last holds exactly this many). */
	partBytes: 256 * 1024,
	/**
	 * Stream bytes one transport (or one hub session) reassembles at once, all senders together:
	 * each sender has at most one stream open, and a new stream past this total is refused.
	 */
	inboundStreamBytes: 128 * 1024 * 1024,
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
	bytesBurst: 16 * 1024 * 1024,
	bytesPerSecond: 8 * 1024 * 1024
};

/**
 * What a sender allows itself towards one receiver: three quarters of the receiver's allowance,
 * so a paced catch-up of a large session is never cut off as a flood. Past the burst, a session
 * travels at 6 MiB/s (≈ 10,000 short notes a second).
 */
export const SEND_RATE_LIMIT: RateLimit = {
	messagesBurst: DEFAULT_RATE_LIMIT.messagesBurst * 0.75,
	messagesPerSecond: DEFAULT_RATE_LIMIT.messagesPerSecond * 0.75,
	bytesBurst: DEFAULT_RATE_LIMIT.bytesBurst * 0.75,
	bytesPerSecond: DEFAULT_RATE_LIMIT.bytesPerSecond * 0.75
};

/** A sender waits while this many bytes are still queued in the medium (data channel, socket). */
export const SEND_HIGH_WATER_BYTES = 1024 * 1024;
