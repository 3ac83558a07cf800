/**
 * Operation results. An operation either succeeds (with a value, often the new record's id) or
 * returns a typed refusal with a message key the UI translates; it never throws on user input.
 */
import type { MessageKey } from '$lib/i18n';

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

export interface Refusal {
	reason: RefusalReason;
	key: SessionMessageKey;
	params?: Record<string, string | number>;
}

export type OpResult<T = void> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export function ok<T>(value: T): OpResult<T>;
export function ok(): OpResult<void>;
export function ok<T>(value?: T): OpResult<T | undefined> {
	return { ok: true, value };
}

export function refuse(reason: RefusalReason, params?: Record<string, string | number>): { ok: false; refusal: Refusal } {
	return { ok: false, refusal: { reason, key: `session.refusal.${reason}` as SessionMessageKey, ...(params ? { params } : {}) } };
}
