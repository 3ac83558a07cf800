/**
 * Display preferences of this device (large text). Kept in localStorage: it describes the
 * device and the person using it, and must apply before the first paint.
 */
import { browser } from '$app/environment';

const KEY = 'tablee.largeText';

export class Display {
	#largeText = $state(browser && localStorage.getItem(KEY) === '1');

	get largeText(): boolean {
		return this.#largeText;
	}

	set largeText(on: boolean) {
		this.#largeText = on;
		if (!browser) return;
		document.documentElement.classList.toggle('large-text', on);
		try {
			localStorage.setItem(KEY, on ? '1' : '0');
		} catch {
			// Not fatal: the setting then lasts for this visit only.
		}
	}

	/** Applies the stored preference to the page (call once at start). */
	apply(): void {
		if (browser) document.documentElement.classList.toggle('large-text', this.#largeText);
	}
}

export const display = new Display();
