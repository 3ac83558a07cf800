/**
 * A kit of this device's library opened for a screen, by key (`id@version`): the open result
 * (with its issues when the kit no longer passes the checks) and a `KitView` while it is open.
 * Must be created during a component's initialisation: it opens the kit again when the key
 * changes and releases the view's object URLs when the key changes or the screen goes away.
 */
import { kitLibrary, type OpenKitResult } from './kit-library.svelte';
import { KitView } from './kit-view';

export class KitOpening {
	#result = $state.raw<OpenKitResult | undefined>(undefined);
	#view = $state.raw<KitView | undefined>(undefined);

	constructor(key: () => string) {
		$effect(() => {
			const wanted = key();
			let current: KitView | undefined;
			let cancelled = false;
			this.#result = undefined;
			void kitLibrary.open(wanted).then((r) => {
				if (cancelled) return;
				this.#result = r;
				if (r.ok) this.#view = current = new KitView(r.value.kit);
			});
			return () => {
				cancelled = true;
				current?.destroy();
				this.#view = undefined;
			};
		});
	}

	/** Undefined while opening. */
	get result(): OpenKitResult | undefined {
		return this.#result;
	}

	get view(): KitView | undefined {
		return this.#view;
	}
}
