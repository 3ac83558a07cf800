/** The synthesis as a CSV file (long format: one figure a row) and as a printable HTML document. */
import { translate, type Locale, type MessageKey, type MessageParams } from '$lib/i18n';
import type { KitManifest } from '$lib/kits';
import { writeCsv, type CsvCell, type CsvSeparator } from './csv-write';
import { barChart, DOCUMENT_CSS, esc, escLines } from './html-util';
import { kitLabels, type KitLabels } from './kit-labels';
import type { Synthesis } from './synthesis';
import { readingHtml } from './summary-html';
import { gridReading } from './trace-views';

export interface SynthesisOutputOptions {
	locale: Locale;
	/** The kit used for labels (the traces' kit when this device has it). */
	kit: KitManifest | null;
}

function sessionName(s: Synthesis['sessions'][number]): string {
	return [s.title, s.place, s.date].filter(Boolean).join(' — ') || s.id;
}

/** Per phase, the questions the sessions' check-ins asked (several kits: joined by " / "). */
function checkinQuestions(synthesis: Synthesis, labels: KitLabels): { start: string; end: string } {
	const join = (ids: string[]) => [...new Set(ids.map((id) => labels.checkinQuestion(id)).filter(Boolean))].join(' / ');
	return { start: join(synthesis.checkin.activities.start), end: join(synthesis.checkin.activities.end) };
}

export function synthesisCsv(synthesis: Synthesis, options: SynthesisOutputOptions & { separator: CsvSeparator }): string {
	const t = (key: MessageKey) => translate(options.locale, key);
	const labels = kitLabels(options.kit, options.locale);
	const total = t('export.synthesis.total');
	const rows: CsvCell[][] = [];
	const perSession = (section: MessageKey, item: string, values: readonly number[], sum: number) => {
		for (const [i, s] of synthesis.sessions.entries()) rows.push([t(section), item, sessionName(s), values[i] ?? 0]);
		rows.push([t(section), item, total, sum]);
	};
	perSession('export.synthesis.participants', '', synthesis.sessions.map((s) => s.participants), synthesis.totals.participants);
	perSession('export.synthesis.groups', '', synthesis.sessions.map((s) => s.groups), synthesis.totals.groups);
	perSession('export.synthesis.contributions', '', synthesis.sessions.map((s) => s.contributions), synthesis.totals.contributions);
	for (const c of synthesis.cards) perSession('export.synthesis.cards', labels.card(c.cardId), c.bySession, c.kept);
	for (const st of synthesis.stations) perSession('export.synthesis.stations', labels.station(st.stationId), st.bySession, st.total);
	for (const c of synthesis.cases) {
		rows.push([t('export.synthesis.caseGroups'), labels.caseTitle(c.caseId), total, c.groups]);
		for (const card of c.citedCards) rows.push([t('export.synthesis.caseCited'), `${labels.caseTitle(c.caseId)} — ${card.title ?? labels.card(card.cardId)}`, total, card.groups]);
	}
	// The item names the question answered, so that a closing check-in asking something else than
	// the opening one is never read as the same question.
	const asked = checkinQuestions(synthesis, labels);
	const item = (question: string, v: number) => (question ? `${question} — ${labels.checkinLabel(v)}` : labels.checkinLabel(v));
	for (const v of synthesis.checkin.values) {
		rows.push([t('export.synthesis.checkinStart'), item(asked.start, v), total, synthesis.checkin.start[v] ?? 0]);
		rows.push([t('export.synthesis.checkinEnd'), item(asked.end, v), total, synthesis.checkin.end[v] ?? 0]);
	}
	const header: MessageKey[] = ['export.synthesis.section', 'export.synthesis.item', 'export.synthesis.session', 'export.synthesis.value'];
	return writeCsv(header.map(t), rows, options.separator);
}

