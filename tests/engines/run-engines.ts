/**
 * `npm run test:engines`: the app's flows in Firefox ESR and WebKitGTK (Debian's packages, see
 * scripts/ensure-engines.mjs), against the production build served by `serve-cli` behind a
 * network relay the flows can cut. One build, one server, one browser per engine (the pairing
 * flows launch the extra tablets they need). An engine that is not installed is reported as
 * SKIPPED with the command that installs it; any failed step fails the run.
 *
 * Environment: ENGINES_PORT (app server; the relay is +1, WebKitWebDriver +2; default 4183),
 * TABLEE_ENGINES (comma list, default "firefox,webkit"), TABLEE_REUSE_BUILD=1 (use build/ as
 * is: `npm test` sets it, the Playwright run just built it from the same tree).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { EngineDevice } from './engine-page';
import { ChromiumDevice } from './drivers/chromium';
import { FirefoxDevice } from './drivers/firefox';
import { WebkitDevice } from './drivers/webkit';
import { commonSteps, noWebrtcSteps, pairingSteps, type FlowContext, type FlowStep } from './flows';
import { deviceReportSteps } from './device-report-flow';
import { NetworkGate } from './network-gate';
import { engineAvailability, type EngineName } from '../../scripts/engine-availability.mjs';

const port = Number(process.env.ENGINES_PORT || 4183);
const gatePort = port + 1;
const driverPort = port + 2;
const base = `http://127.0.0.1:${gatePort}`;
const wanted = (process.env.TABLEE_ENGINES || 'firefox,webkit').split(',').map((s) => s.trim()) as EngineName[];
/** Runs only the steps whose name contains this text (to debug one flow). */
const only = process.env.TABLEE_ENGINE_STEPS || '';

interface Plan {
	engine: EngineName;
	launch(): Promise<EngineDevice & { label(): Promise<string> }>;
	steps: FlowStep[];
}

const plans: Plan[] = [
	{
		engine: 'firefox',
		launch: async () => {
			const d = await FirefoxDevice.launch(base);
			return Object.assign(d, { label: async () => `Firefox ${await d.version()}` });
		},
		steps: [...commonSteps, ...deviceReportSteps, ...pairingSteps]
	},
	{
		engine: 'webkit',
		launch: async () => {
			const d = await WebkitDevice.launch(base, driverPort);
			return Object.assign(d, { label: async () => `WebKitGTK ${d.browserVersion}` });
		},
		steps: [...commonSteps, ...noWebrtcSteps, ...deviceReportSteps]
	}
];

function build(): void {
	if (process.env.TABLEE_REUSE_BUILD === '1' && existsSync('build/index.html')) {
		console.log('Using the build the browser tests just made (TABLEE_REUSE_BUILD=1).');
		return;
	}
	console.log('Building the app (rm -rf static/kits && vite build)…');
	const r = spawnSync('sh', ['-c', 'rm -rf static/kits && npx svelte-kit sync && npx vite build'], { stdio: ['ignore', 'ignore', 'inherit'] });
	if (r.status !== 0) throw new Error('vite build failed');
}

async function startServer(): Promise<ChildProcess> {
	const server = spawn(process.execPath, ['--import', 'tsx', 'src/hub/serve-cli.ts', '--port', String(port)], { stdio: ['ignore', 'ignore', 'inherit'] });
	const started = Date.now();
	for (;;) {
		try {
			if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return server;
		} catch {
			// not listening yet
		}
		if (server.exitCode !== null || Date.now() - started > 30_000) throw new Error(`the app server did not start on port ${port}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms)));
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** Every browser open now: the engine's device first, then those a flow launched (closed after its step). */
const openDevices: EngineDevice[] = [];

async function closeDevicesAfter(count: number): Promise<void> {
	while (openDevices.length > count) await openDevices.pop()!.close();
}

async function runPlan(plan: Plan, gate: NetworkGate): Promise<{ passed: number; failed: number }> {
	let passed = 0;
	let failed = 0;
	const device = await plan.launch();
	openDevices.push(device);
	console.log(`\n${await device.label()}`);
	const ctx: FlowContext = {
		device,
		gate,
		state: {},
		launch: async (kind) => {
			const d = kind === 'chromium' ? await ChromiumDevice.launch(base) : await plan.launch();
			openDevices.push(d);
			return d;
		}
	};
	try {
		for (const step of plan.steps.filter((s) => s.name.includes(only))) {
			const started = Date.now();
			try {
				await withTimeout(step.run(ctx), 120_000, step.name);
				passed++;
				console.log(`  ✓ [${plan.engine}] ${step.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
			} catch (e) {
				failed++;
				console.log(`  ✗ [${plan.engine}] ${step.name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n    ${String(e instanceof Error ? e.message : e).replace(/\n/g, '\n    ')}`);
			} finally {
				gate.setOnline(true);
				await closeDevicesAfter(1);
			}
		}
	} finally {
		await closeDevicesAfter(0);
	}
	return { passed, failed };
}

async function main(): Promise<number> {
	const runnable: Plan[] = [];
	for (const plan of plans.filter((p) => wanted.includes(p.engine))) {
		const available = engineAvailability(plan.engine);
		if (available.ok) runnable.push(plan);
		else console.log(`SKIPPED ${plan.engine}: ${available.missing}. Install it with:\n  ${available.command}`);
	}
	if (runnable.length === 0) {
		console.log('No other engine to test.');
		return 0;
	}
	build();
	const server = await startServer();
	const gate = await NetworkGate.start(gatePort, port);
	let failed = 0;
	let passed = 0;
	try {
		for (const plan of runnable) {
			const r = await runPlan(plan, gate).catch((e: unknown) => {
				console.log(`  ✗ [${plan.engine}] could not start: ${e instanceof Error ? e.message : String(e)}`);
				return { passed: 0, failed: 1 };
			});
			passed += r.passed;
			failed += r.failed;
		}
	} finally {
		await gate.close();
		server.kill();
	}
	console.log(`\n${passed} passed, ${failed} failed (${runnable.map((p) => p.engine).join(', ')})`);
	return failed === 0 ? 0 : 1;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		void Promise.all(openDevices.map((d) => d.close())).finally(() => process.exit(130));
	});
}

main().then(
	(code) => process.exit(code),
	(e: unknown) => {
		console.error(e);
		process.exit(1);
	}
);
