/**
 * Every generated sentence of the bilan (and of the synthesis, which reuses them), in French and
 * English, against the cases where a sentence could state something false: no group, one group,
 * ties, nothing kept, every group, exactly half, one process.
 */
import { describe, expect, it } from 'vitest';
import { buildTrace, gridReading, summaryHtml, type Trace } from '$lib/export';
import { readingSentences, recurringSentences } from '$lib/export/summary-sentences';
import { translate, type Locale, type MessageKey, type MessageParams } from '$lib/i18n';
import { CARDS, emptySession, manifest, must, T0 } from './export-fixtures';

const tr = (locale: Locale) => (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
const label = (id: string) => id.toUpperCase();
/** Reads cards a–e with the given number of groups keeping each. */
const read = (kept: Record<string, number>, groups: number) => gridReading(['a', 'b', 'c', 'd', 'e'], (id) => kept[id] ?? 0, groups);

describe('the grid reading', () => {
	it('says nothing when there is no group (nothing was asked)', () => {
		const reading = read({}, 0);
		expect(reading).toMatchObject({ only: [], all: [], more: [], half: [], fewer: [], none: 0 });
		expect(readingSentences(reading, label, tr('fr-CA'))).toEqual([]);
		expect(readingSentences(reading, label, tr('en'))).toEqual([]);
	});

	it('with one group, names what the only group kept (never "a minority")', () => {
		const reading = read({ a: 1, c: 1 }, 1);
		expect(readingSentences(reading, label, tr('fr-CA'))).toEqual(['Cartes retenues par le seul groupe : A, C.', '3 cartes n’ont pas été retenues par le groupe.']);
		expect(readingSentences(reading, label, tr('en'))).toEqual(['Cards kept by the only group: A, C.', '3 cards were not kept by the group.']);
	});

	it('with one group that kept one card, or none', () => {
		expect(readingSentences(read({ a: 1, b: 1, c: 1, d: 1 }, 1), label, tr('fr-CA'))).toEqual(['Cartes retenues par le seul groupe : A, B, C, D.', '1 carte n’a pas été retenue par le groupe.']);
		expect(readingSentences(read({}, 1), label, tr('fr-CA'))).toEqual(['Le groupe n’a retenu aucune carte.']);
		expect(readingSentences(read({}, 1), label, tr('en'))).toEqual(['The group kept no card.']);
	});

	it('with everything at zero, says no group kept a card', () => {
		expect(readingSentences(read({}, 4), label, tr('fr-CA'))).toEqual(['Aucun groupe n’a retenu de carte.']);
		expect(readingSentences(read({}, 4), label, tr('en'))).toEqual(['No group kept any card.']);
	});

	it('tells apart every group, more than half, exactly half and fewer than half', () => {
		const reading = read({ a: 4, b: 3, c: 2, d: 1 }, 4);
		expect(reading).toMatchObject({ all: ['a'], more: ['b'], half: ['c'], fewer: ['d'], none: 1 });
		expect(readingSentences(reading, label, tr('fr-CA'))).toEqual([
			'Retenues par tous les groupes (4) : A.',
			'Retenues par plus de la moitié des groupes, mais pas par tous : B.',
			'Retenues par exactement la moitié des groupes (2 sur 4) : C.',
			'Retenues par moins de la moitié des groupes : D.',
			'1 carte n’a été retenue par aucun groupe.'
		]);
		expect(readingSentences(reading, label, tr('en'))).toEqual([
			'Kept by every group (4): A.',
			'Kept by more than half of the groups, but not all: B.',
			'Kept by exactly half of the groups (2 of 4): C.',
			'Kept by fewer than half of the groups: D.',
			'1 card was kept by no group.'
		]);
	});

	it('with two groups, one of two is exactly half and two of two is every group', () => {
		const reading = read({ a: 2, b: 1, c: 1 }, 2);
		expect(reading).toMatchObject({ all: ['a'], more: [], half: ['b', 'c'], fewer: [], none: 2 });
		expect(readingSentences(reading, label, tr('fr-CA'))).toEqual([
			'Retenues par tous les groupes (2) : A.',
			'Retenues par exactement la moitié des groupes (1 sur 2) : B, C.',
			'2 cartes n’ont été retenues par aucun groupe.'
		]);
	});

	it('with an odd number of groups there is no "exactly half": 2 of 3 is more than half, 1 of 3 fewer', () => {
		const reading = read({ a: 2, b: 1, c: 3, d: 3, e: 3 }, 3);
		expect(reading).toMatchObject({ all: ['c', 'd', 'e'], more: ['a'], half: [], fewer: ['b'], none: 0 });
		expect(readingSentences(reading, label, tr('en'))).toEqual(['Kept by every group (3): C, D, E.', 'Kept by more than half of the groups, but not all: A.', 'Kept by fewer than half of the groups: B.']);
	});

	it('lists ties in kit order, most kept first', () => {
		const reading = read({ e: 5, b: 6, d: 6, a: 5 }, 10);
		expect(reading.more).toEqual(['b', 'd']);
		expect(reading.half).toEqual(['a', 'e']);
	});

	it('never counts more groups than there are (a bad count is capped)', () => {
		expect(read({ a: 7 }, 3).all).toEqual(['a']);
	});
});

describe('cards cited across the groups’ processes', () => {
	it('says nothing when no card was cited', () => {
		expect(recurringSentences({ processes: 3, cards: [] }, label, tr('fr-CA'))).toBeNull();
		expect(recurringSentences({ processes: 0, cards: [] }, label, tr('en'))).toBeNull();
	});

	it('with one process, lists what it cited without claiming anything recurs', () => {
		const out = recurringSentences({ processes: 1, cards: [{ cardId: 'a', groups: 1 }] }, label, tr('fr-CA'));
		expect(out).toEqual({ intro: 'Cartes citées par la seule démarche de groupe :', items: ['« A »'] });
		expect(recurringSentences({ processes: 1, cards: [{ cardId: 'a', groups: 1 }] }, label, tr('en'))).toEqual({ intro: 'Cards cited by the only group process:', items: ['“A”'] });
	});

	it('with several processes, counts each card against them (all, some, ties)', () => {
		const across = { processes: 6, cards: [{ cardId: 'a', groups: 6 }, { cardId: 'b', groups: 5 }, { cardId: 'c', groups: 1 }] };
		expect(recurringSentences(across, label, tr('fr-CA'))).toEqual({
			intro: 'Cartes citées d’une démarche de groupe à l’autre (sur 6 démarches) :',
			items: ['« A » : citée dans 6 sur 6', '« B » : citée dans 5 sur 6', '« C » : citée dans 1 sur 6']
		});
		expect(recurringSentences(across, label, tr('en'))!.intro).toBe('Cards cited from one group process to another (out of 6 processes):');
		expect(recurringSentences(across, label, tr('en'), 2)!.items).toEqual(['“A”: cited in 6 of 6', '“B”: cited in 5 of 6']);
	});
});

/** A session built through the model with `groups` groups keeping the given kit cards. */
function session(spec: { groups: number[][]; notes?: string[]; answers?: boolean }): Trace {
	const s = emptySession({ id: 'sessionSentences', seed: 3 });
	const m = s.model;
	const person = m.newParticipantId();
	spec.groups.forEach((cards, i) => {
		const g = must(m.createGroup(`Table ${i + 1}`));
		for (const c of cards) must(m.chooseCard(g, CARDS[c]!, person));
		if (spec.answers) {
			must(m.chooseCase(g, 'clavardage-811'));
			must(m.answerCaseQuestion({ groupId: g, caseId: 'clavardage-811', questionId: 'conditions-confiance', text: 'Un humain révise.', citedCards: [CARDS[c0(cards)]!], authorId: person }));
		}
	});
	for (const text of spec.notes ?? []) must(m.addContribution({ activityId: 'confiance-transparence', stationId: 'confiance-transparence', text, authorId: m.newParticipantId() }));
	return buildTrace({ session: s.info, kit: manifest, doc: s.doc, exportedAt: T0 });
}
const c0 = (cards: number[]) => cards[0] ?? 0;
const title = (i: number) => manifest.grid!.dimensions.flatMap((d) => d.cards)[i]!.title['fr-CA']!.replace(/'/g, '&#39;');

describe('the bilan’s sentences in context', () => {
	it('one group: its cards are "kept by the only group", never "a minority of groups"', () => {
		const html = summaryHtml(session({ groups: [[0, 5, 10]] }), manifest);
		expect(html).toContain(`<li>Cartes retenues par le seul groupe : ${[0, 5, 10].map(title).join(', ')}.</li>`);
		expect(html).toContain('<li>12 cartes n’ont pas été retenues par le groupe.</li>');
		expect(html).not.toContain('minorité');
	});

	it('no group: no chart out of 0, one plain sentence instead', () => {
		const html = summaryHtml(session({ groups: [] }), manifest);
		expect(html).toContain('<p class="empty">Aucun groupe n’a été créé pendant la session : aucune carte n’a été retenue.</p>');
		expect(html).not.toContain('grid-chart');
		expect(html).toContain('<dt>Personnes participantes</dt><dd>0</dd>');
		expect(html).toContain('Aucune contribution à présenter');
		expect(summaryHtml({ ...session({ groups: [] }), session: { ...session({ groups: [] }).session, language: 'en' } }, manifest)).toContain('No group was created during the session: no card was kept.');
	});

	it('says how participants are counted, in one sentence, in both languages', () => {
		const trace = session({ groups: [[1]], notes: ['a', 'b'] });
		const fr = summaryHtml(trace, manifest);
		expect(fr).toContain('<dt>Personnes participantes</dt><dd>3</dd>');
		expect(fr).toContain('<p class="muted">Ce nombre compte les codes pseudonymes distincts qui ont écrit une note (sauf les notes supprimées), placé un vote');
		const en = summaryHtml({ ...trace, session: { ...trace.session, language: 'en' } }, manifest);
		expect(en).toContain('<dt>Participants</dt><dd>3</dd>');
		expect(en).toContain('This number counts the distinct pseudonymous codes');
	});

	it('no votes: says that none of the contributions shown received one', () => {
		expect(summaryHtml(session({ groups: [], notes: ['x'] }), manifest)).toContain('<p class="empty">Aucune des contributions présentées n’a reçu de vote.</p>');
	});

	it('one case process: lists the cited card without "from one process to another"', () => {
		const html = summaryHtml(session({ groups: [[8]], answers: true }), manifest);
		expect(html).toContain('<p>Cartes citées par la seule démarche de groupe :</p>');
		expect(html).toContain(`<li>« ${title(8)} »</li>`);
	});

	it('keeps a note’s line breaks', () => {
		const html = summaryHtml(session({ groups: [], notes: ['Première ligne\nDeuxième ligne\n\nAprès un blanc'] }), manifest);
		expect(html).toContain('<li>Première ligne<br>Deuxième ligne<br><br>Après un blanc</li>');
	});
});

describe('counted phrases of the bilan', () => {
	const cases: [MessageKey, MessageParams, string, string][] = [
		['export.summary.noteCount', { count: 1 }, '1 contribution', '1 contribution'],
		['export.summary.noteCount', { count: 2 }, '2 contributions', '2 contributions'],
		['export.summary.votes', { count: 1 }, '1 vote', '1 vote'],
		['export.summary.votes', { count: 1500 }, '1\u00a0500 votes', '1,500 votes'],
		['export.summary.merged', { count: 1 }, '(+ 1 idée semblable)', '(+ 1 similar idea)'],
		['export.summary.merged', { count: 3 }, '(+ 3 idées semblables)', '(+ 3 similar ideas)'],
		['export.summary.groupCount', { count: 1 }, '1 groupe', '1 group'],
		['export.summary.gridTable', { groups: 1 }, 'Cartes retenues par les groupes (sur 1 groupe)', 'Cards kept by the groups (out of 1 group)'],
		['export.summary.gridTable', { groups: 6 }, 'Cartes retenues par les groupes (sur 6 groupes)', 'Cards kept by the groups (out of 6 groups)'],
		['export.summary.readingNone', { count: 1 }, '1 carte n’a été retenue par aucun groupe.', '1 card was kept by no group.'],
		['export.summary.readingNoneOne', { count: 2 }, '2 cartes n’ont pas été retenues par le groupe.', '2 cards were not kept by the group.']
	];
	it.each(cases)('%s %o', (key, params, fr, en) => {
		expect(translate('fr-CA', key, params)).toBe(fr);
		expect(translate('en', key, params)).toBe(en);
	});

	it('are only shown with counts above zero (no "0 votes", no chart "out of 0 groups")', () => {
		const html = summaryHtml(session({ groups: [], notes: ['seule note'] }), manifest);
		expect(html).not.toMatch(/0 vote|sur 0|\(\+ 0/);
		expect(html).toContain('(1 contribution)');
	});
});

describe('the synthesis', () => {
	it('says how participants are counted and that its total adds up sessions', async () => {
		const { synthesise, synthesisHtml } = await import('$lib/export');
		const html = synthesisHtml(synthesise([session({ groups: [[1]], notes: ['a'] })]), { locale: 'fr-CA', kit: manifest });
		expect(html).toContain('Ce nombre compte les codes pseudonymes distincts');
		expect(html).toContain('Le total additionne les séances : une personne venue à deux séances y compte deux fois.');
	});
});