/** The body of the synthesis (sections only): shown in the app and inside the printable document. */
export function synthesisBodyHtml(synthesis: Synthesis, options: SynthesisOutputOptions): string {
	const locale = options.locale;
	const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
	const n = (x: number | null, digits = 0) => (x === null ? '—' : new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(x));
	const labels = kitLabels(options.kit, locale);
	const th = (key: MessageKey, num = false) => `<th scope="col"${num ? ' class="num"' : ''}>${esc(t(key))}</th>`;
	const sessionRows = synthesis.sessions
		.map((s) => `<tr><th scope="row">${esc(sessionName(s))}</th><td class="num">${n(s.participants)}</td><td class="num">${n(s.groups)}</td><td class="num">${n(s.contributions)}</td></tr>`)
		.join('');
	const totals = `<tr><th scope="row">${esc(t('export.synthesis.total'))}</th><td class="num">${n(synthesis.totals.participants)}</td><td class="num">${n(synthesis.totals.groups)}</td><td class="num">${n(synthesis.totals.contributions)}</td></tr>`;
	const overview =
		`<section id="synthesis-totals" aria-labelledby="syn-totals-h"><h2 id="syn-totals-h">${esc(t('export.synthesis.totals', { count: synthesis.totals.sessions }))}</h2>` +
		`<table><thead><tr>${th('export.synthesis.session')}${th('export.synthesis.participants', true)}${th('export.synthesis.groups', true)}${th('export.synthesis.contributions', true)}</tr></thead><tbody>${sessionRows}</tbody><tfoot>${totals}</tfoot></table>` +
		`<p class="muted">${esc(t('export.summary.participantsNote'))} ${esc(t('export.synthesis.participantsTotal'))}</p></section>`;

	const groups = synthesis.totals.groups;
	// In the kit's dimension order, most kept first within a dimension.
	const dimensionOrder = (options.kit?.grid?.dimensions ?? []).map((d) => d.id);
	const rank = (cardId: string) => {
		const d = labels.dimensionOf(cardId);
		return d === null ? dimensionOrder.length : dimensionOrder.indexOf(d);
	};
	const cardBars = [...synthesis.cards]
		.sort((a, b) => rank(a.cardId) - rank(b.cardId) || b.kept - a.kept)
		.map((c) => {
			const d = labels.dimensionOf(c.cardId);
			return { label: labels.card(c.cardId), value: c.kept, group: d === null ? '' : labels.dimension(d) };
		});
	const cardRows = synthesis.cards
		.map((c) => `<tr><td>${esc(labels.card(c.cardId))}</td><td class="num">${n(c.kept)}</td><td class="num">${n(groups === 0 ? 0 : (100 * c.kept) / groups)} %</td></tr>`)
		.join('');
	const others = synthesis.otherCards.length === 0 ? '' : `<h3>${esc(t('export.summary.otherCards'))}</h3><ul class="notes">${synthesis.otherCards.map((o) => `<li><strong>${esc(o.title)}</strong>${o.question ? ` — ${escLines(o.question)}` : ''} <span class="muted">(${esc(sessionName(synthesis.sessions[o.session]!))}, ${esc(o.group)})</span></li>`).join('')}</ul>`;
	const cards =
		synthesis.cards.length === 0 && synthesis.otherCards.length === 0
			? ''
			: `<section id="synthesis-cards" aria-labelledby="syn-cards-h"><h2 id="syn-cards-h">${esc(t('export.synthesis.cards'))}</h2>` +
				readingHtml(gridReading(allCards(options.kit, synthesis), (id) => synthesis.cards.find((c) => c.cardId === id)?.kept ?? 0, groups), labels.card, t) +
				(cardBars.length > 0 ? barChart(cardBars, { id: 'syn-chart', title: t('export.synthesis.cards'), description: t('export.summary.gridChartDesc', { groups }), max: Math.max(groups, 1), axisLabel: t('export.summary.groupsKeptOf', { groups }) }) : '') +
				`<table><caption>${esc(t('export.summary.gridTable', { groups }))}</caption><thead><tr>${th('export.csv.card')}${th('export.summary.groupsKept', true)}${th('export.synthesis.share', true)}</tr></thead><tbody>${cardRows}</tbody></table>${others}</section>`;

	const cases = synthesis.cases
		.map((c) => {
			const cited = c.citedCards.length === 0 ? '' : `<table><caption>${esc(t('export.synthesis.caseCited'))}</caption><thead><tr>${th('export.csv.card')}${th('export.synthesis.groups', true)}</tr></thead><tbody>${c.citedCards.map((x) => `<tr><td>${esc(x.title ?? labels.card(x.cardId))}</td><td class="num">${n(x.groups)}</td></tr>`).join('')}</tbody></table>`;
			const questions = [...new Set(c.answers.map((a) => a.questionId))];
			const answers = questions
				.map((q) => `<h4>${esc(labels.question(c.caseId, q))}</h4>${c.answers.filter((a) => a.questionId === q).map((a) => `<blockquote>${escLines(a.text)} <span class="muted">— ${esc(sessionName(synthesis.sessions[a.session]!))}, ${esc(a.group)}</span></blockquote>`).join('')}`)
				.join('');
			return `<h3>${esc(labels.caseTitle(c.caseId))} <span class="muted">(${esc(t('export.summary.groupCount', { count: c.groups }))})</span></h3>${cited}${answers}`;
		})
		.join('');
	const casesSection = cases ? `<section id="synthesis-cases" aria-labelledby="syn-cases-h"><h2 id="syn-cases-h">${esc(t('export.summary.cases'))}</h2>${cases}</section>` : '';

	const stationHead = synthesis.sessions.map((s) => `<th scope="col" class="num">${esc(sessionName(s))}</th>`).join('');
	const stationRows = synthesis.stations
		.map((s) => `<tr><th scope="row">${esc(labels.station(s.stationId))}</th>${s.bySession.map((x) => `<td class="num">${n(x)}</td>`).join('')}<td class="num">${n(s.total)}</td></tr>`)
		.join('');
	const stations =
		synthesis.stations.length === 0
			? ''
			: `<section id="synthesis-stations" aria-labelledby="syn-stations-h"><h2 id="syn-stations-h">${esc(t('export.synthesis.stations'))}</h2><table><thead><tr>${th('export.csv.station')}${stationHead}${th('export.synthesis.total', true)}</tr></thead><tbody>${stationRows}</tbody></table></section>`;

	const ck = synthesis.checkin;
	const asked = checkinQuestions(synthesis, labels);
	const questions = (['start', 'end'] as const)
		.filter((phase) => asked[phase] !== '')
		.map((phase) => `<dt>${esc(t(`session.phase.${phase}`))}</dt><dd>${esc(asked[phase])}</dd>`)
		.join('');
	const checkin =
		ck.values.length === 0
			? ''
			: `<section id="synthesis-checkin" aria-labelledby="syn-checkin-h"><h2 id="syn-checkin-h">${esc(t('export.summary.checkin'))}</h2>${questions ? `<dl class="facts">${questions}</dl>` : ''}<table><thead><tr>${th('export.summary.answer')}${th('session.phase.start', true)}${th('session.phase.end', true)}</tr></thead><tbody>` +
				ck.values.map((v) => `<tr><td>${esc(labels.checkinLabel(v))}</td><td class="num">${n(ck.start[v] ?? 0)}</td><td class="num">${n(ck.end[v] ?? 0)}</td></tr>`).join('') +
				`</tbody><tfoot><tr><th scope="row">${esc(t('export.summary.mean'))}</th><td class="num">${n(ck.mean.start, 1)}</td><td class="num">${n(ck.mean.end, 1)}</td></tr></tfoot></table></section>`;
	return overview + cards + casesSection + stations + checkin;
}

/** The kit's grid cards (or, without the kit, the cards some group kept). */
function allCards(kit: KitManifest | null, synthesis: Synthesis): string[] {
	const fromKit = (kit?.grid?.dimensions ?? []).flatMap((d) => d.cards.map((c) => c.id));
	return fromKit.length > 0 ? fromKit : synthesis.cards.map((c) => c.cardId);
}

export function synthesisHtml(synthesis: Synthesis, options: SynthesisOutputOptions): string {
	const t = (key: MessageKey) => translate(options.locale, key);
	return (
		`<!doctype html><html lang="${esc(options.locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<title>${esc(t('export.synthesis.title'))}</title><style>${DOCUMENT_CSS}</style></head><body><main><h1>${esc(t('export.synthesis.title'))}</h1>` +
		`${synthesisBodyHtml(synthesis, options)}</main></body></html>`
	);
}
