/**
 * What a board tells the person after an action: refusals from the session operations in plain
 * language, and "saved" only once the write is on this device's disk.
 */
import { i18n, type MessageKey } from '$lib/i18n';
import type { OpResult, SaveState } from '$lib/session';

export class BoardFeedback {
	/** A refusal or problem to show (role="alert"), or ''. */
	problem = $state('');
	/** A confirmation to announce (role="status"), or ''. */
	done = $state('');
	/** The confirmation waiting for the save state to reach `saved`. */
	#pending = $state<MessageKey | null>(null);

	/** Shows a refusal; on success, clears it and returns true. */
	check(result: OpResult<unknown>): boolean {
		if (result.ok) {
			this.problem = '';
			return true;
		}
		this.done = '';
		this.problem = i18n.t(result.problem.key, result.problem.params);
		return false;
	}

	/** After a successful write: announce `key` once the save state says `saved`. */
	announceWhenSaved(key: MessageKey): void {
		this.done = '';
		this.#pending = key;
	}

	/** Fed with the session's save state from an `$effect` (which also re-runs on a new announcement). */
	onSaveState(state: SaveState): void {
		if (!this.#pending) return;
		if (state === 'saved') {
			this.problem = '';
			this.done = i18n.t(this.#pending);
			this.#pending = null;
		} else if (state === 'error') {
			this.problem = i18n.t('board.add.saveError');
		}
	}
}
