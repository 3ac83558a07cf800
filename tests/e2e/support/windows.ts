/**
 * A second screen of the same device (the wall beside the console, a facilitator's window beside
 * a station) opened as its own window, not as a tab behind the first one.
 *
 * Playwright opens every `context.newPage()` as a tab of one window, and Chromium stops drawing a
 * tab that is not in front: its animation frames come about once a second, so each click there
 * (Playwright waits for two frames of a still element) took up to 2 s, and so did each screenshot.
 * A real wall is a window on a projector, drawn all the time: a window opened by `window.open`
 * with the `popup` feature is one (no opener link, the context's viewport and options apply).
 * A context's first page is an ordinary one.
 */
import type { BrowserContext, Page } from '@playwright/test';

export async function newWindow(context: BrowserContext): Promise<Page> {
	const opener = context.pages().find((p) => !p.isClosed());
	if (!opener) return context.newPage();
	// The opener may be between two documents (a test that just clicked a link): its script context
	// is then destroyed under `evaluate`; wait for its new document and open the window from there.
	for (let attempt = 1; ; attempt++) {
		const opened = context.waitForEvent('page');
		try {
			await opener.evaluate(() => void window.open('about:blank', '_blank', 'popup,noopener'));
		} catch (error) {
			opened.catch(() => {});
			if (attempt === 3 || !/context was destroyed|navigat/i.test(String(error))) throw error;
			await opener.waitForLoadState();
			continue;
		}
		const page = await opened;
		await page.waitForLoadState();
		return page;
	}
}
