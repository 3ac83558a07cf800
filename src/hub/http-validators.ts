/**
 * Content negotiation and conditional requests for the static files (RFC 9110 §12.5.3, §13).
 * Pure: headers in, decisions out.
 */
import type http from 'node:http';

export type ContentEncoding = 'br' | 'gzip';

/**
 * The encoding to send among `available` (in the server's order of preference), or undefined for
 * the identity. A coding is acceptable when listed with q > 0, or covered by `*` with q > 0 and
 * not listed itself; `x-gzip` counts as `gzip`.
 */
export function chooseEncoding(acceptEncoding: string | undefined, available: readonly ContentEncoding[]): ContentEncoding | undefined {
	if (!acceptEncoding) return undefined;
	const weights = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [rawName, ...params] = part.toLowerCase().split(';');
		const name = rawName?.trim();
		if (!name) continue;
		let q = 1;
		for (const param of params) {
			const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(param);
			if (m) q = Number(m[1]);
		}
		if (Number.isNaN(q)) continue;
		weights.set(name === 'x-gzip' ? 'gzip' : name, q);
	}
	let best: ContentEncoding | undefined;
	let bestQ = 0;
	for (const coding of available) {
		const q = weights.get(coding) ?? weights.get('*') ?? 0;
		if (q > bestQ) {
			best = coding;
			bestQ = q;
		}
	}
	return best;
}

/** True when `If-None-Match` lists `etag` (or `*`), or, without `If-None-Match`, `If-Modified-Since` is not before `modified`. */
export function isNotModified(headers: http.IncomingHttpHeaders, etag: string, modified: Date): boolean {
	const ifNoneMatch = headers['if-none-match'];
	if (ifNoneMatch !== undefined) {
		// Weak comparison, as RFC 9110 asks for If-None-Match: a W/ prefix does not matter.
		return ifNoneMatch.split(',').some((tag) => {
			const t = tag.trim();
			return t === '*' || t.replace(/^W\//, '') === etag;
		});
	}
	const ifModifiedSince = headers['if-modified-since'];
	if (ifModifiedSince === undefined) return false;
	const since = Date.parse(ifModifiedSince);
	// HTTP dates have whole seconds.
	return !Number.isNaN(since) && Math.floor(modified.getTime() / 1000) * 1000 <= since;
}
