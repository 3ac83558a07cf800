/** Pure voice selection for read-aloud: no DOM, testable in Node. */

export interface VoiceLike {
	lang: string;
	name: string;
	localService?: boolean;
	default?: boolean;
}

/**
 * Picks the best voice for a BCP 47 language tag: an exact match (fr-CA), then the same language
 * (any fr-*), preferring voices on the device (they work offline) and the system default.
 */
export function pickVoice<V extends VoiceLike>(voices: readonly V[], lang: string): V | undefined {
	const wanted = lang.toLowerCase().replace('_', '-');
	const base = wanted.split('-')[0];
	const score = (v: V) => {
		const l = v.lang.toLowerCase().replace('_', '-');
		let s = 0;
		if (l === wanted) s += 4;
		else if (l.split('-')[0] === base) s += 2;
		else return -1;
		if (v.localService) s += 1;
		if (v.default) s += 0.5;
		return s;
	};
	let best: V | undefined;
	let bestScore = -1;
	for (const v of voices) {
		const s = score(v);
		if (s > bestScore) {
			best = v;
			bestScore = s;
		}
	}
	return best;
}

/** Turns rendered HTML or Markdown-ish text into plain text suitable for speech. */
export function speakableText(text: string): string {
	return text
		.replace(/<[^>]*>/g, ' ')
		.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[#*_`>|]+/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/\s+/g, ' ')
		.trim();
}
