/**
 * The printable summary (bilan) of a session: one self-contained HTML document (inline CSS, no
 * script, no remote load) in the session's language, meant to be printed or published and
 * returned to participants. Built from a trace, so it shows exactly what the exported files hold;
 * hidden and deleted notes are left out, themes follow the facilitator's organisation.
 */
import { localize, translate, type Locale, type MessageKey, type MessageParams } from '$lib/i18n';
import type { KitManifest } from '$lib/kits';
import { barChart, DOCUMENT_CSS, esc, escLines, type Bar } from './html-util';
import { kitLabels, type KitLabels } from './kit-labels';
import type { Trace } from './trace-schema';
import { checkinActivities, checkinCounts, citedAcrossCases, gridReading, keptCards, mean, notesByTheme, participantCount, visibleNotes, type GridReading, type VisibleNote } from './trace-views';
import { readingSentences, recurringSentences } from './summary-sentences';
import { formatTime } from './trace-csv';

export interface SummaryOptions {
	/** Defaults to the session's language. */
	locale?: Locale;
	/** How many top-voted notes to list. */
	topCount?: number;
}

type T = (key: MessageKey, params?: MessageParams) => string;

function formatNumber(locale: Locale, n: number, digits = 0): string {
	return new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}

function note(n: VisibleNote, t: T): string {
	const extra = [n.votes > 0 ? `<span class="votes">${esc(t('export.summary.votes', { count: n.votes }))}</span>` : '', n.mergedCount > 0 ? `<span class="muted">${esc(t('export.summary.merged', { count: n.mergedCount }))}</span>` : '']
		.filter(Boolean)
		.join(' ');
	return `<li>${escLines(n.text)}${extra ? ` ${extra}` : ''}</li>`;
}

/** The grid's reading in plain sentences, before the chart. */
export function readingHtml(reading: GridReading, cardLabel: (id: string) => string, t: T): string {
	const items = readingSentences(reading, cardLabel, t);
	return items.length === 0 ? '' : `<ul class="reading">${items.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`;
}

function contextSection(trace: Trace, notes: readonly VisibleNote[], labels: KitLabels, t: T, locale: Locale): string {
	const s = trace.session;
	const facts: [MessageKey, string][] = [
		['export.summary.kit', `${labels.kitTitle} (${trace.kit.id} ${trace.kit.version})`],
		['export.summary.date', s.date || t('export.summary.notSet')],
		['export.summary.place', s.place || t('export.summary.notSet')],
		['export.summary.facilitators', s.facilitators.join(', ') || t('export.summary.notSet')],
		['export.summary.participants', formatNumber(locale, participantCount(trace))],
		['export.summary.groups', formatNumber(locale, trace.groups.length)],
		['export.summary.contributions', formatNumber(locale, notes.length)]
	];
	const agendaRows = trace.agenda
		.map((a) => {
			const minutes = Math.round(a.elapsedMs / 60_000);
			const when = a.firstStartedAt === null ? t('export.summary.notRun') : `${formatTime(a.firstStartedAt).slice(11)}–${formatTime(a.lastEndedAt).slice(11)}`;
			return `<tr><td>${esc(labels.activity(a.activityId))}</td><td class="num">${esc(formatNumber(locale, a.plannedMinutes + a.extendedMinutes))}</td><td class="num">${a.firstStartedAt === null ? '' : esc(formatNumber(locale, minutes))}</td><td>${esc(when)}</td></tr>`;
		})
		.join('');
	return (
		`<section id="context" aria-labelledby="context-h"><h2 id="context-h">${esc(t('export.summary.context'))}</h2>` +
		`<dl class="facts">${facts.map(([k, v]) => `<dt>${esc(t(k))}</dt><dd>${esc(v)}</dd>`).join('')}</dl>` +
		`<p class="muted">${esc(t('export.summary.participantsNote'))}</p>` +
		`<h3>${esc(t('export.summary.agenda'))}</h3><table><thead><tr><th scope="col">${esc(t('export.summary.activity'))}</th><th scope="col" class="num">${esc(t('export.summary.planned'))}</th><th scope="col" class="num">${esc(t('export.summary.actual'))}</th><th scope="col">${esc(t('export.summary.when'))}</th></tr></thead><tbody>${agendaRows}</tbody></table></section>`
	);
}

