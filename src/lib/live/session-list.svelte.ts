/**
 * The sessions stored on this device, for the sessions screen: list, create, duplicate, archive,
 * delete. Every action refreshes the list; failures come back as message keys.
 */
import type { MessageKey, MessageParams } from '$lib/i18n';
import {
	archiveSession,
	createSession,
	deleteSession,
	duplicateSession,
	listSessions,
	StorageError,
	type NewSession,
	type SessionRecord
} from '$lib/storage';

export interface ListProblem {
	key: MessageKey;
	params?: MessageParams;
}

export class SessionList {
	sessions = $state.raw<SessionRecord[]>([]);
	loaded = $state(false);
	/** Rows that failed validation and were left out (storage is read like input). */
	skipped = $state(0);
	problem = $state.raw<ListProblem | undefined>(undefined);

	async refresh(): Promise<void> {
		await this.#run(async () => {
			const { items, skipped } = await listSessions({ archived: 'all' });
			this.sessions = [...items].sort((a, b) => b.createdAt - a.createdAt);
			this.skipped = skipped;
		});
		this.loaded = true;
	}

	create(input: NewSession): Promise<SessionRecord | undefined> {
		return this.#change(() => createSession(input));
	}

	duplicate(id: string): Promise<SessionRecord | undefined> {
		return this.#change(() => duplicateSession(id));
	}

	archive(id: string, archived: boolean): Promise<SessionRecord | undefined> {
		return this.#change(() => archiveSession(id, archived));
	}

	async remove(id: string): Promise<boolean> {
		return (await this.#change(async () => (await deleteSession(id), true))) === true;
	}

	async #change<T>(action: () => Promise<T>): Promise<T | undefined> {
		const result = await this.#run(action);
		await this.refresh();
		return result;
	}

	async #run<T>(action: () => Promise<T>): Promise<T | undefined> {
		try {
			const result = await action();
			this.problem = undefined;
			return result;
		} catch (error) {
			console.error(error);
			this.problem =
				error instanceof StorageError
					? { key: error.key as MessageKey, params: error.params }
					: { key: 'live.error.unexpected', params: { reason: error instanceof Error ? error.message : String(error) } };
			return undefined;
		}
	}
}

export const sessionList = new SessionList();
