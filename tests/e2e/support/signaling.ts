import { spawn, type ChildProcess } from 'node:child_process';
import { workerPort } from './ports';

export interface SignalingServer {
	url: string;
	stop(): Promise<void>;
}

/**
 * Starts the project's signaling server (src/hub/signaling-cli.ts) on loopback for a test and
 * resolves once it listens. Port: E2E_SIGNALING_PORT, else E2E_PORT + 100, per worker (support/ports.ts).
 */
export async function startSignaling(port = signalingPort()): Promise<SignalingServer> {
	const child: ChildProcess = spawn('npx', ['tsx', 'src/hub/signaling-cli.ts', '--port', String(port), '--host', '127.0.0.1'], {
		stdio: ['ignore', 'pipe', 'pipe'],
		// Its own process group, so that stopping it also stops the node process npx starts.
		detached: true
	});
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`signaling server did not start:\n${output}`)), 30_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('signaling server on')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`signaling server exited (${code}):\n${output}`));
		});
	});
	return {
		url: `ws://127.0.0.1:${port}`,
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				if (child.pid) process.kill(-child.pid, 'SIGTERM');
			})
	};
}

export function signalingPort(): number {
	return workerPort(100, process.env.E2E_SIGNALING_PORT);
}
