/**
 * The kit Markdown renderer (`marked`, ≈17 KB gz), loaded the first time a screen shows kit
 * Markdown: a station's notes board or a phone never does, so they do not download it. Reading
 * `current` starts the load; readers in a reactive context run again when it arrives.
 */
// A direct path rather than `$lib/kits`: a chunk of its own needs a module the index does not
// already bring in statically.
import type { renderKitMarkdown } from '$lib/kits/kit-markdown';

type Render = typeof renderKitMarkdown;

class MarkdownRenderer {
	#render = $state.raw<Render | undefined>();
	#loading: Promise<void> | undefined;

	/** The renderer once loaded; until then undefined (and the load is started). */
	get current(): Render | undefined {
		if (!this.#render) void this.load().catch(() => {});
		return this.#render;
	}

	/** Loads the renderer; a failed load can be tried again. */
	load(): Promise<void> {
		this.#loading ??= import('$lib/kits/kit-markdown').then(
			(m) => {
				this.#render = m.renderKitMarkdown;
			},
			(error: unknown) => {
				this.#loading = undefined;
				throw error;
			}
		);
		return this.#loading;
	}
}

export const markdownRenderer = new MarkdownRenderer();
