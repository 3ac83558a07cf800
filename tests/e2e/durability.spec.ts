import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newWindow } from './support/windows';

/**
 * "Saved" must mean saved: the browser is closed right after a note shows "Note enregistrée",
 * then started again on the same profile (a persistent context: the same IndexedDB on disk), and
 * the note must be there. Closing a persistent context shuts that browser down, like a tablet
 * whose browser is killed.
 */
const ROUNDS = 4;
const STATION = '/activity?id={id}&activity=stations-thematiques&station=s2-publics-marginalises';

let profile: string;

test.beforeAll(() => {
	profile = mkdtempSync(join(tmpdir(), 'tablee-profile-'));
});
test.afterAll(() => rmSync(profile, { recursive: true, force: true }));

async function startBrowser(): Promise<BrowserContext> {
	const use = test.info().project.use;
	return chromium.launchPersistentContext(profile, {
		executablePath: use.launchOptions?.executablePath,
		args: use.launchOptions?.args,
		baseURL: use.baseURL,
		locale: 'fr-CA'
	});
}

async function openStation(page: Page, id: string): Promise<void> {
	await page.goto(STATION.replace('{id}', id));
	await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
}

test(`every note marked saved survives closing the browser at once (${ROUNDS} browser restarts)`, async () => {
	test.setTimeout(180_000);
	let context = await startBrowser();
	let page = await newWindow(context);
	await page.goto('/sessions/new');
	await page.getByRole('radio', { name: /Imaginer/ }).check();
	await page.getByRole('button', { name: 'Créer la séance' }).click();
	await expect(page).toHaveURL(/\/console\?id=/);
	const id = new URL(page.url()).searchParams.get('id')!;
	await openStation(page, id);
	await page.getByRole('button', { name: 'J’accepte de participer' }).click();
	await context.close();

	for (let i = 1; i <= ROUNDS; i++) {
		context = await startBrowser();
		page = await newWindow(context);
		await openStation(page, id);
		await page.getByLabel('Votre note', { exact: true }).fill(`Note avant fermeture ${i}`);
		await page.getByRole('button', { name: 'Ajouter la note' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Note enregistrée' })).toBeVisible();
		await context.close();
	}

	context = await startBrowser();
	page = await newWindow(context);
	await openStation(page, id);
	await expect(page.getByRole('article')).toHaveCount(ROUNDS);
	for (let i = 1; i <= ROUNDS; i++) {
		await expect(page.getByRole('article').filter({ hasText: `Note avant fermeture ${i}` })).toHaveCount(1);
	}
	await context.close();
});
