/**
 * The generated sentences of the bilan and the synthesis, as plain strings (escaped by the
 * callers). Each builder picks the sentence that is true for the case at hand (no group, one
 * group, exactly half, all groups, nothing cited, one process…) rather than bending one template
 * over every case: these texts go back to participants and decision makers.
 */
import type { MessageKey, MessageParams } from '$lib/i18n';
import type { GridReading } from './trace-views';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The grid's reading: one sentence per non-empty bucket, in a fixed order; none without groups. */
export function readingSentences(reading: GridReading, cardLabel: (id: string) => string, t: Translate): string[] {
	if (reading.groups <= 0) return [];
	const list = (ids: readonly string[]) => ids.map(cardLabel).join(', ');
	const out: string[] = [];
	if (reading.only.length > 0) out.push(t('export.summary.readingOnly', { cards: list(reading.only) }));
	if (reading.all.length > 0) out.push(t('export.summary.readingAll', { cards: list(reading.all), groups: reading.groups }));
	if (reading.more.length > 0) out.push(t('export.summary.readingMore', { cards: list(reading.more) }));
	if (reading.half.length > 0) out.push(t('export.summary.readingHalf', { cards: list(reading.half), count: reading.groups / 2, groups: reading.groups }));
	if (reading.fewer.length > 0) out.push(t('export.summary.readingFewer', { cards: list(reading.fewer) }));
	if (reading.none > 0 && reading.none === reading.total) out.push(t(reading.groups === 1 ? 'export.summary.readingNothingOne' : 'export.summary.readingNothing'));
	else if (reading.none > 0) out.push(t(reading.groups === 1 ? 'export.summary.readingNoneOne' : 'export.summary.readingNone', { count: reading.none }));
	return out;
}

/**
 * The cards cited across the groups' case processes: an introduction and one line per card, or
 * nothing when no card was cited. With a single process nothing "recurs", so it is worded as what
 * that one process cited.
 */
export function recurringSentences(
	across: { processes: number; cards: readonly { cardId: string; groups: number }[] },
	cardName: (id: string) => string,
	t: Translate,
	limit = 8
): { intro: string; items: string[] } | null {
	if (across.cards.length === 0 || across.processes === 0) return null;
	const cards = across.cards.slice(0, limit);
	if (across.processes === 1) return { intro: t('export.summary.recurringOne'), items: cards.map((c) => t('export.summary.citedOne', { card: cardName(c.cardId) })) };
	return {
		intro: t('export.summary.recurring', { total: across.processes }),
		items: cards.map((c) => t('export.summary.citedIn', { card: cardName(c.cardId), count: c.groups, total: across.processes }))
	};
}
