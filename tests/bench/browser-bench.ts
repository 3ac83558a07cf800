/**
 * Shared pieces of the browser benchmarks (session-load, propagation): the static server on
 * build/, Chromium's launch flags (as in playwright.config.ts), and the report lines.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Prints `name: figure (budget …) OK|OVER`; never fails. */
export function report(name: string, ms: number, budget: number): void {
	console.log(`${name}: ${ms.toFixed(1)} ms (budget ${budget} ms) ${ms <= budget ? 'OK' : 'OVER'}`);
}

/** The `p`-th percentile (0–100) of `xs`, nearest rank. */
export function percentile(xs: number[], p: number): number {
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Starts `src/hub/serve-cli.ts` on `root` (default build/, built first if missing) and waits until it
 * answers.
 */
export async function startServer(port: number, root?: string): Promise<ChildProcess> {
	if (!root && !existsSync('build/index.html')) {
		const built = spawnSync('npx', ['vite', 'build'], { stdio: 'ignore' });
		if (built.status !== 0) throw new Error('vite build failed');
	}
	const server = spawn(process.execPath, ['--import', 'tsx', 'src/hub/serve-cli.ts', '--port', String(port), ...(root ? ['--root', root] : [])], { stdio: 'ignore' });
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return server;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	server.kill();
	throw new Error(`server on port ${port} did not start`);
}
