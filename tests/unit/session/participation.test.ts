import { describe, expect, it } from 'vitest';
import { countedVotes } from '$lib/session';
import { makeModel, must } from './session-fixtures';

const reasonOf = (r: { ok: true } | { ok: false; problem: { detail?: string } }) => (r.ok ? 'ok' : r.problem.detail);

describe('groups', () => {
	it('creates and renames groups', () => {
		const { model } = makeModel();
		const g = must(model.createGroup('Table 1'));
		must(model.renameGroup(g, 'Les curieux'));
		expect(model.snapshot().groups).toEqual([expect.objectContaining({ id: g, name: 'Les curieux' })]);
		expect(reasonOf(model.createGroup(''))).toBe('empty');
		expect(reasonOf(model.renameGroup('missing-group', 'x'))).toBe('unknownGroup');
	});
});

describe('dot voting', () => {
	it('enforces the activity’s dot budget per participant', () => {
		const { model, clock } = makeModel();
		const a = must(model.addContribution({ activityId: 'board', text: 'A' }));
		const b = must(model.addContribution({ activityId: 'board', text: 'B' }));
		const ana = model.newParticipantId();
		const bob = model.newParticipantId();
		for (const target of [a, a, b]) {
			clock.advance(1);
			must(model.vote({ activityId: 'board', contributionId: target, voterId: ana }));
		}
		expect(model.remainingDots('board', ana)).toBe(0);
		const refused = model.vote({ activityId: 'board', contributionId: b, voterId: ana });
		expect(refused.ok ? null : refused.problem).toEqual({ key: 'session.refusal.overBudget', params: { dots: 3 }, detail: 'overBudget' });
		must(model.vote({ activityId: 'board', contributionId: b, voterId: bob }));
		expect(model.voteCounts()).toEqual(new Map([[a, 2], [b, 2]]));
		expect(model.contributions({ activityId: 'board' }).map((c) => c.votes)).toEqual([2, 2]);
		must(model.unvote({ activityId: 'board', contributionId: a, voterId: ana }));
		expect(model.remainingDots('board', ana)).toBe(1);
		expect(model.voteCounts().get(a)).toBe(1);
		must(model.vote({ activityId: 'board', contributionId: b, voterId: ana }));
		expect(model.voteCounts().get(b)).toBe(3);
		// The withdrawn vote stays in the doc, flagged.
		expect(model.snapshot().votes.filter((v) => v.withdrawnAt !== null)).toHaveLength(1);
	});

	it('derives dots and merges once per snapshot, and a caller changing a result changes nothing else', () => {
		const { model, clock } = makeModel();
		const a = must(model.addContribution({ activityId: 'board', text: 'A' }));
		const b = must(model.addContribution({ activityId: 'board', text: 'B (doublon)' }));
		must(model.mergeContribution(b, a));
		const ana = model.newParticipantId();
		clock.advance(1);
		must(model.vote({ activityId: 'board', contributionId: a, voterId: ana }));
		const snapshot = model.snapshot();
		countedVotes(snapshot, model.plan).length = 0;
		model.voteCounts().clear();
		model.contributions({ activityId: 'board' })[0]!.merged.push('intrus');
		expect(countedVotes(snapshot, model.plan)).toHaveLength(1);
		expect(model.voteCounts()).toEqual(new Map([[a, 1]]));
		expect(model.contributions({ activityId: 'board' })).toMatchObject([{ id: a, votes: 1, merged: [b] }]);
		expect(model.remainingDots('board', ana)).toBe(2);
		// A new snapshot (after any change) is derived again.
		clock.advance(1);
		must(model.vote({ activityId: 'board', contributionId: b, voterId: ana }));
		expect(model.snapshot()).not.toBe(snapshot);
		expect(model.voteCounts()).toEqual(new Map([[a, 2]]));
		expect(model.remainingDots('board', ana)).toBe(1);
	});

	it('refuses votes where voting is closed or the target is not votable', () => {
		const { model } = makeModel();
		const voter = model.newParticipantId();
		const closing = must(model.addContribution({ activityId: 'closing', text: 'x' }));
		const hidden = must(model.addContribution({ activityId: 'board', text: 'y' }));
		must(model.hideContribution(hidden));
		expect(reasonOf(model.vote({ activityId: 'closing', contributionId: closing, voterId: voter }))).toBe('votingClosed');
		expect(reasonOf(model.vote({ activityId: 'board', contributionId: closing, voterId: voter }))).toBe('notVotable');
		expect(reasonOf(model.vote({ activityId: 'board', contributionId: hidden, voterId: voter }))).toBe('notVotable');
		expect(reasonOf(model.vote({ activityId: 'board', contributionId: 'missing', voterId: voter }))).toBe('unknownContribution');
		expect(reasonOf(model.vote({ activityId: 'nope', contributionId: closing, voterId: voter }))).toBe('unknownActivity');
		expect(reasonOf(model.unvote({ activityId: 'board', contributionId: hidden, voterId: voter }))).toBe('noVote');
		expect(() => model.vote({ activityId: 'board', contributionId: hidden, voterId: 'not an id!' })).toThrow(RangeError);
	});

	it('sends dots on a merged duplicate to the contribution it was merged into', () => {
		const { model, clock } = makeModel();
		const a = must(model.addContribution({ activityId: 'board', text: 'A' }));
		clock.advance(1);
		const dup = must(model.addContribution({ activityId: 'board', text: 'A bis' }));
		const voter = model.newParticipantId();
		must(model.vote({ activityId: 'board', contributionId: dup, voterId: voter }));
		must(model.mergeContribution(dup, a));
		must(model.vote({ activityId: 'board', contributionId: dup, voterId: voter }));
		expect(model.contributions({ activityId: 'board' })).toEqual([expect.objectContaining({ id: a, votes: 2, merged: [dup] })]);
		must(model.unvote({ activityId: 'board', contributionId: a, voterId: voter }));
		expect(model.voteCounts().get(a)).toBe(1);
	});
});