function contributionsSection(trace: Trace, notes: readonly VisibleNote[], labels: KitLabels, t: T): string {
	const activities = notesByTheme(trace, notes);
	const body = activities
		.map((a) => {
			const themes = a.themes.map((th) => `<h4>${esc(th.name)}</h4><ul class="notes">${th.notes.map((n) => note(n, t)).join('')}</ul>`).join('');
			const rest = a.unthemed.length === 0 ? '' : `${a.themes.length > 0 ? `<h4>${esc(t('export.summary.unthemed'))}</h4>` : ''}<ul class="notes">${a.unthemed.map((n) => note(n, t)).join('')}</ul>`;
			return `<h3>${esc(labels.activity(a.activityId))} <span class="muted">(${esc(t('export.summary.noteCount', { count: a.total }))})</span></h3>${themes}${rest}`;
		})
		.join('');
	return `<section id="contributions" aria-labelledby="contributions-h"><h2 id="contributions-h">${esc(t('export.summary.contributionsTitle'))}</h2>${body || `<p class="empty">${esc(t('export.summary.none'))}</p>`}</section>`;
}

function topSection(notes: readonly VisibleNote[], labels: KitLabels, t: T, count: number): string {
	const top = notes
		.filter((n) => n.votes > 0)
		.sort((a, b) => b.votes - a.votes || a.createdAt - b.createdAt)
		.slice(0, count);
	const items = top.map((n) => `<li>${escLines(n.text)} <span class="votes">${esc(t('export.summary.votes', { count: n.votes }))}</span> <span class="muted">— ${esc(labels.activity(n.activityId))}</span></li>`).join('');
	return `<section id="top-voted" aria-labelledby="top-h"><h2 id="top-h">${esc(t('export.summary.topVoted'))}</h2>${items ? `<ol class="notes">${items}</ol>` : `<p class="empty">${esc(t('export.summary.noVotes'))}</p>`}</section>`;
}

function gridSection(trace: Trace, kit: KitManifest | null, labels: KitLabels, t: T, locale: Locale): string {
	const tally = keptCards(trace);
	const groups = trace.groups.length;
	const bars: Bar[] = [];
	for (const d of kit?.grid?.dimensions ?? []) for (const c of d.cards) bars.push({ label: labels.card(c.id), value: tally.get(c.id) ?? 0, group: labels.dimension(d.id) });
	const otherCards = trace.otherCards.filter((o) => (tally.get(o.id) ?? 0) > 0);
	if (bars.length === 0 && otherCards.length === 0) return '';
	// Without a group the chart would be bars "out of 0": say it in words instead.
	if (groups === 0) return `<section id="grid" aria-labelledby="grid-h"><h2 id="grid-h">${esc(t('export.summary.grid'))}</h2><p class="empty">${esc(t('export.summary.noGroups'))}</p></section>`;
	const chart =
		bars.length === 0
			? ''
			: barChart(bars, {
					id: 'grid-chart',
					title: t('export.summary.gridChart'),
					description: t('export.summary.gridChartDesc', { groups }),
					max: Math.max(groups, 1),
					axisLabel: t('export.summary.groupsKeptOf', { groups })
				});
	const rows = bars
		.map((b) => `<tr><td>${esc(b.group)}</td><td>${esc(b.label)}</td><td class="num">${esc(formatNumber(locale, b.value))}</td></tr>`)
		.join('');
	const table =
		bars.length === 0
			? ''
			: `<table id="grid-table"><caption>${esc(t('export.summary.gridTable', { groups }))}</caption><thead><tr><th scope="col">${esc(t('export.csv.dimension'))}</th><th scope="col">${esc(t('export.csv.card'))}</th><th scope="col" class="num">${esc(t('export.summary.groupsKept'))}</th></tr></thead><tbody>${rows}</tbody></table>`;
	const groupName = new Map(trace.groups.map((g) => [g.id, g.name]));
	const others = otherCards.length === 0 ? '' : `<h3>${esc(t('export.summary.otherCards'))}</h3><ul class="notes">${otherCards.map((o) => `<li><strong>${esc(o.title)}</strong>${o.question ? ` — ${escLines(o.question)}` : ''} <span class="muted">(${esc(groupName.get(o.groupId) ?? '')})</span></li>`).join('')}</ul>`;
	const kitCards = (kit?.grid?.dimensions ?? []).flatMap((d) => d.cards.map((c) => c.id));
	const reading = readingHtml(gridReading(kitCards, (id) => tally.get(id) ?? 0, groups), labels.card, t);
	return `<section id="grid" aria-labelledby="grid-h"><h2 id="grid-h">${esc(t('export.summary.grid'))}</h2>${reading}${chart}${table}${others}</section>`;
}

