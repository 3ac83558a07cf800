/**
 * Turns valibot issues into `KitIssue` values: a message key and parameters that read as a clear
 * sentence for a facilitator, plus the key path of the field ("agendas[0].title.fr-CA").
 *
 * Custom messages in `kit-schema.ts` are catalog keys, optionally followed by parameters in query
 * form (`kits.issue.integerRange?min=1&max=600`), because valibot messages are plain strings.
 */
import type * as v from 'valibot';
import { isMessageKey } from '../i18n/translate';
import type { MessageKey } from '../i18n/catalogs';
import type { MessageParams } from '../i18n/translate';
import { ACTIVITY_KINDS, KIT_LOCALES } from './kit-schema';
import { kitIssue, type KitIssue } from './kit-types';

/** More issues than this in one file are summarised: the kit is clearly not in the right format. */
export const MAX_ISSUES_PER_FILE = 100;

/** "agendas[0].activities[2].durationMinutes" from a valibot path. */
export function keyPath(path: readonly { key: unknown }[] | undefined): string {
	let out = '';
	for (const item of path ?? []) {
		const key = item.key;
		if (typeof key === 'number') out += `[${key}]`;
		else out += out === '' ? String(key) : `.${String(key)}`;
	}
	return out;
}

/** Decodes a custom message "key?name=value&…" into a key and parameters, when it is one of ours. */
export function decodeMessage(message: string): { key: MessageKey; params: MessageParams } | undefined {
	const [key = '', query] = message.split('?', 2);
	if (!key.startsWith('kits.issue.') || !isMessageKey(key)) return undefined;
	const params: MessageParams = {};
	for (const [name, value] of new URLSearchParams(query ?? '')) {
		params[name] = /^-?\d+(?:\.\d+)?$/.test(value) ? Number(value) : value;
	}
	return { key, params };
}

/** Short, readable form of a received value for messages ("abc", 12, a list, …). */
function shown(input: unknown): string {
	if (typeof input === 'string') return input.length > 60 ? `${input.slice(0, 57)}…` : input;
	if (typeof input === 'number' || typeof input === 'boolean') return String(input);
	if (input === null) return 'null';
	if (Array.isArray(input)) return '[…]';
	if (typeof input === 'object') return '{…}';
	return String(input);
}

/** Like `shown`, with strings in quotes: for messages about the type of a value. */
function quoted(input: unknown): string {
	return typeof input === 'string' ? `"${shown(input)}"` : shown(input);
}

const TYPE_KEYS: Record<string, MessageKey> = {
	string: 'kits.issue.expectedText',
	number: 'kits.issue.expectedNumber',
	boolean: 'kits.issue.expectedBoolean',
	array: 'kits.issue.expectedList',
	strict_object: 'kits.issue.expectedObject',
	object: 'kits.issue.expectedObject'
};

function fromValibot(issue: v.BaseIssue<unknown>): { key: MessageKey; params: MessageParams } {
	const custom = decodeMessage(issue.message);
	if (custom) {
		if (custom.key === 'kits.issue.activityKind') custom.params.options = ACTIVITY_KINDS.join(', ');
		if (custom.key === 'kits.issue.locale') custom.params.options = KIT_LOCALES.join(', ');
		// A number written as text ("10") must show its quotes, or the message would look absurd.
		custom.params.value ??= custom.key === 'kits.issue.integerRange' ? quoted(issue.input) : shown(issue.input);
		return custom;
	}
	const input = issue.input;
	const requirement = typeof issue.requirement === 'number' ? issue.requirement : 0;
	switch (issue.type) {
		case 'strict_object':
			if (issue.expected === 'never') return { key: 'kits.issue.unknownField', params: {} };
			if (input === undefined) return { key: 'kits.issue.required', params: {} };
			return { key: 'kits.issue.expectedObject', params: { value: quoted(input) } };
		case 'min_length':
			return Array.isArray(input)
				? { key: 'kits.issue.minItems', params: { min: requirement, count: input.length } }
				: { key: 'kits.issue.empty', params: {} };
		case 'max_length':
			return Array.isArray(input)
				? { key: 'kits.issue.maxItems', params: { max: requirement, count: input.length } }
				: { key: 'kits.issue.maxLength', params: { max: requirement, count: typeof input === 'string' ? input.length : 0 } };
		case 'min_value':
			return { key: 'kits.issue.minValue', params: { min: requirement, value: shown(input) } };
		case 'max_value':
			return { key: 'kits.issue.maxValue', params: { max: requirement, value: shown(input) } };
		case 'integer':
			return { key: 'kits.issue.integer', params: { value: quoted(input) } };
		case 'non_empty':
			return { key: 'kits.issue.empty', params: {} };
		case 'literal':
		case 'picklist':
			return { key: 'kits.issue.notAllowed', params: { value: shown(input), options: issue.expected ?? '' } };
		case 'regex':
		case 'url':
			return { key: 'kits.issue.badFormat', params: { value: shown(input) } };
		default: {
			if (input === undefined && issue.kind === 'schema') return { key: 'kits.issue.required', params: {} };
			const typeKey = TYPE_KEYS[issue.type];
			if (typeKey) return { key: typeKey, params: { value: quoted(input) } };
			return { key: 'kits.issue.invalidValue', params: { value: shown(input) } };
		}
	}
}

/**
 * Maps valibot issues of one file to kit issues: one issue per (path, key), in document order,
 * at most `MAX_ISSUES_PER_FILE` plus one summary.
 */
export function valibotToKitIssues(file: string, issues: readonly v.BaseIssue<unknown>[]): KitIssue[] {
	const out: KitIssue[] = [];
	const seen = new Set<string>();
	for (const issue of issues) {
		const path = keyPath(issue.path as { key: unknown }[] | undefined);
		const { key, params } = fromValibot(issue);
		const id = `${path}\u0000${key}`;
		if (seen.has(id)) continue;
		seen.add(id);
		out.push(kitIssue(file, path, key, params));
	}
	return capIssues(out);
}

/** Keeps the first issues of a long list and adds one that counts the rest. */
export function capIssues(issues: KitIssue[]): KitIssue[] {
	if (issues.length <= MAX_ISSUES_PER_FILE) return issues;
	const kept = issues.slice(0, MAX_ISSUES_PER_FILE);
	const file = kept[0]?.file ?? '';
	kept.push(kitIssue(file, '', 'kits.issue.moreIssues', { count: issues.length - MAX_ISSUES_PER_FILE }));
	return kept;
}
