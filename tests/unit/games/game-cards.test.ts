import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { KitManifest } from '$lib/kits';
import { bundledManifest } from '../kits/kit-test-helpers';
import { planFor, SessionDocModel } from '$lib/session';
import { caseChoices, caseProgress, caseWork, citableCards, gridTally, placeOnGrid } from '$lib/ui/games/game-cards';

function loadKit(folder: string): KitManifest {
	return bundledManifest(folder);
}

const quebec = loadKit('dialogue-ia-services-publics');
const small = loadKit('library-ai-conversation');

function model(kit: KitManifest, seed = 1): SessionDocModel {
	const gen = prng.create(seed);
	let now = 1_700_000_000_000;
	return new SessionDocModel(new Y.Doc(), {
		plan: planFor(kit, kit.agendas.find((a) => a.activities.some((x) => x.kind === 'card-game'))!.id),
		deviceId: 'device-test01',
		random: (n) => prng.uint8Array(gen, n),
		now: () => (now += 1000)
	});
}

function must<T>(result: { ok: true; value: T } | { ok: false; problem: { detail?: string } }): T {
	if (!result.ok) throw new Error(`refused: ${result.problem.detail}`);
	return result.value;
}

const cardIds = (kit: KitManifest) => kit.grid!.dimensions.flatMap((d) => d.cards.map((c) => c.id));

describe('placeOnGrid', () => {
	it('places kept kit cards under their dimension, in kit order, and the rest beside them', () => {
		const m = model(quebec);
		const group = must(m.createGroup('Table 1'));
		const [first, second] = quebec.grid!.dimensions;
		must(m.chooseCard(group, second!.cards[2]!.id));
		must(m.chooseCard(group, first!.cards[0]!.id));
		const placement = placeOnGrid(quebec.grid!, m.groupBoard(group));
		expect(placement.dimensions.map((d) => d.dimension.id)).toEqual(quebec.grid!.dimensions.map((d) => d.id));
		expect(placement.dimensions[0]!.kept.map((c) => c.id)).toEqual([first!.cards[0]!.id]);
		expect(placement.dimensions[1]!.kept.map((c) => c.id)).toEqual([second!.cards[2]!.id]);
		expect(placement.dimensions[1]!.notKept).toHaveLength(second!.cards.length - 1);
		// Kept list follows the order of choice.
		expect(placement.kept.map((c) => c.id)).toEqual([second!.cards[2]!.id, first!.cards[0]!.id]);
		expect(placement.extra).toBe(0);
	});

	it('counts "other" cards among the kept cards and lists every written one', () => {
		const m = model(small);
		const group = must(m.createGroup('Group A'));
		const other = must(m.writeOtherCard(group, { title: 'Opt out', question: 'Can I say no?' }));
		must(m.chooseCard(group, other));
		must(m.chooseCard(group, cardIds(small)[0]!));
		const placement = placeOnGrid(small.grid!, m.groupBoard(group));
		expect(placement.kept.map((c) => c.kind)).toEqual(['other', 'kit']);
		expect(placement.other).toEqual([{ other: expect.objectContaining({ id: other, title: 'Opt out' }), kept: true }]);
		expect(placement.keep).toBe(3);
	});

	it('reports how many cards a group must put back when two tablets chose at once', () => {
		// Two devices of one group, each within the limit, merge to more than `keep`.
		const a = model(small, 2);
		const group = must(a.createGroup('Group A'));
		const b = new SessionDocModel(new Y.Doc(), { plan: a.plan, deviceId: 'device-test02', now: () => 1_700_000_000_001 });
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
		const ids = cardIds(small);
		for (const id of ids.slice(0, 3)) must(a.chooseCard(group, id));
		for (const id of ids.slice(3, 5)) must(b.chooseCard(group, id));
		Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
		const placement = placeOnGrid(small.grid!, a.groupBoard(group));
		expect(placement.kept).toHaveLength(5);
		expect(placement.extra).toBe(2);
		expect(a.groupBoard(group)!.overKeep).toBe(true);
	});

	it('shows an empty grid for a group with no board yet', () => {
		const placement = placeOnGrid(small.grid!, undefined);
		expect(placement.kept).toEqual([]);
		expect(placement.dimensions.flatMap((d) => d.notKept)).toHaveLength(cardIds(small).length);
	});
});

