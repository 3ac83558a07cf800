/** Reading trace files chosen by the user (import and synthesis screens). */
import { parseTrace, type TraceProblem, type TraceResult } from '$lib/export';
import type { Result } from '$lib/result';
import { translate, type Locale } from '$lib/i18n';

export async function readTraceFile(file: File): Promise<TraceResult> {
	return parseTrace(new Uint8Array(await file.arrayBuffer()));
}

/** The issues of a failed read, as sentences in the UI language. */
export function issueMessages(result: Result<unknown, TraceProblem>, locale: Locale): string[] {
	return result.ok ? [] : result.problem.detail.map((i) => translate(locale, i.key, i.params));
}

/** Saves text as a file (UTF-8). */
export function textBlob(text: string, type: string): Blob {
	return new Blob([text], { type: `${type};charset=utf-8` });
}
