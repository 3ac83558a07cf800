import { describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { sessionMaps } from '$lib/session';
import { clock, makeModel, must } from './session-fixtures';

/** Exchanges full state both ways, as a sync round would. */
function exchange(a: Y.Doc, b: Y.Doc) {
	const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
	const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
	Y.applyUpdate(b, toB, 'peer');
	Y.applyUpdate(a, toA, 'peer');
}

function pair() {
	const c = clock();
	const a = makeModel({ deviceId: 'device-aaaaaaaa', seed: 1, now: c.now });
	const b = makeModel({ deviceId: 'device-bbbbbbbb', seed: 2, now: c.now });
	return { a: a.model, b: b.model, docA: a.doc, docB: b.doc, clock: c };
}

describe('concurrent edits from two tablets', () => {
	it('keeps both field changes when one edits a note and the other hides it', () => {
		const { a, b, docA, docB, clock } = pair();
		const id = must(a.addContribution({ activityId: 'board', text: 'Premier jet' }));
		exchange(docA, docB);
		clock.advance(1000);
		must(a.editContribution(id, 'Version corrigée'));
		must(b.hideContribution(id));
		exchange(docA, docB);
		for (const m of [a, b]) {
			expect(m.contributions({ includeHidden: true })[0]).toMatchObject({ text: 'Version corrigée', hidden: true });
		}
	});

	it('keeps notes added on both sides and converges on one name for a group renamed twice', () => {
		const { a, b, docA, docB } = pair();
		const g = must(a.createGroup('Table'));
		exchange(docA, docB);
		must(a.addContribution({ activityId: 'board', text: 'depuis A' }));
		must(b.addContribution({ activityId: 'board', text: 'depuis B' }));
		must(a.renameGroup(g, 'Nom A'));
		must(b.renameGroup(g, 'Nom B'));
		exchange(docA, docB);
		expect(a.snapshot().contributions.map((c) => c.text).sort()).toEqual(['depuis A', 'depuis B']);
		expect(a.snapshot()).toEqual(b.snapshot());
		expect(['Nom A', 'Nom B']).toContain(a.snapshot().groups[0]?.name);
	});

	it('never counts more than the dot budget, even when a participant votes on two tablets at once', () => {
		const { a, b, docA, docB, clock } = pair();
		const note = must(a.addContribution({ activityId: 'board', text: 'x' }));
		exchange(docA, docB);
		const voter = 'participant-1';
		for (let i = 0; i < 3; i++) {
			clock.advance(1);
			must(a.vote({ activityId: 'board', contributionId: note, voterId: voter }));
			must(b.vote({ activityId: 'board', contributionId: note, voterId: voter }));
		}
		exchange(docA, docB);
		expect(a.voteCounts().get(note)).toBe(3);
		expect(b.voteCounts().get(note)).toBe(3);
		expect(a.remainingDots('board', voter)).toBe(0);
	});

	it('flags a group that kept too many cards through concurrent choices', () => {
		const { a, b, docA, docB, clock } = pair();
		const g = must(a.createGroup('Table'));
		must(a.chooseCard(g, 't1'));
		must(a.chooseCard(g, 't2'));
		exchange(docA, docB);
		clock.advance(1);
		must(a.chooseCard(g, 'h1'));
		must(b.chooseCard(g, 'h2'));
		exchange(docA, docB);
		for (const m of [a, b]) expect(m.groupBoard(g)).toMatchObject({ overKeep: true, full: true });
		expect(a.groupBoards()).toEqual(b.groupBoards());
	});

	it('converges after random operations exchanged in random order (seeded)', () => {
		for (const seed of [11, 42, 2026]) {
			const gen = prng.create(seed);
			const c = clock();
			const models = [1, 2, 3].map((i) => makeModel({ deviceId: `device-${i}xxxxxxx`, seed: seed * 10 + i, now: c.now }));
			const group = must(models[0]!.model.createGroup('G'));
			for (const other of models.slice(1)) exchange(models[0]!.doc, other.doc);
			for (let step = 0; step < 150; step++) {
				const { model } = prng.oneOf(gen, models);
				c.advance(prng.uint32(gen, 0, 5000));
				const notes = model.snapshot().contributions;
				const note = notes.length > 0 ? prng.oneOf(gen, notes).id : null;
				switch (prng.uint32(gen, 0, 8)) {
					case 0:
					case 1:
						model.addContribution({ activityId: prng.oneOf(gen, ['board', 'closing']), text: prng.word(gen, 1, 12) });
						break;
					case 2:
						if (note) model.editContribution(note, prng.word(gen, 1, 12));
						break;
					case 3:
						if (note) model.hideContribution(note);
						break;
					case 4:
						if (note) model.vote({ activityId: 'board', contributionId: note, voterId: prng.oneOf(gen, ['voter-1', 'voter-2']) });
						break;
					case 5:
						model.chooseCard(group, prng.oneOf(gen, ['t1', 't2', 't3', 'h1', 'h2']));
						break;
					case 6:
						if (model.timerState().status === 'not-started') model.startTimer();
						else model.nextActivity();
						break;
					case 7:
						model.recordCheckin(prng.oneOf(gen, ['p-1', 'p-2']), 'start', prng.uint32(gen, 0, 3));
						break;
					default:
						if (note && notes.length > 1) model.mergeContribution(note, prng.oneOf(gen, notes).id);
				}
				if (prng.bool(gen)) {
					const [x, y] = [prng.oneOf(gen, models), prng.oneOf(gen, models)];
					if (x !== y) exchange(x.doc, y.doc);
				}
			}
			exchange(models[0]!.doc, models[1]!.doc);
			exchange(models[1]!.doc, models[2]!.doc);
			exchange(models[0]!.doc, models[1]!.doc);
			const [first, ...rest] = models.map((m) => ({
				snapshot: m.model.snapshot(),
				views: m.model.contributions({ includeHidden: true }),
				boards: m.model.groupBoards(),
				timer: m.model.timerState(c.now())
			}));
			for (const other of rest) expect(other, `seed ${seed}`).toEqual(first);
			for (const m of models) {
				expect(m.model.remainingDots('board', 'voter-1'), `seed ${seed}`).toBeGreaterThanOrEqual(0);
				const counted = [...m.model.voteCounts().values()].reduce((n, v) => n + v, 0);
				expect(counted, `seed ${seed}`).toBeLessThanOrEqual(6);
			}
		}
	});
});

describe('untrusted doc content', () => {
	it('re-validates a record when a peer changes it, even deep inside', () => {
		const { model, doc } = makeModel();
		const id = must(model.addContribution({ activityId: 'board', text: 'ok' }));
		expect(model.contributions()).toHaveLength(1);
		const record = sessionMaps(doc).contributions.get(id) as Y.Map<unknown>;
		doc.transact(() => record.set('kind', 'script'), 'peer');
		expect(model.contributions()).toHaveLength(0);
		doc.transact(() => record.set('kind', 'note'), 'peer');
		expect(model.contributions()).toHaveLength(1);
		const g = must(model.createGroup('G'));
		must(model.chooseCase(g, 'c1'));
		must(model.answerCaseQuestion({ groupId: g, caseId: 'c1', questionId: 'q1', text: 'x' }));
		const answer = sessionMaps(doc).caseAnswers.get(`${g}:c1:q1`) as Y.Map<unknown>;
		const cited = new Y.Array<unknown>();
		doc.transact(() => answer.set('citedCards', cited), 'peer');
		expect(model.snapshot().caseAnswers).toHaveLength(1);
		doc.transact(() => cited.push([{ not: 'an id' }]), 'peer');
		expect(model.snapshot().caseAnswers).toHaveLength(0);
	});

	it('skips malformed entries injected by a peer', () => {
		const { model, doc, clock } = makeModel();
		const good = must(model.addContribution({ activityId: 'board', text: 'valide' }));
		clock.advance(1);
		const g = must(model.createGroup('Table'));
		const m = sessionMaps(doc);
		doc.transact(() => {
			m.contributions.set('plain-string', 'not a record');
			const missing = new Y.Map<unknown>();
			missing.set('text', 'no activity');
			m.contributions.set('missing-fields', missing);
			const long = new Y.Map<unknown>();
			for (const [k, v] of Object.entries(model.snapshot().contributions[0]!)) if (k !== 'id') long.set(k, v);
			long.set('text', 'x'.repeat(100_000));
			m.contributions.set('too-long', long);
			const badKey = new Y.Map<unknown>();
			for (const [k, v] of Object.entries(model.snapshot().contributions[0]!)) if (k !== 'id') badKey.set(k, v);
			m.contributions.set('bad key with spaces', badKey);
			const wrongKind = new Y.Map<unknown>();
			for (const [k, v] of Object.entries(model.snapshot().contributions[0]!)) if (k !== 'id') wrongKind.set(k, v);
			wrongKind.set('kind', 'script');
			m.contributions.set('wrong-kind', wrongKind);
			m.votes.set('vote-1', { activityId: 'board', contributionId: good, voterId: 'v', deviceId: 'd', at: -5, withdrawnAt: null });
			m.groups.set('group-x', 42);
			m.cardChoices.set('mismatched:key', { groupId: g, cardId: 't1', other: false, chosen: true, at: 1, deviceId: 'd' });
			m.checkins.set('p:start', { participantId: 'p', phase: 'start', value: 'lots', at: 1, deviceId: 'd' });
			m.timer.push([{ type: 'explode', at: 1 }, 'junk']);
			m.meta.set('format', 99);
		}, 'peer');
		const snap = model.snapshot();
		expect(snap.contributions.map((c) => c.id)).toEqual([good]);
		expect(snap.groups.map((x) => x.id)).toEqual([g]);
		expect(snap.votes).toEqual([]);
		expect(snap.cardChoices).toEqual([]);
		expect(snap.checkins).toEqual([]);
		expect(snap.timerEvents).toEqual([]);
		expect(snap.meta).toBeNull();
		expect(snap.skipped).toEqual({ contributions: 5, votes: 1, groups: 1, cardChoices: 1, checkins: 1, timer: 2 });
		// Views and operations keep working over the valid part.
		expect(model.contributions().map((c) => c.text)).toEqual(['valide']);
		expect(model.editContribution('missing-fields', 'x').ok).toBe(false);
		must(model.startTimer());
		expect(model.timerState().status).toBe('running');
	});
});
