/**
 * A kit the app does not bundle (a copy of the bundled Québec kit under another id), imported
 * through the kits screen: the kit that has to travel to devices that lack it.
 */
import { expect, type Page } from '@playwright/test';
import { zipKit } from './kit-zip';

export const TRAVELLING_KIT_TITLE = 'Trousse voyageuse';
export const TRAVELLING_KIT_KEY = 'trousse-voyageuse@1.0.0';

export async function importTravellingKit(page: Page): Promise<void> {
	await page.goto('/kits');
	await page.getByLabel('Choisir un fichier .zip').setInputFiles({
		name: 'trousse-voyageuse.zip',
		mimeType: 'application/zip',
		buffer: zipKit('workshop-kits/dialogue-ia-services-publics', (m) => {
			m.id = 'trousse-voyageuse';
			m.title = { 'fr-CA': TRAVELLING_KIT_TITLE, en: 'Travelling kit' };
		})
	});
	await expect(page.getByRole('heading', { level: 3, name: TRAVELLING_KIT_TITLE })).toBeVisible();
}
