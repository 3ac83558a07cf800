/**
 * Operation results. An operation either succeeds (with a value, often the new record's id) or
 * returns a typed refusal (the shared `Result` of `$lib/result`) with a message key the UI translates; it never throws on user input.
 */
import type { MessageKey } from '$lib/i18n';
import { failWith, ok, type Failure, type Problem, type ProblemParams, type Result } from '$lib/result';

export const REFUSAL_REASONS = [
	'empty',
	'tooLong',
	'unknownActivity',
	'unknownStation',
	'unknownCategory',
	'unknownGroup',
	'unknownContribution',
	'unknownTheme',
	'themeActivity',
	'selfMerge',
	'mergeActivity',
	'votingClosed',
	'overBudget',
	'noVote',
	'notVotable',
	'noGrid',
	'unknownCard',
	'keepFull',
	'blankCardsUsed',
	'unknownCase',
	'unknownQuestion',
	'caseNotChosen',
	'noCheckin',
	'unknownValue',
	'invalidMinutes',
	'notStarted',
	'notSilent',
	'unknownNote'
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type SessionMessageKey = Extract<MessageKey, `session.${string}`>;

/**
 * A refused operation: the message key the UI translates and, as `detail`, the reason a screen
 * may pick its own words by.
 */
export type Refusal = Problem<SessionMessageKey, RefusalReason>;

export type OpResult<T = void> = Result<T, Refusal>;

export { ok };

export function refuse(reason: RefusalReason, params?: ProblemParams): Failure<Refusal> {
	return failWith({ key: `session.refusal.${reason}` as SessionMessageKey, ...(params ? { params } : {}), detail: reason });
}
