/**
 * Reads a QR code the way a phone would: from pixels. The element is screenshotted as rendered
 * (screen or print media), and the PNG is decoded in the page with jsQR (injected from
 * node_modules), so no image decoder is needed in Node.
 */
import { createRequire } from 'node:module';
import type { Locator, Page } from '@playwright/test';

const require = createRequire(import.meta.url);
const jsqrPath = require.resolve('jsqr/dist/jsQR.js');

export async function decodeQr(page: Page, target: Locator): Promise<string | null> {
	const png = await target.screenshot();
	if (!(await page.evaluate(() => 'jsQR' in window))) await page.addScriptTag({ path: jsqrPath });
	return page.evaluate(async (base64) => {
		type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
		const img = new Image();
		img.src = `data:image/png;base64,${base64}`;
		await img.decode();
		const canvas = document.createElement('canvas');
		canvas.width = img.naturalWidth;
		canvas.height = img.naturalHeight;
		const ctx = canvas.getContext('2d')!;
		ctx.drawImage(img, 0, 0);
		const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
		return (window as unknown as { jsQR: JsQr }).jsQR(pixels.data, canvas.width, canvas.height)?.data ?? null;
	}, png.toString('base64'));
}

/** Page sizes of a PDF made by Chromium, in points, one entry per page. */
export function pdfPageSizes(pdf: Buffer): { width: number; height: number }[] {
	const text = pdf.toString('latin1');
	return [...text.matchAll(/\/Type\s*\/Page\b(?!s)[\s\S]*?\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => ({
		width: Number(m[3]) - Number(m[1]),
		height: Number(m[4]) - Number(m[2])
	}));
}
