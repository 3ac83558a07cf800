/**
 * One group's card game on one device: which step of the deal is shown, the group's board (live
 * from the session, whichever tablet wrote), and the keep / write actions with their refusals as
 * messages. The session ops enforce the kit's limits; this class only words the outcome.
 */
import type { MessageKey, MessageParams } from '$lib/i18n';
import type { KitGrid } from '$lib/kits';
import type { OpenSession } from '$lib/live';
import type { OtherCardInput, Refusal } from '$lib/session';
import { boardPerson } from '$lib/ui/board';
import { placeOnGrid, type GridPlacement } from './game-cards';

export interface GameMessage {
	key: MessageKey;
	params?: MessageParams;
	tone: 'error' | 'info';
}

/** A step of the deal: one dimension of the grid, or the blank "other" cards. */
export type DealStep = { kind: 'dimension'; index: number } | { kind: 'other' };

export class CardGameState {
	readonly grid: KitGrid;
	readonly groupId: string;
	readonly steps: DealStep[];
	/** Index into `steps`. */
	step = $state(0);
	/** The group looks at its choices on the grid instead of the cards. */
	showGrid = $state(false);
	message = $state<GameMessage | null>(null);
	readonly #live: OpenSession;

	board = $derived.by(() => this.#live.session.groupBoards.find((b) => b.groupId === this.groupId));
	placement: GridPlacement = $derived.by(() => placeOnGrid(this.grid, this.board));
	keptIds: ReadonlySet<string> = $derived(new Set(this.placement.kept.map((c) => c.id)));
	otherWritten = $derived(this.board?.otherCards.length ?? 0);

	constructor(live: OpenSession, grid: KitGrid, groupId: string) {
		this.#live = live;
		this.grid = grid;
		this.groupId = groupId;
		this.steps = [
			...grid.dimensions.map((_, index): DealStep => ({ kind: 'dimension', index })),
			...(grid.blankCards > 0 ? [{ kind: 'other' } as const] : [])
		];
	}

	get current(): DealStep {
		return this.steps[Math.min(this.step, this.steps.length - 1)]!;
	}

	goTo(step: number): void {
		this.step = Math.max(0, Math.min(step, this.steps.length - 1));
		this.showGrid = false;
		this.message = null;
	}

	isKept(cardId: string): boolean {
		return this.keptIds.has(cardId);
	}

	/** Keeps or puts back a card; a refusal (the group's hand is full) becomes the message. */
	toggle(cardId: string): void {
		const ops = this.#live.session.ops;
		// The person at the screen is recorded on the choice, so the participant count includes them.
		const by = boardPerson(this.#live).id;
		const result = this.isKept(cardId) ? ops.unchooseCard(this.groupId, cardId, by) : ops.chooseCard(this.groupId, cardId, by);
		this.message = result.ok ? null : this.#refusal(result.problem);
	}

	/** The game's own words for its two limits; other refusals keep the session's message. */
	#refusal(refusal: Refusal): GameMessage {
		if (refusal.detail === 'keepFull') return { key: 'games.card.keepFull', params: { keep: this.grid.keep }, tone: 'error' };
		if (refusal.detail === 'blankCardsUsed') return { key: 'games.other.allUsed', tone: 'error' };
		return { key: refusal.key, params: refusal.params, tone: 'error' };
	}

	/**
	 * Writes an "other" card and keeps it when the hand has room (the group wrote it to keep it).
	 * Returns true when the card was written, so the form can clear.
	 */
	writeOther(input: OtherCardInput): boolean {
		const ops = this.#live.session.ops;
		const by = boardPerson(this.#live).id;
		const written = ops.writeOtherCard(this.groupId, { ...input, authorId: by });
		if (!written.ok) {
			this.message = this.#refusal(written.problem);
			return false;
		}
		const kept = ops.chooseCard(this.groupId, written.value, by);
		this.message = kept.ok
			? { key: 'games.other.writtenKept', tone: 'info' }
			: { key: 'games.other.writtenNotKept', params: { keep: this.grid.keep }, tone: 'error' };
		return true;
	}
}
