/**
 * Accent-, case- and ligature-insensitive text matching, so « regle » finds « Règle » and
 * « oeuvre » finds « œuvre ». French keyboards rarely offer œ and æ, so people type two letters.
 */

/**
 * Ligatures that Unicode normalisation keeps as one letter (œ and æ have no decomposition);
 * compatibility ligatures such as ﬁ are split by NFKD itself.
 */
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };

export function fold(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[œæß]/g, (letter) => LIGATURES[letter] ?? letter);
}

/** True when every word of the query appears in one of the texts. */
export function matches(query: string, ...texts: string[]): boolean {
	const words = fold(query).split(/\s+/).filter(Boolean);
	if (words.length === 0) return true;
	const haystack = fold(texts.join(' '));
	return words.every((w) => haystack.includes(w));
}