describe('card game', () => {
	it('lets a group keep up to `keep` cards and refuses more', () => {
		const { model, clock } = makeModel();
		const g = must(model.createGroup('Table 1'));
		for (const card of ['t1', 'h1', 'h2']) {
			clock.advance(1);
			must(model.chooseCard(g, card));
		}
		must(model.chooseCard(g, 'h1'));
		const refused = model.chooseCard(g, 't2');
		expect(refused.ok ? null : refused.problem).toEqual({ key: 'session.refusal.keepFull', params: { keep: 3 }, detail: 'keepFull' });
		must(model.unchooseCard(g, 'h1'));
		must(model.chooseCard(g, 't2'));
		const board = model.groupBoard(g)!;
		expect(board.chosen.map((c) => c.cardId)).toEqual(['t1', 'h2', 't2']);
		expect(board).toMatchObject({ keep: 3, full: true, overKeep: false });
		expect(reasonOf(model.chooseCard(g, 'zz'))).toBe('unknownCard');
		expect(reasonOf(model.chooseCard('missing-group', 't1'))).toBe('unknownGroup');
	});

	it('writes "other" cards within the blank-card allowance; they count toward keep', () => {
		const { model, clock } = makeModel();
		const g = must(model.createGroup('Table 1'));
		const g2 = must(model.createGroup('Table 2'));
		const o1 = must(model.writeOtherCard(g, { title: 'Droit de refus', question: 'Peut-on refuser une décision prise par IA ?' }));
		clock.advance(1);
		const o2 = must(model.writeOtherCard(g, { question: 'Qui paie ?' }));
		expect(reasonOf(model.writeOtherCard(g, { title: 'Trop' }))).toBe('blankCardsUsed');
		expect(reasonOf(model.writeOtherCard(g2, {}))).toBe('empty');
		must(model.editOtherCard(o2, { title: 'Coûts' }));
		expect(model.groupBoard(g)?.otherCards.map((o) => [o.title, o.question])).toEqual([
			['Droit de refus', 'Peut-on refuser une décision prise par IA ?'],
			['Coûts', 'Qui paie ?']
		]);
		// Another group cannot choose this group's card.
		expect(reasonOf(model.chooseCard(g2, o1))).toBe('unknownCard');
		for (const card of [o1, 't1', o2]) {
			clock.advance(1);
			must(model.chooseCard(g, card));
		}
		expect(reasonOf(model.chooseCard(g, 't2'))).toBe('keepFull');
		expect(model.groupBoard(g)?.chosen.map((c) => [c.cardId, c.other])).toEqual([
			[o1, true],
			['t1', false],
			[o2, true]
		]);
	});

	it('shows all groups side by side and tallies kit cards across groups', () => {
		const { model, clock } = makeModel();
		const g1 = must(model.createGroup('A'));
		clock.advance(1);
		const g2 = must(model.createGroup('B'));
		must(model.chooseCard(g1, 't1'));
		must(model.chooseCard(g2, 't1'));
		must(model.chooseCard(g2, 'h2'));
		expect(model.groupBoards().map((b) => [b.name, b.chosen.length])).toEqual([
			['A', 1],
			['B', 2]
		]);
		expect(model.cardTally()).toEqual(new Map([['t1', 2], ['t2', 0], ['t3', 0], ['h1', 0], ['h2', 1]]));
	});
});

