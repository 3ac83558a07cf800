import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildTrace, synthesise, synthesisCsv, synthesisHtml } from '$lib/export';
import { CARDS, emptySession, manifest, must, T0 } from './export-fixtures';

/**
 * Three small sessions with hand-picked choices, so every expected figure below can be checked by
 * hand. Cards by index in the kit's grid (0–4 technical, 5–9 human, 10–14 environmental).
 */
function town(id: string, place: string, seed: number, spec: { groups: number[][]; cases: [string, string[]][]; notes: [string, string][]; checkins: [number, number | null][] }) {
	const s = emptySession({ id, place, title: 'Prototyper', seed, clientId: seed });
	const m = s.model;
	const groups = spec.groups.map((cards, i) => {
		const g = must(m.createGroup(`Table ${i + 1}`));
		for (const c of cards) must(m.chooseCard(g, CARDS[c]!));
		return g;
	});
	spec.cases.forEach(([caseId, cited], i) => {
		must(m.chooseCase(groups[i]!, caseId));
		must(m.answerCaseQuestion({ groupId: groups[i]!, caseId, questionId: 'conditions-confiance', text: `Conditions ${place} ${i}`, citedCards: cited }));
	});
	for (const [station, text] of spec.notes) {
		const activity = station === 'registre-impressions' ? 'registre' : 'confiance-transparence';
		must(m.addContribution({ activityId: activity, stationId: station, text, authorId: m.newParticipantId() }));
	}
	for (const [start, end] of spec.checkins) {
		const p = m.newParticipantId();
		must(m.recordCheckin(p, 'start', start));
		if (end !== null) must(m.recordCheckin(p, 'end', end));
	}
	return buildTrace({ session: s.info, kit: manifest, doc: s.doc, exportedAt: T0 });
}

const traces = [
	town('sessionTownA001', 'Rimouski', 11, {
		groups: [[5, 8, 9, 0, 10], [5, 8, 1]],
		cases: [['clavardage-811', [CARDS[8]!, CARDS[7]!]], ['decrochage-scolaire', [CARDS[8]!]]],
		notes: [['confiance-transparence', 'a'], ['confiance-transparence', 'b'], ['registre-impressions', 'c']],
		checkins: [[1, 3], [2, 2]]
	}),
	town('sessionTownB001', 'Gaspé', 22, {
		groups: [[5, 9, 12]],
		cases: [['clavardage-811', [CARDS[8]!]]],
		notes: [['registre-impressions', 'd']],
		checkins: [[2, 4]]
	}),
	town('sessionTownC001', 'Val-d’Or', 33, {
		groups: [[8, 9, 10], [5, 0], [14]],
		cases: [['indemnite-invalidite', []], ['clavardage-811', [CARDS[7]!]], ['clavardage-811', [CARDS[8]!, CARDS[8]!]]],
		notes: [['confiance-transparence', 'e'], ['confiance-transparence', 'f'], ['confiance-transparence', 'g'], ['registre-impressions', 'h']],
		checkins: [[1, null], [3, 5]]
	})
];

