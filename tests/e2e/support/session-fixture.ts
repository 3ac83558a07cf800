/**
 * Creates a session the way a facilitator does, through /sessions/new, and returns its id.
 * Locale-independent (fields are found by position and value, not by their labels), so tests
 * that run the app in English can use it too.
 */
import { expect, type Page } from '@playwright/test';

export interface SessionSeed {
	kitId: string;
	agendaId: string;
	title?: string;
	language?: 'fr-CA' | 'en';
}

export async function createSession(page: Page, seed: SessionSeed): Promise<string> {
	await page.goto('/sessions/new');
	// Read by the page, not the test runner: the page's host may be a name only its browser maps.
	const index = (await page.evaluate(async () => (await fetch('/kits/index.json')).json())) as { id: string; version: string }[];
	const kit = index.find((k) => k.id === seed.kitId);
	if (!kit) throw new Error(`Kit ${seed.kitId} is not bundled`);
	const form = page.locator('form');
	const kitSelect = form.locator('select').first();
	await expect(kitSelect.locator(`option[value="${kit.id}@${kit.version}"]`)).toHaveCount(1);
	await kitSelect.selectOption(`${kit.id}@${kit.version}`);
	await form.locator(`input[name="agenda"][value="${seed.agendaId}"]`).check();
	if (seed.title) await form.locator('input[type="text"]').first().fill(seed.title);
	if (seed.language && (await form.locator('select').count()) > 1) await form.locator('select').nth(1).selectOption(seed.language);
	await form.locator('button[type="submit"]').click();
	await expect(page).toHaveURL(/\/console\?id=[A-Za-z0-9_-]+$/);
	return new URL(page.url()).searchParams.get('id')!;
}
