/**
 * Where opening a session spends its time (issue 15, part 2): not a budget, a breakdown. Opens the
 * 600-note facilitator board of session-load.bench.ts and a station's note form (an « Imaginer »
 * session, consent given) in Chromium, each a few times with the CDP sampling profiler on, and
 * prints per open: the page's milestones (response end, scripts fetched, the `tablee:open:*` User
 * Timing marks of `OpenSession.open`, the cards or the note field in the DOM), then, summed over
 * the runs, the main thread's sampled CPU time by script and the busiest functions.
 *
 * Function names are readable only in an unminified build: `PROFILE_BUILD=<dir>` serves that
 * build instead of build/ (`npx vite build --minify false && cp -r build <dir>`, then rebuild).
 * Run: `BENCH_PORT=4306 npx vitest run --config tests/bench/vitest.config.ts tests/bench/session-open-profile.bench.ts`.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTrace, traceToJson } from '$lib/export';
import { largeSession, manifest, T0 } from '../unit/export/export-fixtures';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServer } from './browser-bench';
import { createImaginerSession } from './hub-facilitator';

const PORT = Number(process.env.BENCH_PORT || 4306) + 5;
const BASE = `http://127.0.0.1:${PORT}`;
const NOTES = 600;
const RUNS = 3;
const ACTIVITY = 'confiance-transparence';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** Marks `__ready` when `selector` matches `count` elements (count from sessionStorage). */
function watch(): void {
	const w = window as unknown as { __ready?: number };
	const observer = new MutationObserver(() => {
		const selector = sessionStorage.getItem('profile-selector');
		const want = Number(sessionStorage.getItem('profile-count') ?? '1');
		if (selector && w.__ready === undefined && document.querySelectorAll(selector).length >= want) {
			w.__ready = performance.now();
			observer.disconnect();
		}
	});
	observer.observe(document, { childList: true, subtree: true });
}

/** Self time (ms) per key over the profile's samples. */
function selfTimes(profile: CpuProfile, key: (node: ProfileNode) => string): Map<string, number> {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const out = new Map<string, number>();
	profile.samples.forEach((id, i) => {
		const node = byId.get(id)!;
		const k = key(node);
		out.set(k, (out.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
	});
	return out;
}

const scriptName = (url: string): string => {
	if (!url) return '(native)';
	const path = new URL(url, BASE).pathname;
	return path.replace('/_app/immutable/', '');
};

function add(into: Map<string, number>, from: Map<string, number>): void {
	for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

function top(map: Map<string, number>, n: number, runs: number): string {
	return [...map]
		.sort((a, b) => b[1] - a[1])
		.slice(0, n)
		.map(([k, v]) => `    ${(v / runs).toFixed(1).padStart(7)} ms  ${k}`)
		.join('\n');
}

/** One profiled open of `url`; prints the milestones, returns the profile. */
async function profiledOpen(page: Page, url: string, selector: string, count: number): Promise<CpuProfile> {
	await page.goto(`${BASE}/export`);
	await page.evaluate(([s, c]) => {
		sessionStorage.setItem('profile-selector', s);
		sessionStorage.setItem('profile-count', c);
	}, [selector, String(count)] as const);
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	await cdp.send('Profiler.start');
	await page.goto(`${BASE}${url}`, { waitUntil: 'commit' });
	await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready, undefined, { timeout: 60_000, polling: 50 });
	const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
	await cdp.detach();
	const t = await page.evaluate(() => {
		const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
		const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
		const other = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => !r.name.endsWith('.js'));
		return {
			response: nav.responseEnd,
			dcl: nav.domContentLoadedEventEnd,
			scripts: scripts.length,
			lastScript: Math.max(0, ...scripts.map((s) => s.responseEnd)),
			other: other.map((r) => `${new URL(r.name).pathname} ${r.startTime.toFixed(0)}→${r.responseEnd.toFixed(0)}`),
			late: scripts.filter((r) => r.startTime > (performance.getEntriesByType('mark').find((m) => m.name.startsWith('tablee:open:start'))?.startTime ?? Infinity)).map((r) => `${new URL(r.name).pathname.split('/').pop()} ${r.startTime.toFixed(0)}→${r.responseEnd.toFixed(0)}`),
			marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('tablee:')).map((m) => `${m.name.replace('tablee:open:', '')} ${m.startTime.toFixed(0)}`),
			ready: (window as unknown as { __ready: number }).__ready
		};
	});
	console.log(
		`  response ${t.response.toFixed(0)}, DOMContentLoaded ${t.dcl.toFixed(0)}, ${t.scripts} scripts by ${t.lastScript.toFixed(0)}, other fetches [${t.other.join('; ')}], open marks [${t.marks.join(', ')}], scripts fetched after the open started [${t.late.join('; ')}], ready ${t.ready.toFixed(0)} ms`
	);
	return profile;
}