describe('multi-session synthesis', () => {
	const syn = synthesise(traces);

	it('adds up sessions, participants, groups and contributions', () => {
		// Per town: note authors and check-in people are all different (3 + 2, 1 + 1, 4 + 2), plus the
		// device's author who did the group work: 6 + 3 + 7 = 16.
		expect(syn.totals).toEqual({ sessions: 3, participants: 16, groups: 6, contributions: 8 });
		expect(syn.sessions.map((s) => s.participants)).toEqual([6, 3, 7]);
		expect(syn.sessions.map((s) => s.place)).toEqual(['Rimouski', 'Gaspé', 'Val-d’Or']);
	});

	it('counts how many groups kept each card, across sessions', () => {
		const kept = Object.fromEntries(syn.cards.map((c) => [c.cardId, [c.kept, c.bySession]]));
		// Card 5: A×2, B×1, C×1 = 4; card 8: A×2, C×1 = 3; card 9: A, B, C = 3; card 0: A, C = 2; card 10: A, C = 2; cards 1, 12, 14: 1.
		expect(kept[CARDS[5]!]).toEqual([4, [2, 1, 1]]);
		expect(kept[CARDS[8]!]).toEqual([3, [2, 0, 1]]);
		expect(kept[CARDS[9]!]).toEqual([3, [1, 1, 1]]);
		expect(kept[CARDS[0]!]).toEqual([2, [1, 0, 1]]);
		expect(kept[CARDS[10]!]).toEqual([2, [1, 0, 1]]);
		expect(kept[CARDS[1]!]).toEqual([1, [1, 0, 0]]);
		expect(syn.cards).toHaveLength(8);
		expect(syn.cards[0]!.cardId).toBe(CARDS[5]);
	});

	it('finds the conditions that recur in each case (cards cited, each group once)', () => {
		const chat = syn.cases.find((c) => c.caseId === 'clavardage-811')!;
		expect(chat.groups).toBe(4);
		expect(chat.citedCards).toEqual([
			{ cardId: CARDS[8]!, groups: 3 },
			{ cardId: CARDS[7]!, groups: 2 }
		].sort((a, b) => b.groups - a.groups || (a.cardId < b.cardId ? -1 : 1)));
		expect(chat.answers.map((a) => a.text)).toEqual(['Conditions Rimouski 0', 'Conditions Gaspé 0', 'Conditions Val-d’Or 1', 'Conditions Val-d’Or 2']);
		expect(syn.cases.find((c) => c.caseId === 'indemnite-invalidite')).toMatchObject({ groups: 1, citedCards: [] });
	});

	it('adds up "other" cards cited under the same title in different sessions', () => {
		const withOther = (id: string, seed: number, title: string) => {
			const s = emptySession({ id, seed, clientId: seed });
			const g = must(s.model.createGroup('Table 1'));
			const other = must(s.model.writeOtherCard(g, { title, question: '' }));
			must(s.model.chooseCase(g, 'clavardage-811'));
			must(s.model.answerCaseQuestion({ groupId: g, caseId: 'clavardage-811', questionId: 'conditions-confiance', text: 'x', citedCards: [other] }));
			return buildTrace({ session: s.info, kit: manifest, doc: s.doc, exportedAt: T0 });
		};
		const both = synthesise([withOther('sessionOther001', 41, 'Droit de refus'), withOther('sessionOther002', 42, ' droit de refus ')]);
		expect(both.cases[0]!.citedCards).toEqual([{ cardId: 'other:droit de refus', groups: 2, title: 'Droit de refus' }]);
		expect(synthesisHtml(both, { locale: 'fr-CA', kit: manifest })).toContain('<tr><td>Droit de refus</td><td class="num">2</td></tr>');
	});

	it('counts contributions by station per session, and the check-in before and after', () => {
		expect(syn.stations).toEqual([
			{ stationId: 'confiance-transparence', bySession: [2, 0, 3], total: 5 },
			{ stationId: 'registre-impressions', bySession: [1, 1, 1], total: 3 }
		]);
		expect(syn.checkin.start).toEqual({ 1: 2, 2: 2, 3: 1 });
		expect(syn.checkin.end).toEqual({ 2: 1, 3: 1, 4: 1, 5: 1 });
		expect(syn.checkin.responses).toEqual({ start: 5, end: 4 });
		expect(syn.checkin.mean.start).toBeCloseTo(9 / 5);
		expect(syn.checkin.mean.end).toBeCloseTo(14 / 4);
		expect(syn.checkin.activities).toEqual({ start: ['checkin-debut'], end: ['checkin-fin'] });
	});

	it('exports as CSV (read back) and as printable HTML', () => {
		const rows = parse(synthesisCsv(syn, { locale: 'fr-CA', kit: manifest, separator: ';' }), { bom: true, delimiter: ';' }) as string[][];
		expect(rows[0]).toEqual(['Rubrique', 'Élément', 'Session', 'Valeur']);
		const card5 = manifest.grid!.dimensions[1]!.cards[0]!.title['fr-CA']!;
		expect(rows.filter((r) => r[1] === card5).map((r) => r[3])).toEqual(['2', '1', '1', '4']);
		// Check-in rows name the question each phase asked.
		expect(rows).toContainEqual(['Auto-évaluation au début', 'En arrivant, comment évaluez-vous vos connaissances sur l\'IA dans les services publics? — Très faibles', 'Total', '2']);
		expect(rows).toContainEqual(['Auto-évaluation à la fin', 'Après cet atelier, comment évaluez-vous vos connaissances sur l\'IA dans les services publics? — Très bonnes', 'Total', '1']);
		const html = synthesisHtml(syn, { locale: 'fr-CA', kit: manifest });
		expect(html).toContain('<section id="synthesis-cards"');
		const title = (i: number) => manifest.grid!.dimensions.flatMap((d) => d.cards)[i]!.title['fr-CA']!.replace(/'/g, '&#39;');
		// 6 groups in all: "half or more" means 3 groups or more.
		// 6 groups in all: card 5 kept by 4, cards 8 and 9 by 3 (exactly half), the others by 2 or 1.
		expect(html).toContain(`<li>Retenues par plus de la moitié des groupes, mais pas par tous : ${title(5)}.</li>`);
		expect(html).toContain(`<li>Retenues par exactement la moitié des groupes (3 sur 6) : ${[8, 9].map(title).join(', ')}.</li>`);
		expect(html).toContain(`<li>Retenues par moins de la moitié des groupes : ${[0, 10, 1, 12, 14].map(title).join(', ')}.</li>`);
		expect(html).toContain('<li>7 cartes n’ont été retenues par aucun groupe.</li>');
		expect(html).not.toMatch(/<script|https?:\/\//);
	});
});
