/**
 * The network, as the engines see it: a TCP relay in front of the app server that can be cut.
 * No driver can switch Firefox and WebKitGTK offline the same way, so "offline" here is what a
 * tablet sees when the Wi-Fi goes: every open connection drops and new ones are refused. What
 * the page still shows comes from its service worker's cache.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export class NetworkGate {
	readonly #server: Server;
	readonly #open = new Set<Socket>();
	#online = true;

	private constructor(server: Server) {
		this.#server = server;
	}

	static async start(port: number, target: number): Promise<NetworkGate> {
		let gate: NetworkGate | null = null;
		const server = createServer((client) => gate!.#accept(client, target));
		gate = new NetworkGate(server);
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => resolve());
		});
		return gate;
	}

	#accept(client: Socket, target: number) {
		if (!this.#online) {
			client.destroy();
			return;
		}
		const upstream = createConnection({ port: target, host: '127.0.0.1' });
		for (const s of [client, upstream]) {
			this.#open.add(s);
			s.on('error', () => {});
			s.on('close', () => {
				this.#open.delete(s);
				client.destroy();
				upstream.destroy();
			});
		}
		client.pipe(upstream).pipe(client);
	}

	setOnline(online: boolean) {
		this.#online = online;
		if (!online) for (const s of this.#open) s.destroy();
	}

	async close() {
		this.setOnline(false);
		await new Promise<void>((resolve) => this.#server.close(() => resolve()));
	}
}
