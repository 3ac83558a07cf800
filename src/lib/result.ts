/**
 * The one result shape of the code base. A function that can fail on input (a user's file, a
 * peer's frame, a scanned code, a refused operation) returns `Result<T>` instead of throwing:
 * `{ ok: true, value }` or `{ ok: false, problem }`.
 *
 * A problem is what the i18n layer translates: a message key and its parameters
 * (`t(problem.key, problem.params)`). Where a caller needs more than the message (every issue of
 * a kit, with its file and path; the reason code a screen picks its own words by; the close code
 * the hub answers with), that is the problem's `detail`, typed per result.
 *
 * Import-free on purpose: the wire protocol and the venue hub use it too (see
 * tests/unit/architecture/boundaries.test.ts).
 */

/** A message's parameters, as the i18n catalogs' `{name}` placeholders take them. */
export type ProblemParams = Record<string, string | number>;

/**
 * What went wrong, as a message key (a catalog key, or a machine reason where the result never
 * reaches a screen) with its parameters, plus a typed `detail` when `D` is given (optional when `D`
 * admits `undefined`; any problem is a `Problem`, so a caller that only shows the message takes them all).
 */
export type Problem<K extends string = string, D = unknown> = { key: K; params?: ProblemParams } & (undefined extends D
	? { detail?: D }
	: { detail: D });

export type Success<T> = { ok: true; value: T };
export type Failure<P = Problem> = { ok: false; problem: P };

/** Either a value or one problem; `P` narrows the problem's key and detail. */
export type Result<T = void, P = Problem> = Success<T> | Failure<P>;

export function ok(): Success<void>;
export function ok<T>(value: T): Success<T>;
export function ok<T>(value?: T): Success<T | undefined> {
	return { ok: true, value };
}

/** A failure with a problem of this key and parameters (no detail). */
export function fail<K extends string>(key: K, params?: ProblemParams): Failure<Problem<K>> {
	return { ok: false, problem: params ? { key, params } : { key } };
}

/** A failure with a whole problem (one that carries a detail, or one received from elsewhere). */
export function failWith<P>(problem: P): Failure<P> {
	return { ok: false, problem };
}
