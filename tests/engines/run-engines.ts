/**
 * `npm run test:engines`: the app's flows in Firefox ESR and WebKitGTK (Debian's packages, see
 * scripts/ensure-engines.mjs), against the production build served by `serve-cli` behind a
 * network relay per engine that its flows can cut. One build, one server, one browser per engine
 * (the pairing flow launches the extra tablets it needs); the engines run side by side, as most
 * of their time is spent waiting. An engine that is not installed is reported as SKIPPED with the
 * command that installs it; any failed step fails the run.
 *
 * Environment: ENGINES_PORT (app server, default 4183; Firefox's relay is +1, WebKit's +2,
 * WebKitWebDriver +3), TABLEE_ENGINES (comma list, default "firefox,webkit"),
 * TABLEE_ENGINES_SERIAL=1 (one engine after the other), TABLEE_ENGINE_STEPS (only the steps whose
 * name contains it), TABLEE_REUSE_BUILD=1 (use build/ as is: `npm test` sets it, the Playwright
 * run just built it from the same tree).
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
const wanted = (process.env.TABLEE_ENGINES || 'firefox,webkit').split(',').map((s) => s.trim()) as EngineName[];
/** Runs only the steps whose name contains this text (to debug one flow). */
const only = process.env.TABLEE_ENGINE_STEPS || '';
const serial = process.env.TABLEE_ENGINES_SERIAL === '1';

interface Plan {
	engine: EngineName;
	/** The port of this engine's network relay: its pages' origin. */
	gatePort: number;
	launch(base: string): Promise<EngineDevice & { label(): Promise<string> }>;
	steps: FlowStep[];
	/** Browsers open now: the engine's device first, then those a flow launched. */
	devices: EngineDevice[];
}

const plans: Plan[] = [
	{
		engine: 'firefox',
		gatePort: port + 1,
		launch: async (base) => {
			const d = await FirefoxDevice.launch(base);
			return Object.assign(d, { label: async () => `Firefox ${await d.version()}` });
		},
		steps: [...commonSteps, ...deviceReportSteps, ...pairingSteps],
		devices: []
	},
	{
		engine: 'webkit',
		gatePort: port + 2,
		launch: async (base) => {
			const d = await WebkitDevice.launch(base, port + 3);
			return Object.assign(d, { label: async () => `WebKitGTK ${d.browserVersion}` });
		},
		steps: [...commonSteps, ...noWebrtcSteps, ...deviceReportSteps],
		devices: []
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

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms)));
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

async function closeDevicesAfter(plan: Plan, count: number): Promise<void> {
	while (plan.devices.length > count) await plan.devices.pop()!.close();
}

async function runPlan(plan: Plan): Promise<{ passed: number; failed: number }> {
	let passed = 0;
	let failed = 0;
	const base = `http://127.0.0.1:${plan.gatePort}`;
	const gate = await NetworkGate.start(plan.gatePort, port);
	const launchStarted = Date.now();
	try {
		const device = await plan.launch(base);
		plan.devices.push(device);
		console.log(`${await device.label()} (started in ${seconds(launchStarted)})`);
		const ctx: FlowContext = {
			device,
			gate,
			state: {},
			launch: async (kind) => {
				const d = kind === 'chromium' ? await ChromiumDevice.launch(base) : await plan.launch(base);
				plan.devices.push(d);
				return d;
			}
		};
		for (const step of plan.steps.filter((s) => s.name.includes(only))) {
			const started = Date.now();
			try {
				await withTimeout(step.run(ctx), 120_000, step.name);
				passed++;
				console.log(`  ✓ [${plan.engine}] ${step.name} (${seconds(started)})`);
			} catch (e) {
				failed++;
				console.log(`  ✗ [${plan.engine}] ${step.name} (${seconds(started)})\n    ${String(e instanceof Error ? e.message : e).replace(/\n/g, '\n    ')}`);
			} finally {
				gate.setOnline(true);
				// Tablets a flow launched are its own: closed before the next step.
				await closeDevicesAfter(plan, 1);
			}
		}
	} finally {
		await closeDevicesAfter(plan, 0);
		await gate.close();
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
	const started = Date.now();
	build();
	const server = await startServer();
	console.log(`App served in ${seconds(started)}`);
	let failed = 0;
	let passed = 0;
	const run = (plan: Plan) =>
		runPlan(plan).catch((e: unknown) => {
			console.log(`  ✗ [${plan.engine}] could not run: ${e instanceof Error ? e.message : String(e)}`);
			return { passed: 0, failed: 1 };
		});
	try {
		const results = serial ? [] : await Promise.all(runnable.map(run));
		if (serial) for (const plan of runnable) results.push(await run(plan));
		for (const r of results) {
			passed += r.passed;
			failed += r.failed;
		}
	} finally {
		server.kill();
	}
	console.log(`\n${passed} passed, ${failed} failed (${runnable.map((p) => p.engine).join(', ')}) in ${seconds(started)}`);
	return failed === 0 ? 0 : 1;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		void Promise.all(plans.flatMap((p) => p.devices.map((d) => d.close()))).finally(() => process.exit(130));
	});
}

main().then(
	(code) => process.exit(code),
	(e: unknown) => {
		console.error(e);
		process.exit(1);
	}
);
