/**
 * WebSocket heartbeats for the hub's endpoints (`/sync`, `/signaling`): every `intervalMs` each
 * socket is pinged, and a socket that did not answer the previous ping (a tablet that went to
 * sleep, a phone that left the Wi-Fi) is terminated, so its slot and buffers are freed.
 */
import type { WebSocket } from 'ws';

export interface Heartbeat {
	/** Starts watching a socket (it counts as alive until the first ping goes unanswered). */
	watch(socket: WebSocket): void;
	stop(): void;
}

export function startHeartbeat(sockets: () => Iterable<WebSocket>, intervalMs: number): Heartbeat {
	const alive = new WeakSet<WebSocket>();
	const timer = setInterval(() => {
		for (const socket of sockets()) {
			if (!alive.has(socket)) {
				socket.terminate();
				continue;
			}
			alive.delete(socket);
			try {
				socket.ping();
			} catch {
				socket.terminate();
			}
		}
	}, intervalMs);
	timer.unref?.();
	return {
		watch(socket) {
			alive.add(socket);
			socket.on('pong', () => alive.add(socket));
		},
		stop() {
			clearInterval(timer);
		}
	};
}
