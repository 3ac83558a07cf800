/** Errors opening a session that the UI explains with a message key (`session.error.*`). */
import type { SessionMessageKey } from './session-result';

export type SessionErrorCode = 'kitMismatch' | 'unknownAgenda' | 'otherSession';

export class SessionError extends Error {
	readonly code: SessionErrorCode;
	readonly key: SessionMessageKey;
	readonly params: Record<string, string | number>;

	constructor(code: SessionErrorCode, params: Record<string, string | number> = {}) {
		super(`session.error.${code}`);
		this.name = 'SessionError';
		this.code = code;
		this.key = `session.error.${code}`;
		this.params = params;
	}
}
