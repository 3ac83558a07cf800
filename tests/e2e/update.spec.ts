import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workerPort } from './support/ports';

// Offline use and the service worker's routing are what this file tests (screen specs block the worker).
test.use({ serviceWorkers: 'allow' });

// This test deploys a new version under a running app, so it serves its own copy of the build.
const PORT = workerPort(18);
let root: string;
let server: ChildProcess;

test.beforeAll(async () => {
	root = mkdtempSync(join(tmpdir(), 'tablee-update-'));
	cpSync('build', root, { recursive: true });
	server = spawn(process.execPath, ['--import', 'tsx', 'src/hub/serve-cli.ts', '--root', root, '--port', String(PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
	await new Promise<void>((resolve) => server.stdout!.once('data', () => resolve()));
});

test.afterAll(() => {
	server?.kill();
	rmSync(root, { recursive: true, force: true });
});

test('a new version is announced, keeps the page on the old one, and is applied only on request', async ({ page, context }) => {
	const base = `http://127.0.0.1:${PORT}`;
	await page.goto(`${base}/`);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await page.evaluate(() => navigator.serviceWorker.ready);

	// What the service worker downloads from now on.
	const fetchedByWorker: string[] = [];
	context.on('request', (request) => {
		if (request.serviceWorker()) fetchedByWorker.push(new URL(request.url()).pathname);
	});

	// Deploy a new version: the service worker file changes on the server, with a new app version.
	const workerFile = join(root, 'service-worker.js');
	const { version } = JSON.parse(readFileSync(join(root, '_app/version.json'), 'utf8')) as { version: string };
	const worker = readFileSync(workerFile, 'utf8');
	expect(worker).toContain(version);
	writeFileSync(workerFile, `${worker.replaceAll(version, `${version}-next`)}\n// next version\n`);
	await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

	const banner = page.getByRole('status').filter({ hasText: 'Une nouvelle version de Tablée est prête.' });
	await expect(banner).toBeVisible();
	// The new version downloaded its screens again (revisioned by the app version) but not the
	// bundled kits or icons, which are revisioned by their content and did not change.
	expect(fetchedByWorker).toContain('/200.html');
	expect(fetchedByWorker.filter((path) => path.startsWith('/kits/') || path.startsWith('/icons/'))).toEqual([]);
	// Nothing was swapped in: the new worker waits while the first one keeps control.
	expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state)).toBe('installed');

	// "Later" hides the notice; it comes back on the next start while the version still waits.
	await banner.getByRole('button', { name: 'Plus tard' }).click();
	await expect(banner).toBeHidden();
	await page.reload();
	await expect(page.getByRole('button', { name: 'Mettre à jour maintenant' })).toBeVisible();

	const reloaded = page.waitForEvent('load');
	await page.getByRole('button', { name: 'Mettre à jour maintenant' }).click();
	await reloaded;
	await expect(page.getByRole('heading', { level: 1, name: 'Tablée' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Mettre à jour maintenant' })).toBeHidden();
	const state = await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.getRegistration();
		return { waiting: registration?.waiting ?? null, controlled: navigator.serviceWorker.controller !== null };
	});
	expect(state).toEqual({ waiting: null, controlled: true });
});
