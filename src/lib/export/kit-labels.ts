/**
 * Human labels for the ids a trace holds (activities, stations, categories, cards, cases), taken
 * from the kit in the export's language with the kit's languages as fallbacks. Without the kit
 * (a trace from a kit this device lacks), the ids themselves are shown: nothing is dropped.
 */
import { localize, type Locale, type Localized } from '$lib/i18n';
import type { KitManifest } from '$lib/kits';

export interface KitLabels {
	kitTitle: string;
	activity(id: string): string;
	station(id: string | null): string;
	/** The question a station asks. */
	stationQuestion(id: string | null): string;
	category(stationId: string | null, id: string | null): string;
	card(id: string): string;
	/** Dimension id of a kit card, or null for an unknown ("other") card. */
	dimensionOf(cardId: string): string | null;
	dimension(id: string): string;
	caseTitle(id: string): string;
	question(caseId: string, questionId: string): string;
	checkinLabel(value: number): string;
	/** The question a check-in activity asked ('' when unknown). */
	checkinQuestion(activityId: string | null): string;
}

export function kitLabels(kit: KitManifest | null, locale: Locale, kitId = ''): KitLabels {
	const fallbacks = kit ? [...kit.languages] : [];
	const text = (value: Localized | undefined, id: string) => localize(value, locale, fallbacks).text || id;
	const activities = new Map<string, Localized>();
	const checkinQuestions = new Map<string, Localized>();
	for (const agenda of kit?.agendas ?? [])
		for (const a of agenda.activities) {
			if (!activities.has(a.id)) activities.set(a.id, a.title);
			if (a.checkin && !checkinQuestions.has(a.id)) checkinQuestions.set(a.id, a.checkin.question);
		}
	const stations = new Map((kit?.stations ?? []).map((s) => [s.id, s]));
	const cards = new Map<string, { title: Localized; dimension: string }>();
	const dimensions = new Map<string, Localized>();
	for (const d of kit?.grid?.dimensions ?? []) {
		dimensions.set(d.id, d.title);
		for (const c of d.cards) cards.set(c.id, { title: c.title, dimension: d.id });
	}
	const cases = new Map((kit?.cases ?? []).map((c) => [c.id, c]));
	return {
		kitTitle: kit ? text(kit.title, kit.id) : kitId,
		activity: (id) => text(activities.get(id), id),
		station: (id) => (id === null ? '' : text(stations.get(id)?.title, id)),
		stationQuestion: (id) => (id === null ? '' : text(stations.get(id)?.question, '')),
		category: (stationId, id) => {
			if (id === null) return '';
			const label = stations.get(stationId ?? '')?.categories?.find((c) => c.id === id)?.label;
			return text(label, id);
		},
		card: (id) => text(cards.get(id)?.title, id),
		dimensionOf: (cardId) => cards.get(cardId)?.dimension ?? null,
		dimension: (id) => text(dimensions.get(id), id),
		caseTitle: (id) => text(cases.get(id)?.title, id),
		question: (caseId, questionId) => text(cases.get(caseId)?.questions.find((q) => q.id === questionId)?.text, questionId),
		checkinLabel: (value) => text(kit?.checkinScale?.find((s) => s.value === value)?.label, String(value)),
		checkinQuestion: (id) => (id === null ? '' : text(checkinQuestions.get(id), ''))
	};
}
