/**
 * The hub origin a session's phone codes use, as screens need it: the address the facilitator
 * typed for this session on this device, else the hub among the session's signaling addresses.
 * `ready` turns true once the stored address was read, so screens do not flash "no hub".
 */
import type { MessageKey } from '$lib/i18n';
import { fail, type Problem, type Result } from '$lib/result';
import { toStorageError } from '$lib/storage';
import { hubFromSignaling, parseHubAddress, type SignalingHub } from './hub-address';
import { setTypedHubOrigin, typedHubOrigin } from './hub-address-store';

export type HubOriginSource = 'typed' | 'signaling';
export type SaveHubResult = Result<string, Problem<MessageKey>>;

export class HubOrigin {
	readonly signaling: SignalingHub;
	ready = $state(false);
	#typed = $state<string | null>(null);
	readonly #sessionId: string;

	constructor(sessionId: string, signaling: readonly string[]) {
		this.#sessionId = sessionId;
		this.signaling = hubFromSignaling(signaling);
		void typedHubOrigin(sessionId)
			.catch(() => null)
			.then((typed) => {
				this.#typed = typed;
				this.ready = true;
			});
	}

	get origin(): string | null {
		return this.#typed ?? this.signaling.origin;
	}

	get source(): HubOriginSource | null {
		if (this.#typed) return 'typed';
		return this.signaling.origin ? 'signaling' : null;
	}

	/** Checks a typed address and keeps it for this session; returns what went wrong, if anything. */
	async save(text: string): Promise<SaveHubResult> {
		const parsed = parseHubAddress(text);
		if (!parsed.ok) return parsed;
		try {
			await setTypedHubOrigin(this.#sessionId, parsed.value);
		} catch (error) {
			// Nothing is lost: the address stays in the form and can be saved again.
			const failure = toStorageError(error);
			return fail(failure.key, failure.params);
		}
		this.#typed = parsed.value;
		return parsed;
	}
}