async function profileScreen(page: Page, name: string, url: string, selector: string, count: number): Promise<void> {
	console.log(`${name}: ${url} (load average ${loadavg().map((l) => l.toFixed(2)).join(', ')})`);
	await profiledOpen(page, url, selector, count); // warm-up: HTTP cache, service worker
	const byScript = new Map<string, number>();
	const byFunction = new Map<string, number>();
	for (let i = 0; i < RUNS; i++) {
		const profile = await profiledOpen(page, url, selector, count);
		add(byScript, selfTimes(profile, (n) => (n.callFrame.url ? scriptName(n.callFrame.url) : n.callFrame.functionName)));
		add(
			byFunction,
			selfTimes(profile, (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url ? `${scriptName(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : ''}`)
		);
	}
	const busy = [...byScript].filter(([k]) => k !== '(idle)').reduce((a, [, v]) => a + v, 0);
	console.log(`  ${name}, sampled main-thread time per open, not idle: ${(busy / RUNS).toFixed(1)} ms; by script (self):\n${top(byScript, 16, RUNS)}`);
	console.log(`  ${name}, busiest functions (self, per open):\n${top(byFunction, 30, RUNS)}`);
}

describe('session open profile', () => {
	let server: ChildProcess;
	let browser: Browser;
	let dir: string;

	beforeAll(async () => {
		server = await startServer(PORT, process.env.PROFILE_BUILD);
		browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
		dir = mkdtempSync(join(tmpdir(), 'tablee-profile-'));
	}, 600_000);

	afterAll(async () => {
		await browser?.close();
		server?.kill();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('breaks down the open of a 600-note board and of a station note form', async () => {
		const s = largeSession(NOTES, 7);
		const file = join(dir, 'trace-600.json');
		writeFileSync(file, traceToJson(buildTrace({ session: s.info, kit: manifest, doc: s.doc, exportedAt: T0 + 3_600_000, privacy: { authorNames: true, observerNotes: true } })));
		const context = await browser.newContext({ locale: 'fr-CA', serviceWorkers: 'allow' });
		await context.addInitScript(watch);
		const page = await context.newPage();
		await page.goto(`${BASE}/export`);
		await page.getByLabel('Fichier de trace').setInputFiles(file);
		await page.getByRole('status').filter({ hasText: 'ajoutée à cet appareil' }).waitFor({ timeout: 120_000 });
		await profileScreen(page, `facilitator board, ${NOTES} notes`, `/activity?id=${s.info.id}&activity=${ACTIVITY}&role=facilitator`, 'article.note', 60);
		expect(await page.locator('article.note').count()).toBe(60);

		const id = await createImaginerSession(page, BASE, 'Profil');
		const station = `/activity?id=${id}&activity=stations-thematiques&station=s1-themes`;
		await page.goto(`${BASE}${station}`);
		await page.getByRole('button', { name: 'J’accepte de participer' }).click();
		await page.getByLabel('Votre note', { exact: true }).waitFor();
		await profileScreen(page, 'station note form', station, 'textarea', 1);
		await context.close();
	});
});
