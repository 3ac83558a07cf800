import { describe, expect, it } from 'vitest';
import { participantCount, participantIds, type ParticipationRecords, type SessionDocModel } from '$lib/session';
import { randomId, safeIdStart } from '$lib/storage';
import { makeModel, must, seededRandom } from './session-fixtures';

/** `n` new participant ids (typed as present, for destructuring). */
function people(model: SessionDocModel, n: number): string[] & [string, string, string, string, string, string] {
	return Array.from({ length: Math.max(n, 6) }, () => model.newParticipantId()) as string[] & [string, string, string, string, string, string];
}

const none: ParticipationRecords = { contributions: [], votes: [], checkins: [], cardChoices: [], otherCards: [], caseAnswers: [] };

describe('counting participants', () => {
	it('counts nobody in an empty session', () => {
		expect(participantCount(none)).toBe(0);
	});

	it('counts three people who each answered the check-in on one shared tablet (hand-over gives new ids)', () => {
		const { model } = makeModel();
		// "Passer la tablette à une autre personne" = a new participant id on the same device.
		for (const value of [1, 2, 3]) must(model.recordCheckin(model.newParticipantId(), 'start', value));
		const snapshot = model.snapshot();
		expect(new Set(snapshot.checkins.map((c) => c.deviceId)).size).toBe(1);
		expect(participantCount(snapshot)).toBe(3);
	});

	it('counts one person once across every kind of contribution', () => {
		const { model } = makeModel();
		const p = model.newParticipantId();
		const note = must(model.addContribution({ activityId: 'board', text: 'Une idée', authorId: p }));
		must(model.vote({ activityId: 'board', contributionId: note, voterId: p }));
		must(model.recordCheckin(p, 'start', 1));
		must(model.recordCheckin(p, 'end', 2));
		const g = must(model.createGroup('Table 1'));
		must(model.chooseCard(g, 't1', p));
		must(model.writeOtherCard(g, { title: 'Autre', authorId: p }));
		must(model.chooseCase(g, 'c1'));
		must(model.answerCaseQuestion({ groupId: g, caseId: 'c1', questionId: 'q1', text: 'Réponse', authorId: p }));
		expect([...participantIds(model.snapshot())]).toEqual([p]);
	});

	it('counts people who only voted, only kept a card, only wrote an "other" card or only answered a case', () => {
		const { model } = makeModel();
		const [writer, voter, keeper, otherWriter, answerer, editor] = people(model, 6);
		const note = must(model.addContribution({ activityId: 'board', text: 'Note', authorId: writer }));
		must(model.vote({ activityId: 'board', contributionId: note, voterId: voter }));
		const g = must(model.createGroup('Table'));
		must(model.chooseCard(g, 'h1', keeper));
		must(model.writeOtherCard(g, { title: 'Autre', authorId: otherWriter }));
		must(model.chooseCase(g, 'c1'));
		must(model.answerCaseQuestion({ groupId: g, caseId: 'c1', questionId: 'q1', text: 'Première version', authorId: answerer }));
		// Someone else edits the same answer: both wrote it.
		must(model.answerCaseQuestion({ groupId: g, caseId: 'c1', questionId: 'q1', text: 'Deuxième version', authorId: editor }));
		expect(participantIds(model.snapshot())).toEqual(new Set([writer, voter, keeper, otherWriter, answerer, editor]));
	});

	it('leaves out deleted notes, withdrawn dots, cards put back and emptied answers', () => {
		const { model } = makeModel();
		const [deletedAuthor, withdrawn, putBack, emptied, kept] = people(model, 5);
		const note = must(model.addContribution({ activityId: 'board', text: 'Test', authorId: deletedAuthor }));
		const stays = must(model.addContribution({ activityId: 'board', text: 'Reste', authorId: kept }));
		must(model.vote({ activityId: 'board', contributionId: stays, voterId: withdrawn }));
		must(model.unvote({ activityId: 'board', contributionId: stays, voterId: withdrawn }));
		must(model.deleteContribution(note));
		const g = must(model.createGroup('Table'));
		must(model.chooseCard(g, 't2', putBack));
		must(model.unchooseCard(g, 't2', putBack));
		must(model.chooseCase(g, 'c1'));
		must(model.answerCaseQuestion({ groupId: g, caseId: 'c1', questionId: 'q1', text: '   ', authorId: emptied }));
		expect([...participantIds(model.snapshot())]).toEqual([kept]);
	});

	it('counts hidden notes (the person took part; moderation hid the text) and the person who kept a card last', () => {
		const { model } = makeModel();
		const [a, b, c] = people(model, 3);
		must(model.hideContribution(must(model.addContribution({ activityId: 'board', text: 'Hors sujet', authorId: a }))));
		const g = must(model.createGroup('Table'));
		must(model.chooseCard(g, 't1', b));
		must(model.unchooseCard(g, 't1', c));
		must(model.chooseCard(g, 't1', c));
		expect(participantIds(model.snapshot())).toEqual(new Set([a, c]));
	});

	it('uses the device author for group work done without a person id, and reads older records without ids', () => {
		const { model } = makeModel();
		const g = must(model.createGroup('Table'));
		must(model.chooseCard(g, 't1'));
		expect([...participantIds(model.snapshot())]).toEqual([model.authorId]);
		// A card choice and a case answer as written before they carried people: nobody counted.
		const old: ParticipationRecords = { ...none, cardChoices: [{ chosen: true }], otherCards: [{}], caseAnswers: [{ text: 'Réponse' }] };
		expect(participantCount(old)).toBe(0);
	});

	it('keeps at most 50 people on one group record (the first ones)', () => {
		const { model } = makeModel();
		const g = must(model.createGroup('Table'));
		must(model.chooseCase(g, 'c1'));
		const people = Array.from({ length: 55 }, () => model.newParticipantId());
		people.forEach((p, i) => must(model.answerCaseQuestion({ groupId: g, caseId: 'c1', questionId: 'q1', text: `v${i}`, authorId: p })));
		expect(model.snapshot().caseAnswers[0]!.authorIds).toEqual(people.slice(0, 50));
	});
});

describe('ids', () => {
	it('never start with a character a spreadsheet reads as a formula (or with "_")', () => {
		const random = seededRandom(5);
		for (let i = 0; i < 20_000; i++) {
			const id = randomId(random);
			expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{21}$/);
		}
		const { model } = makeModel({ seed: 9 });
		for (let i = 0; i < 2_000; i++) expect(safeIdStart(model.newId())).toBe(true);
	});

	it('draws the first byte again when it would encode "-" or "_"', () => {
		// 0xF8 >> 2 = 62 ("-"), 0xFC >> 2 = 63 ("_"): both redrawn; 0x00 gives "A".
		const bytes = [new Uint8Array(16).fill(0xf8), new Uint8Array([0xfc]), new Uint8Array([0x00])];
		const source = (n: number) => {
			const next = bytes.shift()!;
			expect(next.length).toBe(n);
			return next;
		};
		expect(randomId(source)).toBe(Buffer.from([0x00, ...new Array<number>(15).fill(0xf8)]).toString('base64url'));
	});

	it('tells old ids (which may start with "-" or "_") from new ones, and the model still accepts them', () => {
		expect(safeIdStart('-abcdefgh')).toBe(false);
		expect(safeIdStart('_abcdefgh')).toBe(false);
		const { model } = makeModel();
		must(model.recordCheckin('-oldParticipant1', 'start', 1));
		expect(participantCount(model.snapshot())).toBe(1);
	});
});