describe('cases', () => {
	it('lets a group pick a case and answer its questions, citing cards', () => {
		const { model, clock } = makeModel();
		const g = must(model.createGroup('Table 1'));
		const other = must(model.writeOtherCard(g, { title: 'Refus' }));
		expect(reasonOf(model.answerCaseQuestion({ groupId: g, caseId: 'c1', questionId: 'q1', text: 'x' }))).toBe('caseNotChosen');
		must(model.chooseCase(g, 'c1'));
		must(model.answerCaseQuestion({ groupId: g, caseId: 'c1', questionId: 'q1', text: 'Un comité citoyen', citedCards: ['t1', other] }));
		clock.advance(1000);
		must(model.answerCaseQuestion({ groupId: g, caseId: 'c1', questionId: 'q1', text: 'Un comité citoyen indépendant', citedCards: ['t1'] }));
		const board = model.groupBoard(g)!;
		expect(board.caseId).toBe('c1');
		expect(board.answers).toEqual([
			expect.objectContaining({ caseId: 'c1', questionId: 'q1', text: 'Un comité citoyen indépendant', citedCards: ['t1'], editedAt: clock.now() })
		]);
		expect(reasonOf(model.answerCaseQuestion({ groupId: g, caseId: 'c1', questionId: 'q9', text: 'x' }))).toBe('unknownQuestion');
		expect(reasonOf(model.answerCaseQuestion({ groupId: g, caseId: 'c1', questionId: 'q2', text: 'x', citedCards: ['nope'] }))).toBe('unknownCard');
		expect(reasonOf(model.chooseCase(g, 'c9'))).toBe('unknownCase');
		// Switching case keeps the earlier answers.
		must(model.chooseCase(g, 'c2'));
		must(model.answerCaseQuestion({ groupId: g, caseId: 'c2', questionId: 'q1', text: 'Transparence' }));
		expect(model.groupBoard(g)?.answers.map((a) => a.caseId)).toEqual(['c1', 'c2']);
	});
});

describe('check-in', () => {
	it('records values per phase and summarises them anonymously', () => {
		const { model } = makeModel();
		const [p1, p2, p3] = [model.newParticipantId(), model.newParticipantId(), model.newParticipantId()];
		must(model.recordCheckin(p1, 'start', 0));
		must(model.recordCheckin(p2, 'start', 1));
		must(model.recordCheckin(p3, 'start', 2));
		must(model.recordCheckin(p1, 'start', 1)); // changed their mind: replaces
		must(model.recordCheckin(p1, 'end', 3));
		must(model.recordCheckin(p2, 'end', 1));
		expect(reasonOf(model.recordCheckin(p3, 'end', 7))).toBe('unknownValue');
		const summary = model.checkinSummary();
		expect(summary.counts).toEqual({ start: { 0: 0, 1: 2, 2: 1, 3: 0 }, end: { 0: 0, 1: 1, 2: 0, 3: 1 } });
		expect(summary.responses).toEqual({ start: 3, end: 2 });
		expect(summary.mean.start).toBeCloseTo(4 / 3);
		expect(summary.paired).toEqual({ count: 2, higher: 1, same: 1, lower: 0, meanChange: 1 });
		expect(JSON.stringify(summary)).not.toContain(p1);
	});
});
