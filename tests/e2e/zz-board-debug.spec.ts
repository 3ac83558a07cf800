import { expect, test } from '@playwright/test';
import { createSession } from './support/session-fixture';

test('debug screenshots', async ({ page, context }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	const id = await createSession(page, { kitId: 'dialogue-ia-services-publics', agendaId: 'imaginer' });
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto(`/activity?id=${id}&activity=reves`);
	await page.getByRole('button', { name: 'J’accepte de participer' }).click();
	await page.getByRole('button', { name: 'Texte agrandi' }).click();
	for (const t of ['Un comité citoyen permanent dans chaque ville', 'uneidéetrèslonguesansespacepourvérifierquelecartonnedébordepas']) {
		await page.getByLabel('Votre note', { exact: true }).fill(t);
		await page.getByRole('button', { name: 'Ajouter la note' }).click();
	}
	await page.waitForTimeout(500);
	const offenders = await page.evaluate(() => {
		const w = document.documentElement.clientWidth;
		return [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => el.getBoundingClientRect().right > w + 1).map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`).slice(0, 15);
	});
	console.log(offenders.join('\n'));
	await page.screenshot({ path: '/tmp/board-360-large.png', fullPage: true });
	await page.setViewportSize({ width: 800, height: 1100 });
	await page.getByRole('button', { name: 'Texte agrandi' }).click();
	await page.screenshot({ path: '/tmp/board-800.png', fullPage: true });
	const fac = await context.newPage();
	await fac.setViewportSize({ width: 900, height: 1200 });
	await fac.goto(`/activity?id=${id}&activity=reves&role=facilitator`);
	await fac.getByLabel('Nouveau thème (nom)').fill('Gouvernance');
	await fac.getByRole('button', { name: 'Créer le thème' }).click();
	await fac.waitForTimeout(300);
	await fac.screenshot({ path: '/tmp/board-fac.png', fullPage: true });
	await fac.goto(`/activity?id=${id}&activity=checkin-debut`);
	await fac.getByRole('radio', { name: 'Moyennes' }).check();
	await fac.waitForTimeout(300);
	await fac.screenshot({ path: '/tmp/checkin.png', fullPage: true });
	await fac.goto(`/activity?id=${id}&activity=stations-thematiques`);
	await fac.screenshot({ path: '/tmp/stations.png', fullPage: true });
	await fac.goto(`/activity?id=${id}&activity=inspirations-preoccupations`);
	await fac.getByLabel('Votre note', { exact: true }).fill('Une inspiration');
	await fac.getByRole('radio', { name: 'Inspiration', exact: true }).check();
	await fac.getByRole('button', { name: 'Ajouter la note' }).click();
	await fac.waitForTimeout(300);
	await fac.screenshot({ path: '/tmp/silent.png', fullPage: true });
});
