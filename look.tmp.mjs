import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ locale: 'fr-CA' });
page.on('console', m => { if (m.type() === 'error') console.log('console:', m.text()); });
page.on('pageerror', e => console.log('pageerror:', e.message));
await page.goto('http://127.0.0.1:4473/kit/print?key=dialogue-ia-services-publics@' + process.argv[2]);
await page.waitForTimeout(3000);
for (const part of ['posters','cards','glossary','cases','stations']) {
  await page.locator(`input[name=part][value=${part}]`).check();
  await page.waitForTimeout(2500);
  const info = await page.evaluate(() => [...document.querySelectorAll('.print-page, .booklet')].map(e => `${e.dataset.item}:${e.dataset.fit}:${e.dataset.page ?? ''}/${e.dataset.pages ?? ''}:${e.dataset.typePt ?? ''}${e.dataset.overflow ? ' OVER' : ''}`).join(' '));
  console.log(part, info, await page.locator('[role=status]').last().textContent());
  await page.screenshot({ path: `/tmp/print-explore/${part}.png`, fullPage: false });
}
await browser.close();
