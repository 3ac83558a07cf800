/**
 * The CSV files of a trace: one row per contribution (everything, moderation flagged, not
 * removed), the group work (cards kept, "other" cards, case answers), and the check-in answers. Headers in the chosen
 * language; kit ids resolved to their labels.
 */
import { translate, type Locale, type MessageKey } from '$lib/i18n';
import type { KitManifest } from '$lib/kits';
import { csvId, writeCsv, type CsvCell, type CsvSeparator } from './csv-write';
import { kitLabels } from './kit-labels';
import type { Trace } from './trace-schema';
import { checkinActivities } from './trace-views';

export interface CsvOptions {
	locale: Locale;
	separator: CsvSeparator;
}

/** Local date and time as `YYYY-MM-DD HH:MM`: what a spreadsheet recognises in every locale. */
export function formatTime(ms: number | null): string {
	if (ms === null) return '';
	const d = new Date(ms);
	const p = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A table of the export: header labels and rows, written as CSV or as a spreadsheet sheet. */
export interface ExportTable {
	header: string[];
	rows: CsvCell[][];
}

export function contributionsCsv(trace: Trace, kit: KitManifest | null, options: CsvOptions): string {
	const table = contributionsTable(trace, kit, options.locale);
	return writeCsv(table.header, table.rows, options.separator);
}

/** One row per contribution (everything, moderation flagged). */
export function contributionsTable(trace: Trace, kit: KitManifest | null, locale: Locale): ExportTable {
	const options = { locale };
	const t = (key: MessageKey) => translate(options.locale, key);
	const labels = kitLabels(kit, options.locale, trace.kit.id);
	const groups = new Map(trace.groups.map((g) => [g.id, g.name]));
	const themes = new Map(trace.themes.map((th) => [th.id, th]));
	const names = trace.privacy.authorNames;
	const yes = (flag: boolean) => (flag ? t('export.csv.yes') : '');
	const header: MessageKey[] = [
		'export.csv.activity',
		'export.csv.station',
		'export.csv.category',
		'export.csv.group',
		'export.csv.kind',
		'export.csv.text',
		'export.csv.votes',
		'export.csv.theme',
		'export.csv.time',
		'export.csv.author',
		...(names ? (['export.csv.authorName'] as const) : []),
		'export.csv.device',
		'export.csv.hidden',
		'export.csv.deleted',
		'export.csv.mergedInto',
		'export.csv.id'
	];
	const rows = trace.contributions.map((c): CsvCell[] => {
		const theme = c.themeId === null ? undefined : themes.get(c.themeId);
		return [
			labels.activity(c.activityId),
			labels.station(c.stationId),
			labels.category(c.stationId, c.categoryId),
			c.groupId === null ? '' : (groups.get(c.groupId) ?? c.groupId),
			translate(options.locale, `session.kind.${c.kind}`),
			c.text,
			c.votes,
			theme && !theme.deleted ? theme.name : '',
			formatTime(c.createdAt),
			csvId(c.authorId),
			...(names ? [c.authorName ?? ''] : []),
			csvId(c.deviceId),
			yes(c.hidden),
			yes(c.deleted),
			c.mergedInto === null ? '' : csvId(c.mergedInto),
			csvId(c.id)
		];
	});
	return { header: header.map(t), rows };
}

/** Cards kept by each group, the groups' own "other" cards, and their answers to the cases. */
export function groupWorkCsv(trace: Trace, kit: KitManifest | null, options: CsvOptions): string {
	const table = groupWorkTable(trace, kit, options.locale);
	return writeCsv(table.header, table.rows, options.separator);
}

/** The group work as a table (see `groupWorkCsv`). */
export function groupWorkTable(trace: Trace, kit: KitManifest | null, locale: Locale): ExportTable {
	const options = { locale };
	const t = (key: MessageKey) => translate(options.locale, key);
	const labels = kitLabels(kit, options.locale, trace.kit.id);
	const groups = new Map(trace.groups.map((g) => [g.id, g.name]));
	const others = new Map(trace.otherCards.map((o) => [o.id, o]));
	const cardName = (id: string) => others.get(id)?.title ?? labels.card(id);
	const header: MessageKey[] = [
		'export.csv.rowType',
		'export.csv.group',
		'export.csv.dimension',
		'export.csv.card',
		'export.csv.case',
		'export.csv.question',
		'export.csv.text',
		'export.csv.citedCards',
		'export.csv.time'
	];
	const rows: CsvCell[][] = [];
	for (const group of trace.groups) {
		for (const choice of trace.cardChoices) {
			if (choice.groupId !== group.id || !choice.chosen) continue;
			const other = others.get(choice.cardId);
			const dimension = labels.dimensionOf(choice.cardId);
			rows.push([
				t(choice.other ? 'export.csv.type.otherCard' : 'export.csv.type.keptCard'),
				group.name,
				dimension === null ? '' : labels.dimension(dimension),
				cardName(choice.cardId),
				'',
				'',
				other ? other.question : '',
				'',
				formatTime(choice.at)
			]);
		}
	}
	for (const answer of trace.caseAnswers) {
		rows.push([
			t('export.csv.type.caseAnswer'),
			groups.get(answer.groupId) ?? answer.groupId,
			'',
			'',
			labels.caseTitle(answer.caseId),
			labels.question(answer.caseId, answer.questionId),
			answer.text,
			answer.citedCards.map(cardName).join(' | '),
			formatTime(answer.editedAt ?? answer.createdAt)
		]);
	}
	return { header: header.map(t), rows };
}

export function checkinCsv(trace: Trace, kit: KitManifest | null, options: CsvOptions): string {
	const table = checkinTable(trace, kit, options.locale);
	return writeCsv(table.header, table.rows, options.separator);
}

/**
 * One row per check-in answer, anonymous (no participant), naming its check-in and the question
 * it asked: an opening and a closing check-in may ask different things (kit format 2).
 */
export function checkinTable(trace: Trace, kit: KitManifest | null, locale: Locale): ExportTable {
	const t = (key: MessageKey) => translate(locale, key);
	const labels = kitLabels(kit, locale, trace.kit.id);
	const asked = checkinActivities(trace);
	const header: MessageKey[] = ['export.csv.phase', 'export.csv.activity', 'export.csv.question', 'export.csv.answer', 'export.csv.value', 'export.csv.time'];
	const rows: CsvCell[][] = trace.checkins.map((answer) => {
		const activityId = answer.activityId ?? asked[answer.phase];
		return [
			t(`session.phase.${answer.phase}`),
			activityId === null ? '' : labels.activity(activityId),
			labels.checkinQuestion(activityId),
			labels.checkinLabel(answer.value),
			answer.value,
			formatTime(answer.at)
		];
	});
	return { header: header.map(t), rows };
}
