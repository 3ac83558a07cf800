/**
 * A stand-in for y-webrtc in Node (no native WebRTC here): rooms joined through a shared fake
 * signaling network, one connection per pair of members with a pair of `FakeChannel`s as our sync
 * channel. As in Chromium, each side's channel opens on its own, and what is sent before the other
 * side's end exists is lost (`openGapMs` lets the second end open later).
 */
import { ObservableV2 } from 'lib0/observable';
import type { WebrtcConnection, WebrtcRoomEvents, WebrtcRoomFactory, WebrtcRoomLike, WebrtcRoomOptions } from '$lib/sync';
import { FakeChannel, pairedChannels } from './fake-data-channel';

export class FakeConnection implements WebrtcConnection {
	closed = false;
	constructor(
		readonly remoteId: string,
		readonly channel: FakeChannel,
		readonly owner: FakeRoom,
		readonly remote: FakeRoom,
		readonly onClose: () => void
	) {}

	close(): void {
		this.onClose();
	}
}

export class FakeRoom extends ObservableV2<WebrtcRoomEvents> implements WebrtcRoomLike {
	/** y-webrtc's peer id: new for every room joined. */
	readonly id: string;
	destroyed = false;
	readonly connections = new Map<FakeRoom, FakeConnection>();

	constructor(
		readonly network: FakeSignaling,
		readonly name: string,
		readonly options: WebrtcRoomOptions,
		id: number
	) {
		super();
		this.id = `peer-${id}`;
	}

	override destroy(): void {
		if (this.destroyed) return;
		this.destroyed = true;
		this.network.leave(this);
		super.destroy();
	}
}

export interface FakeSignalingOptions {
	/** The second end of each new connection's channel opens this much later (0: next microtask). */
	openGapMs?: number;
	/** Reconnect two members whose connection closed, as y-webrtc's re-announce does. */
	reconnect?: boolean;
}

export class FakeSignaling {
	readonly rooms: FakeRoom[] = [];
	#nextId = 0;
	#options: Required<FakeSignalingOptions>;
	/** Connections that may be opened (false: the pair is kept apart, a partition). */
	#apart = new Set<string>();

	constructor(options: FakeSignalingOptions = {}) {
		this.#options = { openGapMs: options.openGapMs ?? 0, reconnect: options.reconnect ?? false };
	}

	/** The factory one device's transport uses. */
	readonly join: WebrtcRoomFactory = async (name, options) => {
		const room = new FakeRoom(this, name, options, this.#nextId++);
		this.rooms.push(room);
		// Members meet once signaling went through: on a later task, like the real thing.
		setTimeout(() => {
			if (room.destroyed) return;
			for (const other of this.members(name)) if (other !== room) this.connect(other, room);
		}, 0);
		return room;
	};

	members(name: string): FakeRoom[] {
		return this.rooms.filter((r) => r.name === name && !r.destroyed);
	}

	/** Opens one connection between two members of a room (`a` connected first). */
	connect(a: FakeRoom, b: FakeRoom): void {
		if (a.destroyed || b.destroyed || a.connections.has(b) || this.#apart.has(pairKey(a, b))) return;
		const [ca, cb] = pairedChannels();
		let ended = false;
		const end = () => {
			if (ended) return;
			ended = true;
			ca.close();
			a.connections.delete(b);
			b.connections.delete(a);
			a.emit('disconnection', [toA]);
			b.emit('disconnection', [toB]);
			if (this.#options.reconnect) setTimeout(() => this.connect(a, b), 0);
		};
		const toA = new FakeConnection(b.id, ca, a, b, end);
		const toB = new FakeConnection(a.id, cb, b, a, end);
		a.connections.set(b, toA);
		b.connections.set(a, toB);
		a.emit('connection', [toA]);
		b.emit('connection', [toB]);
		queueMicrotask(() => ca.open());
		const openB = () => cb.open();
		if (this.#options.openGapMs > 0) setTimeout(openB, this.#options.openGapMs);
		else queueMicrotask(openB);
	}

	/** Keeps two members apart (closes their connection if any) until `heal`. */
	separate(a: FakeRoom, b: FakeRoom): void {
		this.#apart.add(pairKey(a, b));
		a.connections.get(b)?.close();
	}

	heal(a: FakeRoom, b: FakeRoom): void {
		this.#apart.delete(pairKey(a, b));
		this.connect(a, b);
	}

	leave(room: FakeRoom): void {
		for (const c of [...room.connections.values()]) c.close();
	}
}

function pairKey(a: FakeRoom, b: FakeRoom): string {
	return [a.id, b.id].sort().join('|');
}
