/**
 * Undo and redo over whole drafts. Drafts are immutable and share unchanged parts, so a snapshot
 * costs only what changed. Typing in one field is merged into one step (`group`), so one undo
 * takes back a word, not a letter.
 */
export class DraftHistory<T> {
	#past: T[] = [];
	#future: T[] = [];
	#present: T;
	#group: string | undefined;
	readonly #limit: number;

	constructor(initial: T, limit = 200) {
		this.#present = initial;
		this.#limit = limit;
	}

	get present(): T {
		return this.#present;
	}
	get canUndo(): boolean {
		return this.#past.length > 0;
	}
	get canRedo(): boolean {
		return this.#future.length > 0;
	}

	/**
	 * Records a new state. Consecutive pushes with the same `group` (the field being typed in)
	 * replace each other, so they undo as one step.
	 */
	push(next: T, group?: string): void {
		if (next === this.#present) return;
		if (group === undefined || group !== this.#group) {
			this.#past.push(this.#present);
			if (this.#past.length > this.#limit) this.#past.shift();
		}
		this.#group = group;
		this.#present = next;
		this.#future = [];
	}

	/** Ends the current typing group: the next push is a step of its own. */
	seal(): void {
		this.#group = undefined;
	}

	undo(): T | undefined {
		const previous = this.#past.pop();
		if (previous === undefined) return undefined;
		this.#future.push(this.#present);
		this.#present = previous;
		this.#group = undefined;
		return previous;
	}

	redo(): T | undefined {
		const next = this.#future.pop();
		if (next === undefined) return undefined;
		this.#past.push(this.#present);
		this.#present = next;
		this.#group = undefined;
		return next;
	}
}
