/**
 * One open draft in the studio: the draft, its undo history, autosave to the device (debounced,
 * and at once when the page is hidden or left), validation as the author types, export and
 * "use in the library" (always a new version: sessions keep the version they started with).
 */
import type { MessageKey } from '$lib/i18n';
import { writeKitZip, type KitIssue, type KitLocale, type KitPackage } from '$lib/kits';
import { ok, type Problem, type Result } from '$lib/result';
import { getDraft, putDraft, randomId, type DraftRow } from '$lib/storage';
import { kitLibrary } from '$lib/library';
import { draftToFiles, versionToSave, type StudioDraft } from './studio-draft';
import { setField } from './studio-edit';
import { DraftHistory } from './studio-history';
import { checkDraft, draftIssues, issuesByField, type DraftCheck } from './studio-validate';
import { missingTranslations, type MissingTranslations } from './studio-translations';

/** Autosave delay after the last change (the brief: at most 1 s). */
export const AUTOSAVE_MS = 400;
/** Validation delay after the last change: typing stays fluid on a slow tablet. */
export const CHECK_MS = 150;

export type SaveState = 'saved' | 'pending' | 'failed';

/**
 * Saving a draft to the library: the new kit's key and version, or why not. `studio.library.invalid`:
 * the draft still has problems (the screen links to the first); otherwise the library's own
 * refusal, with the kit's issues as the detail.
 */
export type LibraryOutcome = Result<{ key: string; version: string }, Problem<MessageKey, KitIssue[] | undefined>>;

function toRow(id: string, draft: StudioDraft, updatedAt: number): DraftRow {
	return { id, updatedAt, manifest: draft.manifest as unknown as Record<string, unknown>, files: draft.files, ...(draft.base ? { base: draft.base } : {}) };
}

function fromRow(row: DraftRow): StudioDraft {
	return { manifest: row.manifest as unknown as StudioDraft['manifest'], files: row.files, ...(row.base ? { base: row.base } : {}) };
}

/** Stores a new draft and returns its id (for "Créer" and "Adapter"). */
export async function storeNewDraft(draft: StudioDraft): Promise<string> {
	const id = randomId();
	await putDraft(toRow(id, draft, Date.now()));
	return id;
}

export class StudioState {
	readonly id: string;
	draft = $state.raw<StudioDraft>(undefined as unknown as StudioDraft);
	check = $state.raw<DraftCheck>({ ok: false, problem: { key: 'studio.check.pending', detail: [] } });
	saveState = $state<SaveState>('saved');
	canUndo = $state(false);
	canRedo = $state(false);

	readonly issues = $derived(issuesByField(draftIssues(this.check)));
	readonly missing: MissingTranslations = $derived(missingTranslations(this.draft));
	readonly languages: KitLocale[] = $derived(this.draft.manifest.languages ?? ['fr-CA']);