describe('gridTally', () => {
	it('matches the session model’s card tally for random choices (seeded)', () => {
		for (const seed of [11, 42, 2026]) {
			const gen = prng.create(seed);
			for (const kit of [quebec, small]) {
				const m = model(kit, seed);
				const ids = cardIds(kit);
				const groups = prng.int32(gen, 1, 7);
				for (let g = 0; g < groups; g++) {
					const group = must(m.createGroup(`Group ${g}`));
					const wanted = prng.int32(gen, 0, kit.grid!.keep);
					const shuffled = [...ids].sort(() => prng.real53(gen) - 0.5);
					for (const id of shuffled.slice(0, wanted)) must(m.chooseCard(group, id));
					if (kit.grid!.blankCards > 0 && wanted < kit.grid!.keep && prng.bool(gen)) {
						must(m.chooseCard(group, must(m.writeOtherCard(group, { question: `Q${g}` }))));
					}
				}
				const tally = gridTally(kit.grid!, m.groupBoards());
				const expected = m.cardTally();
				const got = new Map(tally.dimensions.flatMap((d) => d.cards.map((c) => [c.card.id, c.groups] as const)));
				expect(got, `seed ${seed}, kit ${kit.id}`).toEqual(expected);
				const playing = m.groupBoards().filter((b) => b.chosen.length > 0);
				expect(tally.groups, `seed ${seed}, kit ${kit.id}`).toBe(playing.length);
				expect(tally.otherGroups, `seed ${seed}, kit ${kit.id}`).toBe(playing.filter((b) => b.chosen.some((c) => c.other)).length);
				expect(tally.max, `seed ${seed}, kit ${kit.id}`).toBe(Math.max(1, playing.length));
				for (const count of [tally.otherGroups, ...expected.values()]) expect(count).toBeLessThanOrEqual(tally.max);
			}
		}
	});

	it('scales bars to the number of groups: one group of three is a third of a bar, not a full one', () => {
		const m = model(quebec);
		const ids = cardIds(quebec);
		for (const [i, name] of ['A', 'B', 'C'].entries()) must(m.chooseCard(must(m.createGroup(name)), ids[i]!));
		const tally = gridTally(quebec.grid!, m.groupBoards());
		expect(tally.groups).toBe(3);
		expect(tally.dimensions[0]!.cards.slice(0, 3).map((c) => c.groups)).toEqual([1, 1, 1]);
		expect(tally.max).toBe(3);
		expect(gridTally(quebec.grid!, []).max).toBe(1);
	});

	it('does not count groups that kept nothing', () => {
		const m = model(quebec);
		must(m.createGroup('Idle'));
		const active = must(m.createGroup('Active'));
		must(m.chooseCard(active, cardIds(quebec)[0]!));
		const tally = gridTally(quebec.grid!, m.groupBoards());
		expect(tally.groups).toBe(1);
		expect(tally.dimensions[0]!.cards[0]!.groups).toBe(1);
	});
});

describe('citableCards and caseWork', () => {
	it('offers kept cards, and keeps a cited card listed after it was put back', () => {
		const m = model(quebec);
		const group = must(m.createGroup('Table 1'));
		const [a, b] = cardIds(quebec);
		must(m.chooseCard(group, a!));
		must(m.chooseCard(group, b!));
		must(m.unchooseCard(group, b!));
		expect(citableCards(quebec.grid, m.groupBoard(group), []).map((c) => c.id)).toEqual([a]);
		expect(citableCards(quebec.grid, m.groupBoard(group), [b!, 'unknown-card']).map((c) => c.id)).toEqual([a, b]);
		expect(citableCards(undefined, m.groupBoard(group), [a!])).toEqual([]);
	});

	it('groups answers by case, with groups that moved on to another case', () => {
		const m = model(quebec);
		const [one, two] = quebec.cases;
		const g1 = must(m.createGroup('Table 1'));
		const g2 = must(m.createGroup('Table 2'));
		const g3 = must(m.createGroup('Table 3'));
		must(m.chooseCase(g1, one!.id));
		must(m.chooseCase(g2, one!.id));
		must(m.answerCaseQuestion({ groupId: g1, caseId: one!.id, questionId: one!.questions[0]!.id, text: 'Un droit de refus', citedCards: [] }));
		must(m.chooseCase(g3, one!.id));
		must(m.answerCaseQuestion({ groupId: g3, caseId: one!.id, questionId: one!.questions[1]!.id, text: 'Publier le code', citedCards: [] }));
		must(m.chooseCase(g3, two!.id));
		const work = caseWork(quebec.cases, m.groupBoards());
		expect(work.map((w) => w.kitCase.id)).toEqual(quebec.cases.map((c) => c.id));
		const first = work[0]!.groups;
		expect(first.map((g) => [g.name, g.assigned])).toEqual([
			['Table 1', true],
			['Table 2', true],
			['Table 3', false]
		]);
		expect(first[0]!.answers.get(one!.questions[0]!.id)?.text).toBe('Un droit de refus');
		expect(work[1]!.groups.map((g) => g.name)).toEqual(['Table 3']);
		expect(work[1]!.groups[0]!.answers.size).toBe(0);
		expect(work[2]!.groups).toEqual([]);
	});

	it('lets a group that moved on find the case it answered, with its progress, instead of “no group”', () => {
		const m = model(quebec);
		const [one, two, three] = quebec.cases;
		const mine = must(m.createGroup('Table 1'));
		const other = must(m.createGroup('Table 2'));
		must(m.chooseCase(mine, one!.id));
		must(m.answerCaseQuestion({ groupId: mine, caseId: one!.id, questionId: one!.questions[0]!.id, text: 'Un comité de parents', citedCards: [] }));
		must(m.answerCaseQuestion({ groupId: mine, caseId: one!.id, questionId: one!.questions[1]!.id, text: '  ', citedCards: [] }));
		must(m.chooseCase(mine, two!.id));
		must(m.chooseCase(other, two!.id));
		expect(caseProgress(one!, m.groupBoard(mine))).toEqual({ answered: 1, total: one!.questions.length });
		const choices = caseChoices(quebec.cases, m.groupBoards(), mine);
		expect(choices.map((c) => [c.kitCase.id, c.working, c.answeredBefore, c.mine.answered, c.current])).toEqual([
			[one!.id, 0, 1, 1, false],
			[two!.id, 2, 0, 0, true],
			[three!.id, 0, 0, 0, false]
		]);
		// Seen from the other group, case 1 was answered by a group that moved on.
		expect(caseChoices(quebec.cases, m.groupBoards(), other)[0]).toMatchObject({ working: 0, answeredBefore: 1, mine: { answered: 0 } });
	});
});
