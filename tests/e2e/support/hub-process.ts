import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { workerPort } from './ports';

export interface HubProcess {
	port: number;
	/** The hub code the terminal shows (normalized: no dashes), kept in the data folder. */
	hubCode: string;
	child: ChildProcess;
	/** SIGKILL: nothing flushed, nothing closed. */
	kill(): Promise<void>;
	/** SIGTERM and wait for the exit. */
	stop(): Promise<void>;
}

/**
 * Starts the venue hub as users run it (`src/hub/hub-cli.ts`, one node process so that SIGKILL
 * hits the hub itself) on loopback, serving the build the Playwright web server made, and resolves
 * once it listens, with the hub code read from its terminal output as an organiser reads it.
 * Port: E2E_HUB_PORT, else E2E_PORT + 4000 (4181 → 8181), per worker (support/ports.ts).
 */
export async function startHub(dataDir: string, port = hubPort()): Promise<HubProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/hub-cli.ts', '--port', String(port), '--host', '127.0.0.1', '--data', dataDir, '--quiet'], {
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`hub did not start:\n${output}`)), 30_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('Hub listening on port')) {
				clearTimeout(timer);
				child.off('exit', onExit);
				resolve();
			}
		};
		const onExit = (code: number | null) => {
			clearTimeout(timer);
			reject(new Error(`hub exited (${code}):\n${output}`));
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.once('exit', onExit);
	});
	const hubCode = /Hub code: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(output)?.[1]?.replace(/-/g, '');
	if (!hubCode) throw new Error(`hub printed no hub code:\n${output}`);
	const exited = () =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			child.once('exit', () => resolve());
		});
	return {
		port,
		hubCode,
		child,
		kill: async () => {
			const done = exited();
			child.kill('SIGKILL');
			await done;
		},
		stop: async () => {
			const done = exited();
			child.kill('SIGTERM');
			await done;
		}
	};
}

export function hubPort(): number {
	return workerPort(4000, process.env.E2E_HUB_PORT);
}

/**
 * Waits until the hub in `dataDir` has pinned session `id`: a console attached the hub and the
 * session's token is on disk (`sessions/<id>/pin.json`).
 */
export async function expectSessionPinned(dataDir: string, id: string, timeout = 20_000): Promise<void> {
	await expect.poll(() => existsSync(join(dataDir, 'sessions', id, 'pin.json')), { timeout, message: `session ${id} pinned on the hub` }).toBe(true);
}
