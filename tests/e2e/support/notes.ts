/**
 * Writes many notes at a station the way a participant does (the note box's input event, then the
 * form's submit button), inside the page: one round trip for the whole batch instead of a fill,
 * a click and a check per note, so boards of hundreds of notes are built in seconds. Each note
 * waits until the form has cleared its box (the note was taken) before the next is typed; a
 * refused note (a limit, a closed board) stops the batch with its text. Returns once the form
 * says the last note is saved (its status, emptied by each new note, is shown again): the page
 * may then be closed, as a participant may after « Note enregistrée ».
 */
import type { Page } from '@playwright/test';

export async function writeNotes(page: Page, texts: readonly string[]): Promise<void> {
	const form = page.locator('form.add-note');
	await form.locator('textarea').waitFor();
	await form.evaluate(async (el, notes) => {
		const box = el.querySelector('textarea')!;
		const submit = el.querySelector<HTMLButtonElement>('button[type="submit"]')!;
		for (const note of notes) {
			box.value = note;
			box.dispatchEvent(new Event('input', { bubbles: true }));
			submit.click();
			const started = performance.now();
			while (box.value !== '') {
				if (performance.now() - started > 5_000) throw new Error(`note not taken: ${note}`);
				await new Promise((resolve) => setTimeout(resolve, 2));
			}
		}
		const saved = el.querySelector('p.saved[role="status"]')!;
		const started = performance.now();
		while (!saved.textContent?.trim()) {
			if (performance.now() - started > 10_000) throw new Error('the last note was never said to be saved');
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}, texts);
}
