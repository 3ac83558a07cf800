/**
 * One session opened for export and for its printable summary: the stored row, its kit, and the
 * session state (read through the model; the only write is the follow-up text). Owns the
 * `SessionDocState` it opens: call `destroy()` when leaving the page.
 */
import { buildTrace, defaultSeparator, type CsvSeparator, type Trace } from '$lib/export';
import type { Locale, MessageKey, MessageParams } from '$lib/i18n';
import { fail, type Problem, type Result } from '$lib/result';
import type { KitManifest } from '$lib/kits';
import { kitLibrary } from '$lib/library';
import { participantCount, SessionError, SessionDocState, writeFollowUp, type FollowUpInput } from '$lib/session';
import { getSession, StorageError } from '$lib/storage';

export type ExportStatus = 'loading' | 'ready' | 'failed';

export class SessionExport {
	status = $state<ExportStatus>('loading');
	/** Why loading failed: a message key and its parameters. */
	error = $state.raw<{ key: MessageKey; params: MessageParams } | null>(null);
	session = $state.raw<SessionDocState | null>(null);
	kit = $state.raw<KitManifest | null>(null);
	separator = $state<CsvSeparator>(';');
	includeNames = $state(false);
	includeNotes = $state(false);
	#destroyed = false;

	constructor(locale: Locale) {
		this.separator = defaultSeparator(locale);
	}

	async load(id: string): Promise<void> {
		try {
			const row = await getSession(id);
			if (!row) return this.#fail('export.page.notFound');
			const kit = await kitLibrary.open(`${row.kit.id}@${row.kit.version}`);
			if (!kit.ok) return this.#fail('export.page.kitMissing', { kit: row.kit.id, version: row.kit.version });
			const session = await SessionDocState.open(id, { kit: kit.value.kit.manifest });
			if (this.#destroyed) {
				await session.destroy();
				return;
			}
			this.kit = kit.value.kit.manifest;
			this.session = session;
			this.status = 'ready';
		} catch (error) {
			if (error instanceof StorageError || error instanceof SessionError) return this.#fail(error.key, error.params);
			console.error(error);
			this.#fail('export.page.loadError');
		}
	}

	#fail(key: MessageKey, params: MessageParams = {}): void {
		this.error = { key, params };
		this.status = 'failed';
	}

	/** The trace with the current privacy choices (reactive: re-runs when the doc changes). */
	trace(exportedAt = Date.now()): Trace | null {
		const session = this.session;
		if (!session) return null;
		return buildTrace({
			session: session.row,
			kit: this.kit!,
			doc: session.doc,
			snapshot: session.snapshot,
			exportedAt,
			privacy: { authorNames: this.includeNames, observerNotes: this.includeNotes }
		});
	}

	/**
	 * The session's kit as a zip, for the bundle (so the bundle alone opens the session on another
	 * device); null when this device cannot produce it (the bundle then goes without).
	 */
	async kitZip(): Promise<Uint8Array | null> {
		const hash = this.session?.row.kit.hash;
		if (!hash) return null;
		try {
			return await kitLibrary.zipByHash(hash);
		} catch (error) {
			console.error(error);
			return null;
		}
	}

	/** Counts shown above the download buttons. */
	get stats(): { contributions: number; groups: number; participants: number } | null {
		const snapshot = this.session?.snapshot;
		if (!snapshot) return null;
		const kept = snapshot.contributions.filter((c) => !c.deleted);
		// The same rule as the bilan: every kind of contribution, one count per pseudonymous id.
		return { contributions: kept.length, groups: snapshot.groups.length, participants: participantCount(snapshot) };
	}

	/** True when the current privacy choices leave something out, so the JSON has no document. */
	get withoutDocument(): boolean {
		const snapshot = this.session?.snapshot;
		if (!snapshot) return false;
		return (!this.includeNames && snapshot.contributions.some((c) => c.authorName)) || (!this.includeNotes && snapshot.observerNotes.length > 0);
	}

	/** Saves the organiser's commitments in the session (shared with every tablet). */
	saveFollowUp(input: FollowUpInput): Result<void, Problem<MessageKey>> {
		const session = this.session;
		if (!session) return fail('export.page.loadError');
		return writeFollowUp(session.doc, input, { deviceId: session.model.deviceId, now: Date.now, origin: session.model.origin });
	}

	async destroy(): Promise<void> {
		this.#destroyed = true;
		const session = this.session;
		this.session = null;
		await session?.destroy();
	}
}
