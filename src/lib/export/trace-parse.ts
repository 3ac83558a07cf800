/**
 * Reads a trace file like a kit: size first, then JSON, then the schema. Every problem is an
 * `export.issue.*` message key with the key path it concerns ("contributions[3].text"), so the
 * organiser can see exactly what is wrong; nothing is imported unless the whole file is valid.
 */
import * as v from 'valibot';
import { isMessageKey, type MessageKey, type MessageParams } from '$lib/i18n';
import type { Failure, Problem, Result } from '$lib/result';
import { TRACE_FORMAT, TRACE_LIMITS, TRACE_VERSION, TraceSchema, type Trace } from './trace-schema';

export interface TraceIssue {
	/** Key path inside the file, '' for the whole file. */
	path: string;
	key: MessageKey;
	params: MessageParams;
}

/** Why a trace file was refused: its first issue as the message, every issue as the detail. */
export type TraceProblem = Problem<MessageKey, TraceIssue[]>;

export type TraceResult = Result<Trace, TraceProblem>;

/** The failure for these issues (see `TraceProblem`). */
export function traceFailure(issues: TraceIssue[]): Failure<TraceProblem> {
	const first = issues[0];
	return { ok: false, problem: { key: first?.key ?? 'export.issue.notTrace', params: first?.params ?? {}, detail: issues } };
}

/** At most this many issues are reported; a file broken everywhere would drown the screen. */
const MAX_ISSUES = 20;

function issue(path: string, key: MessageKey, params: MessageParams = {}): TraceIssue {
	return { path, key, params };
}

function pathOf(issue: v.BaseIssue<unknown>): string {
	let out = '';
	for (const item of issue.path ?? []) {
		const key = item.key;
		out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
	}
	return out;
}

function toIssue(raw: v.BaseIssue<unknown>): TraceIssue {
	const path = pathOf(raw);
	if (isMessageKey(raw.message)) {
		const params: MessageParams = { path: path || '/' };
		if (raw.requirement !== undefined && typeof raw.requirement === 'number') params.max = raw.requirement;
		return issue(path, raw.message, params);
	}
	if (raw.kind === 'schema' && raw.received === 'undefined') return issue(path, 'export.issue.missing', { path: path || '/' });
	return issue(path, 'export.issue.invalid', { path: path || '/' });
}

/**
 * Why `version` is not one this app reads, in words that are true for each case: a newer number,
 * a number written as text (`"1"`: a hand-edited file), anything else.
 */
function versionIssue(version: unknown): TraceIssue {
	const supported = String(TRACE_VERSION);
	if (version === undefined) return issue('version', 'export.issue.missing', { path: 'version' });
	if (typeof version === 'number' && Number.isInteger(version) && version > TRACE_VERSION) return issue('version', 'export.issue.traceVersionNewer', { version: String(version), supported });
	if (typeof version === 'string') return issue('version', 'export.issue.traceVersionText', { version: version.slice(0, 20), supported });
	return issue('version', 'export.issue.traceVersionInvalid', { version: JSON.stringify(version)?.slice(0, 20) ?? String(version), supported });
}

/** Validates a parsed JSON value as a trace. */
export function validateTrace(value: unknown): TraceResult {
	if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== TRACE_FORMAT) {
		return traceFailure([issue('', 'export.issue.notTrace')]);
	}
	const version = (value as { version?: unknown }).version;
	if (version !== TRACE_VERSION) return traceFailure([versionIssue(version)]);
	const parsed = v.safeParse(TraceSchema, value);
	if (!parsed.success) return traceFailure(parsed.issues.slice(0, MAX_ISSUES).map(toIssue));
	return { ok: true, value: parsed.output };
}

/** Reads a trace file (text or bytes). */
export function parseTrace(input: string | Uint8Array): TraceResult {
	const size = typeof input === 'string' ? input.length : input.byteLength;
	if (size === 0) return traceFailure([issue('', 'export.issue.empty')]);
	if (size > TRACE_LIMITS.fileBytes) {
		return traceFailure([issue('', 'export.issue.fileTooLarge', { max: Math.round(TRACE_LIMITS.fileBytes / (1024 * 1024)) })]);
	}
	let value: unknown;
	try {
		const text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
		value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
	} catch {
		return traceFailure([issue('', 'export.issue.notJson')]);
	}
	return validateTrace(value);
}
