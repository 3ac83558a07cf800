/**
 * What the console last said about an action: a confirmation or a refusal, as a message key.
 * One instance per console; views report operation results here and a single live region
 * announces them, so screen-reader users hear the outcome of every button.
 */
import type { MessageKey, MessageParams } from '$lib/i18n';
import type { OpResult } from '$lib/session';

export interface ConsoleMessage {
	key: MessageKey;
	params?: MessageParams;
	tone: 'ok' | 'error';
}

export class ConsoleFeedback {
	message = $state.raw<ConsoleMessage | null>(null);

	/** Reports an operation's result; returns whether it succeeded. */
	report(result: OpResult<unknown>, okKey?: MessageKey): boolean {
		if (result.ok) {
			this.message = okKey ? { key: okKey, tone: 'ok' } : null;
			return true;
		}
		this.message = { key: result.problem.key, params: result.problem.params, tone: 'error' };
		return false;
	}

	say(key: MessageKey, params?: MessageParams, tone: ConsoleMessage['tone'] = 'ok'): void {
		this.message = { key, params, tone };
	}
}
