import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { KitManifest } from '$lib/kits';
import { bundledManifest } from '../kits/kit-test-helpers';
import { planFor, SessionDocModel, type SessionKit } from '$lib/session';
import { clock, MINUTE, must, seededRandom } from './session-fixtures';

const manifest: KitManifest = bundledManifest('dialogue-ia-services-publics');
// A validated manifest is a `SessionKit` as is: the model never needs a copy of kit content.
const sessionKit: SessionKit = manifest;

describe('the bundled kit', () => {
	it('plans every agenda', () => {
		for (const agenda of manifest.agendas) {
			expect(planFor(sessionKit, agenda.id).activities.map((a) => a.id)).toEqual(agenda.activities.map((a) => a.id));
		}
	});

	it('runs a "Prototyper" workshop end to end', () => {
		const c = clock();
		const model = new SessionDocModel(new Y.Doc(), { plan: planFor(manifest, 'prototyper'), deviceId: 'device-tablet01', now: c.now, random: seededRandom(7) });
		const participant = model.newParticipantId();
		must(model.startTimer());
		must(model.goToActivity('checkin-debut'));
		must(model.recordCheckin(participant, 'start', 2));
		must(model.nextActivity());
		const note = must(
			model.addContribution({ activityId: 'confiance-transparence', stationId: 'confiance-transparence', categoryId: 'renforce', text: 'Savoir qui décide' })
		);
		expect(model.isSilent('confiance-transparence')).toBe(true);
		must(model.reveal('confiance-transparence'));
		must(model.vote({ activityId: 'confiance-transparence', contributionId: note, voterId: participant }));
		must(model.goToActivity('jeu-cartes'));
		const group = must(model.createGroup('Table 1'));
		const cards = manifest.grid!.dimensions.flatMap((d) => d.cards.map((card) => card.id));
		for (const card of cards.slice(0, 4)) must(model.chooseCard(group, card));
		const other = must(model.writeOtherCard(group, { title: 'Droit de refus', question: 'Peut-on refuser une décision automatisée ?' }));
		must(model.chooseCard(group, other));
		expect(model.chooseCard(group, cards[5]!).ok).toBe(false);
		c.advance(30 * MINUTE);
		must(model.nextActivity());
		must(model.chooseCase(group, 'clavardage-811'));
		must(model.answerCaseQuestion({ groupId: group, caseId: 'clavardage-811', questionId: 'conditions-confiance', text: 'Un humain joignable', citedCards: [other] }));
		const state = model.timerState();
		expect(state.activityId).toBe('cas-fictifs');
		expect(model.groupBoard(group)).toMatchObject({ full: true, caseId: 'clavardage-811' });
		expect(model.voteCounts().get(note)).toBe(1);
	});
});