	#history: DraftHistory<StudioDraft>;
	#saveTimer: ReturnType<typeof setTimeout> | undefined;
	#checkTimer: ReturnType<typeof setTimeout> | undefined;
	#saving: Promise<void> = Promise.resolve();
	#onHide = () => {
		if (document.visibilityState === 'hidden') void this.flush();
	};
	#onPageHide = () => void this.flush();
	/**
	 * When a finger or button went down, while it is still down: the check's results wait until it
	 * is up. They move the page (problems appear under fields, badges widen the section list), and a
	 * tap whose release lands after the page moved misses the button it pressed ("Ajouter" right
	 * after typing).
	 */
	#pressedAt: number | undefined;
	#onPress = () => {
		this.#pressedAt = Date.now();
	};
	#onRelease = () => {
		this.#pressedAt = undefined;
	};

	private constructor(id: string, draft: StudioDraft) {
		this.id = id;
		this.draft = draft;
		this.#history = new DraftHistory(draft);
		this.check = checkDraft(draft);
		if (typeof document !== 'undefined') {
			document.addEventListener('visibilitychange', this.#onHide);
			addEventListener('pagehide', this.#onPageHide);
			addEventListener('pointerdown', this.#onPress, true);
			addEventListener('pointerup', this.#onRelease, true);
			addEventListener('pointercancel', this.#onRelease, true);
		}
	}

	/** Opens a stored draft, or undefined when there is none with this id. */
	static async open(id: string): Promise<StudioState | undefined> {
		const row = await getDraft(id);
		return row ? new StudioState(id, fromRow(row)) : undefined;
	}

	/**
	 * Applies an edit. `group` names the field being typed in: keystrokes in one field undo as one
	 * step.
	 */
	apply(next: StudioDraft, group?: string): void {
		if (next === this.draft) return;
		this.#history.push(next, group);
		this.#set(next);
	}

	/** Ends the current typing step (a field lost focus). */
	seal(): void {
		this.#history.seal();
	}

	undo(): void {
		const previous = this.#history.undo();
		if (previous) this.#set(previous);
	}

	redo(): void {
		const next = this.#history.redo();
		if (next) this.#set(next);
	}

	#set(draft: StudioDraft): void {
		this.draft = draft;
		this.canUndo = this.#history.canUndo;
		this.canRedo = this.#history.canRedo;
		this.saveState = 'pending';
		clearTimeout(this.#saveTimer);
		this.#saveTimer = setTimeout(() => void this.flush(), AUTOSAVE_MS);
		this.#checkLater(CHECK_MS);
	}

	/** Validates after `ms`, once no finger or button is down (see `#pressedAt`). */
	#checkLater(ms: number): void {
		clearTimeout(this.#checkTimer);
		this.#checkTimer = setTimeout(() => {
			// Held over 2 s: a long press, or a release this page never saw. Check anyway.
			if (this.#pressedAt !== undefined && Date.now() - this.#pressedAt < 2000) return this.#checkLater(50);
			this.check = checkDraft(this.draft);
		}, ms);
	}

	/** Validates now (before export or save, so nothing waits for the debounce). */
	checkNow(): DraftCheck {
		clearTimeout(this.#checkTimer);
		this.check = checkDraft(this.draft);
		return this.check;
	}

	/** Writes the draft to the device now; resolves once stored. */
	flush(): Promise<void> {
		clearTimeout(this.#saveTimer);
		if (this.saveState === 'saved') return this.#saving;
		const draft = this.draft;
		this.#saving = this.#saving
			.then(() => putDraft(toRow(this.id, draft, Date.now())))
			.then(
				() => {
					if (this.draft === draft) this.saveState = 'saved';
				},
				(error: unknown) => {
					console.error(error);
					this.saveState = 'failed';
				}
			);
		return this.#saving;
	}

	/**
	 * The version an export or a save gets: the draft's own, or the next free patch version when
	 * that one already exists on this device. A changed version is an edit like any other.
	 */
	async #freeVersion(): Promise<void> {
		if (!kitLibrary.loaded) await kitLibrary.refresh();
		const id = this.draft.manifest.id;
		const taken = new Set(kitLibrary.kits.filter((k) => k.id === id).map((k) => k.version));
		const version = versionToSave(String(this.draft.manifest.version ?? ''), taken);
		if (version !== this.draft.manifest.version) this.apply(setField(this.draft, ['version'], version));
	}

	/** The kit as a valid zip, or undefined when the draft has errors. */
	async exportZip(): Promise<{ kit: KitPackage; zip: Uint8Array } | undefined> {
		if (!this.checkNow().ok) return undefined;
		await this.#freeVersion();
		const check = this.checkNow();
		if (!check.ok) return undefined;
		return { kit: check.value, zip: writeKitZip(check.value) };
	}

	/** Stores the kit in the library as a new version; the draft then counts as adapted from it. */
	async saveToLibrary(): Promise<LibraryOutcome> {
		const made = await this.exportZip();
		if (!made) return { ok: false, problem: { key: 'studio.library.invalid' } };
		const outcome = await kitLibrary.importZip(made.zip);
		if (!outcome.ok) return outcome;
		const { id, version, hash, key } = outcome.value.kit;
		this.apply({ ...this.draft, base: { id, version, hash } });
		await this.flush();
		return ok({ key, version });
	}

	/** Draft files as the validator sees them (for previews). */
	files() {
		return draftToFiles(this.draft);
	}

	destroy(): void {
		void this.flush();
		clearTimeout(this.#checkTimer);
		if (typeof document !== 'undefined') {
			document.removeEventListener('visibilitychange', this.#onHide);
			removeEventListener('pagehide', this.#onPageHide);
			removeEventListener('pointerdown', this.#onPress, true);
			removeEventListener('pointerup', this.#onRelease, true);
			removeEventListener('pointercancel', this.#onRelease, true);
		}
	}
}
