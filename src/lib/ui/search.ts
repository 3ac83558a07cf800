/** Accent- and case-insensitive text matching, so « regle » finds « Règle ». */
export function fold(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** True when every word of the query appears in one of the texts. */
export function matches(query: string, ...texts: string[]): boolean {
	const words = fold(query).split(/\s+/).filter(Boolean);
	if (words.length === 0) return true;
	const haystack = fold(texts.join(' '));
	return words.every((w) => haystack.includes(w));
}
