/**
 * The hub as users run it: the CLI in a child process. SIGKILL it while a device writes, restart
 * it on the same data folder: every update another device received through it (the hub relays
 * only what is on disk) is still there.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as prng from 'lib0/prng';
import { formatHubCode, generateSessionKey, HUB_CODE_PATTERN } from '$lib/sync';
import { makeAppDir, makeTempDir, removeDir, startDevice, until, type Device } from './hub-fixtures';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = 'src/hub/hub-bin.mjs';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

interface Child {
	process: ChildProcess;
	port: number;
	/** The hub code the terminal shows (normalized). */
	hubCode: string;
	output: () => string;
}

/** Starts the hub through the package's bin (one process, so SIGKILL hits the hub itself). */
async function spawnHub(args: string[]): Promise<Child> {
	const child = spawn(process.execPath, [BIN, '--host', '127.0.0.1', '--port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	cleanups.push(() => child.kill('SIGKILL'));
	let out = '';
	child.stdout!.on('data', (d) => (out += d));
	child.stderr!.on('data', (d) => (out += d));
	const port = await new Promise<number>((resolve, reject) => {
		const timer = setInterval(() => {
			const m = /Hub listening on port (\d+)/.exec(out);
			if (m) {
				clearInterval(timer);
				resolve(Number(m[1]));
			}
		}, 20);
		child.once('exit', (code) => {
			clearInterval(timer);
			reject(new Error(`hub exited (${code}): ${out}`));
		});
	});
	const code = /Hub code: ([0-9A-Z-]+)/.exec(out)?.[1] ?? '';
	return { process: child, port, hubCode: code.replace(/-/g, ''), output: () => out };
}

function exited(child: ChildProcess): Promise<number | null> {
	return new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));
}

describe('hub CLI', () => {
	it('refuses to start without a built app and names the build command', async () => {
		const empty = makeTempDir('tablee-hub-noapp-');
		cleanups.push(() => removeDir(empty));
		const child = spawn(process.execPath, [BIN, '--app', empty, '--data', empty, '--port', '0'], { cwd: ROOT });
		let err = '';
		child.stderr.on('data', (d) => (err += d));
		expect(await exited(child)).toBe(1);
		expect(err).toContain('npm run build');
	});

	it('shows the hub code it keeps in the data folder (same after a restart, new with --new-hub-code) and the quotas; bad quotas are refused', { timeout: 60_000 }, async () => {
		const appDir = makeAppDir();
		const dataDir = makeTempDir();
		cleanups.push(() => removeDir(appDir), () => removeDir(dataDir));
		const first = await spawnHub(['--app', appDir, '--data', dataDir, '--session-quota', '512M', '--total-quota', '4G']);
		expect(first.hubCode).toMatch(HUB_CODE_PATTERN);
		expect(first.output()).toContain(`Hub code: ${formatHubCode(first.hubCode)} (new)`);
		expect(first.output()).toContain('Disk quotas: 512 MiB per session, 4096 MiB in total');
		// The QR code for the facilitator's tablet carries the address and the code: the terminal shows both.
		expect(first.output()).toContain('Réglages > Code du boîtier');
		first.process.kill('SIGTERM');
		expect(await exited(first.process)).toBe(0);

		const second = await spawnHub(['--app', appDir, '--data', dataDir]);
		expect(second.hubCode).toBe(first.hubCode);
		expect(second.output()).toContain('kept in the data folder');
		expect(second.output()).toContain('Disk quotas: 256 MiB per session, 2048 MiB in total');
		second.process.kill('SIGTERM');
		await exited(second.process);

		const third = await spawnHub(['--app', appDir, '--data', dataDir, '--new-hub-code']);
		expect(third.hubCode).toMatch(HUB_CODE_PATTERN);
		expect(third.hubCode).not.toBe(first.hubCode);
		third.process.kill('SIGTERM');
		await exited(third.process);

		const bad = spawn(process.execPath, [BIN, '--app', appDir, '--data', dataDir, '--port', '0', '--session-quota', 'beaucoup'], { cwd: ROOT });
		let err = '';
		bad.stderr.on('data', (d) => (err += d));
		expect(await exited(bad)).toBe(2);
		expect(err).toContain('Invalid --session-quota: beaucoup');
	});

	it('loses nothing acknowledged when killed with SIGKILL mid-stream', { timeout: 60_000 }, async () => {
		const seed = Number(process.env.SYNC_SEED ?? Math.floor(Math.random() * 2 ** 31));
		console.log(`[hub SIGKILL] seed ${seed} (replay with SYNC_SEED=${seed})`);
		const gen = prng.create(seed);
		const killAfter = prng.int32(gen, 40, 160);
		const appDir = makeAppDir();
		const dataDir = makeTempDir();
		cleanups.push(() => removeDir(appDir), () => removeDir(dataDir));
		const sessionId = 'atelier-kill';
		const key = generateSessionKey();

		const first = await spawnHub(['--app', appDir, '--data', dataDir]);
		const url = `ws://127.0.0.1:${first.port}/sync`;
		const devices: Device[] = [];
		cleanups.push(() => devices.forEach((d) => d.destroy()));
		// The facilitator's tablet holds the code the terminal shows; the writer (a phone) does not.
		const writer = startDevice({ url, sessionId, key, hubCode: null });
		const facilitator = startDevice({ url, sessionId, key, role: 'facilitator', hubCode: first.hubCode });
		devices.push(writer, facilitator);
		await until(() => writer.transport.connected && facilitator.transport.connected, 10_000, 'devices connected');

		let written = 0;
		const writing = setInterval(() => {
			for (let i = 0; i < 3; i++) writer.notes.set(`note-${written++}`, `texte ${written}`);
		}, 2);
		cleanups.push(() => clearInterval(writing));
		await until(() => facilitator.notes.size >= killAfter, 20_000, `facilitator saw ${killAfter} notes`);
		first.process.kill('SIGKILL');
		await exited(first.process);
		clearInterval(writing);
		const acknowledged = [...facilitator.notes.keys()];
		expect(acknowledged.length, `seed ${seed}`).toBeGreaterThanOrEqual(killAfter);
		writer.destroy();
		facilitator.destroy();
		devices.length = 0;

		const second = await spawnHub(['--app', appDir, '--data', dataDir]);
		expect(second.output()).toContain('1 session(s) loaded');
		const reader = startDevice({ url: `ws://127.0.0.1:${second.port}/sync`, sessionId, key, hubCode: null });
		devices.push(reader);
		await until(() => acknowledged.every((k) => reader.notes.has(k)), 10_000, 'acknowledged notes after restart').catch(() => {});
		const missing = acknowledged.filter((k) => !reader.notes.has(k));
		expect(missing, `seed ${seed}: ${missing.length} of ${acknowledged.length} acknowledged notes lost (written ${written})`).toEqual([]);
		// The log never holds contribution text.
		expect(first.output() + second.output()).not.toContain('texte ');
		second.process.kill('SIGTERM');
		expect(await exited(second.process)).toBe(0);
	});
});
