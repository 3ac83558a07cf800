/**
 * A group's answer to one case question while it is being typed. Keystrokes stay local and are
 * written to the session after a short pause (or at once on leaving the field, ticking a card or
 * leaving the page), so the shared doc gets one update per pause rather than per key, and
 * nothing typed is lost. Answers written by another tablet of the group are taken in whenever
 * this one has nothing pending.
 */
import type { OpResult, Refusal } from '$lib/session';

export interface AnswerValue {
	text: string;
	citedCards: readonly string[];
}

export interface AnswerDraftOptions {
	/** Writes the answer to the session (`ops.answerCaseQuestion`). */
	write: (value: AnswerValue) => OpResult;
	initial: AnswerValue;
	/** Pause before writing, in milliseconds. */
	delay?: number;
}

export class AnswerDraft {
	text = $state('');
	cited = $state<string[]>([]);
	/** Typed but not yet written to the session. */
	pending = $state(false);
	/** Why the last write was refused (too long, case changed…); the text stays on screen. */
	refusal = $state<Refusal | null>(null);
	readonly #write: (value: AnswerValue) => OpResult;
	readonly #delay: number;
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(options: AnswerDraftOptions) {
		this.#write = options.write;
		this.#delay = options.delay ?? 700;
		this.text = options.initial.text;
		this.cited = [...options.initial.citedCards];
	}

	input(text: string): void {
		this.text = text;
		this.pending = true;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.flush(), this.#delay);
	}

	toggleCite(cardId: string): void {
		this.cited = this.cited.includes(cardId) ? this.cited.filter((id) => id !== cardId) : [...this.cited, cardId];
		this.pending = true;
		this.flush();
	}

	/** Writes what is pending now. */
	flush(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		if (!this.pending) return;
		const result = this.#write({ text: this.text, citedCards: this.cited });
		this.refusal = result.ok ? null : result.problem;
		// A refused write stays pending so that the text is kept and retried on the next change.
		this.pending = !result.ok;
	}

	/**
	 * Takes in the stored answer (written here or by another tablet) when nothing is pending. The
	 * session stores answers trimmed, so a stored text equal to this one trimmed is this device's
	 * own write: keeping the local text keeps the space or line break the group just typed.
	 */
	adopt(stored: AnswerValue): void {
		if (this.pending) return;
		if (stored.text !== this.text.trim()) this.text = stored.text;
		if (stored.citedCards.length !== this.cited.length || stored.citedCards.some((id, i) => id !== this.cited[i])) {
			this.cited = [...stored.citedCards];
		}
	}
}