function casesSection(trace: Trace, kit: KitManifest | null, labels: KitLabels, t: T): string {
	if (trace.caseAnswers.length === 0 && trace.groups.every((g) => g.caseId === null)) return '';
	const otherTitles = new Map(trace.otherCards.map((o) => [o.id, o.title]));
	const cardName = (id: string) => otherTitles.get(id) ?? labels.card(id);
	const caseIds = [...(kit?.cases.map((c) => c.id) ?? [])];
	for (const a of trace.caseAnswers) if (!caseIds.includes(a.caseId)) caseIds.push(a.caseId);
	const body = caseIds
		.map((caseId) => {
			const answers = trace.caseAnswers.filter((a) => a.caseId === caseId && a.text.trim() !== '');
			const groups = trace.groups.filter((g) => g.caseId === caseId || answers.some((a) => a.groupId === g.id));
			if (groups.length === 0) return '';
			const questions = [...(kit?.cases.find((c) => c.id === caseId)?.questions.map((q) => q.id) ?? [])];
			for (const a of answers) if (!questions.includes(a.questionId)) questions.push(a.questionId);
			const perQuestion = questions
				.map((q) => {
					const list = answers.filter((a) => a.questionId === q);
					const items = list
						.map((a) => {
							const cited = a.citedCards.length > 0 ? `<br><span class="muted">${esc(t('export.summary.citedCards'))} ${esc(a.citedCards.map(cardName).join(', '))}</span>` : '';
							return `<blockquote><strong>${esc(trace.groups.find((g) => g.id === a.groupId)?.name ?? '')}</strong> — ${escLines(a.text)}${cited}</blockquote>`;
						})
						.join('');
					return `<h4>${esc(labels.question(caseId, q))}</h4>${items || `<p class="empty">${esc(t('export.summary.noAnswer'))}</p>`}`;
				})
				.join('');
			return `<h3>${esc(labels.caseTitle(caseId))} <span class="muted">(${esc(t('export.summary.groupCount', { count: groups.length }))})</span></h3>${perQuestion}`;
		})
		.join('');
	const sentences = recurringSentences(citedAcrossCases(trace), cardName, t);
	const recurring = sentences ? `<p>${esc(sentences.intro)}</p><ul class="notes">${sentences.items.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : '';
	return `<section id="cases" aria-labelledby="cases-h"><h2 id="cases-h">${esc(t('export.summary.cases'))}</h2>${recurring}${body}</section>`;
}

function checkinSection(trace: Trace, kit: KitManifest | null, labels: KitLabels, t: T, locale: Locale): string {
	if (trace.checkins.length === 0) return '';
	const counts = checkinCounts(trace);
	const values = kit?.checkinScale?.map((s) => s.value) ?? [...new Set(trace.checkins.map((c) => c.value))].sort((a, b) => a - b);
	const rows = values
		.map((v) => `<tr><td>${esc(labels.checkinLabel(v))}</td><td class="num">${esc(formatNumber(locale, counts.start.get(v) ?? 0))}</td><td class="num">${esc(formatNumber(locale, counts.end.get(v) ?? 0))}</td></tr>`)
		.join('');
	const m = (phase: 'start' | 'end') => {
		const value = mean(counts[phase]);
		return value === null ? '—' : formatNumber(locale, value, 1);
	};
	const asked = checkinActivities(trace);
	const questions = (['start', 'end'] as const)
		.filter((phase) => asked[phase] !== null)
		.map((phase) => {
			const id = asked[phase];
			const question = labels.checkinQuestion(id);
			return `<dt>${esc(t(`session.phase.${phase}`))} — ${esc(labels.activity(id ?? ''))}</dt><dd>${esc(question || t('export.summary.checkinNoQuestion'))}</dd>`;
		})
		.join('');
	return (
		`<section id="checkin" aria-labelledby="checkin-h"><h2 id="checkin-h">${esc(t('export.summary.checkin'))}</h2>` +
		(questions ? `<dl class="facts" data-checkin-questions>${questions}</dl>` : '') +
		`<table><thead><tr><th scope="col">${esc(t('export.summary.answer'))}</th><th scope="col" class="num">${esc(t('session.phase.start'))}</th><th scope="col" class="num">${esc(t('session.phase.end'))}</th></tr></thead>` +
		`<tbody>${rows}</tbody><tfoot><tr><th scope="row">${esc(t('export.summary.mean'))}</th><td class="num">${esc(m('start'))}</td><td class="num">${esc(m('end'))}</td></tr></tfoot></table></section>`
	);
}

function followUpSection(trace: Trace, t: T): string {
	const f = trace.followUp;
	const field = (key: MessageKey, value: string | undefined) => `<dt>${esc(t(key))}</dt><dd>${value ? escLines(value) : `<span class="empty">${esc(t('export.summary.toComplete'))}</span>`}</dd>`;
	return (
		`<section id="follow-up" aria-labelledby="follow-up-h"><h2 id="follow-up-h">${esc(t('export.summary.followUp'))}</h2>` +
		`<dl class="facts">${field('export.followUp.what', f?.what)}${field('export.followUp.who', f?.who)}${field('export.followUp.when', f?.when)}</dl></section>`
	);
}

/**
 * The summary's content (title, sections, footer) without the document around it: the app shows
 * it inside its own page (with its print stylesheet), the file wraps it with `summaryHtml`.
 * Every text from participants or the kit is escaped.
 */
export function summaryBodyHtml(trace: Trace, kit: KitManifest | null, options: SummaryOptions = {}): string {
	const locale = options.locale ?? trace.session.language;
	const t: T = (key, params) => translate(locale, key, params);
	const labels = kitLabels(kit, locale, trace.kit.id);
	const title = trace.session.title || labels.kitTitle;
	const notes = visibleNotes(trace);
	return (
		`<h1>${esc(title)}</h1><p class="subtitle">${esc(t('export.summary.title'))}${trace.session.date ? ` — ${esc(trace.session.date)}` : ''}</p>` +
		contextSection(trace, notes, labels, t, locale) +
		contributionsSection(trace, notes, labels, t) +
		topSection(notes, labels, t, options.topCount ?? 10) +
		gridSection(trace, kit, labels, t, locale) +
		casesSection(trace, kit, labels, t) +
		checkinSection(trace, kit, labels, t, locale) +
		followUpSection(trace, t) +
		`<p class="muted">${esc(t('export.summary.footer', { kit: labels.kitTitle }))}</p>`
	);
}

/** The summary as a complete, self-contained HTML document in the session's language. */
export function summaryHtml(trace: Trace, kit: KitManifest | null, options: SummaryOptions = {}): string {
	const locale = options.locale ?? trace.session.language;
	const title = trace.session.title || kitLabels(kit, locale, trace.kit.id).kitTitle;
	return (
		`<!doctype html><html lang="${esc(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<title>${esc(translate(locale, 'export.summary.title'))} — ${esc(title)}</title><style>${DOCUMENT_CSS}</style></head><body><main>` +
		`${summaryBodyHtml(trace, kit, options)}</main></body></html>`
	);
}
