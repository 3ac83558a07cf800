/**
 * Sessions for the catch-up benchmark (`catch-up.bench.ts`): written through the session model's
 * public operations (what the app writes), on the bundled Québec kit's « Prototyper » agenda, by
 * several devices, one note per transaction as the screens do. Seeded, so every run writes the
 * same words (ids and Yjs client ids included).
 *
 * Why several devices with their own Yjs client: a real session's state is the work of a dozen
 * tablets and phones, and Yjs encodes each client's structs as a run; one writer would make the
 * state look more regular than it is.
 */
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { planFor, SessionDocModel } from '$lib/session';
import { CARDS, emptySession, manifest, must, seededRandom } from '../unit/export/export-fixtures';

export interface CatchUpSession {
	doc: Y.Doc;
	sessionId: string;
	notes: number;
	/** Characters per note (the last word is cut to fit exactly). */
	chars: number;
	cardChoices: number;
	answers: number;
	/** Size of the whole state (`Y.encodeStateAsUpdate`), bytes. */
	stateBytes: number;
	/** UTF-8 bytes of the notes' texts, all together (what Yjs stores for them). */
	textBytes: number;
}

/** Workshop French, with the accents and typographic apostrophes real notes carry (2–3 bytes each in UTF-8). */
const WORDS = (
	'confiance transparence décision humain l’algorithme données service public citoyen ' +
	'clarté erreur recours agent explication équité accès numérique aînés région ' +
	'protection vie privée consentement registre évaluation biais justice réponse délai ' +
	'formulaire téléphone guichet personne responsable contrôle qualité écoute besoin ' +
	'« pourquoi » comprendre l’État municipalité santé école emploi langue, ' +
	'mais aussi, pour qu’on sache qui décide ; et c’est important.'
).split(' ');

/** A note of exactly `chars` characters from seeded words. */
function noteText(gen: prng.PRNG, index: number, chars: number): string {
	let text = `Note ${index} :`;
	while (text.length < chars) text += ` ${prng.oneOf(gen, WORDS)}`;
	text = text.slice(0, chars);
	// The model trims; a cut that ends on a space would make the note one character shorter.
	return text.endsWith(' ') ? `${text.slice(0, -1)}.` : text;
}

const DEVICES = 16;
const GROUPS = 60;

/**
 * `notes` notes of `chars` characters over the agenda's three note-taking stations (16 devices,
 * 60 participants), then 60 groups with 5 cards each and both questions of their case answered:
 * the "a few hundred cards and answers" (300 card choices, 120 answers).
 */
export function catchUpSession(notes: number, chars: number, seed = 11): CatchUpSession {
	const sessionId = 'sessionCatchUp01';
	const base = emptySession({ id: sessionId, title: 'Rattrapage', seed, clientId: 5000 });
	const { doc, clock } = base;
	const gen = prng.create(seed);
	const plan = planFor(manifest, 'prototyper');
	const devices = Array.from({ length: DEVICES }, (_, i) => ({
		clientId: 6000 + i,
		model: new SessionDocModel(doc, { plan, deviceId: `tablette-${i + 1}`, now: clock.now, random: seededRandom(seed * 100 + i) })
	}));
	/** Writes as device `i`: its own Yjs client, as on its own tablet. */
	const as = <T>(i: number, write: (model: SessionDocModel) => T): T => {
		const device = devices[i % DEVICES]!;
		doc.clientID = device.clientId;
		return write(device.model);
	};
	const people = Array.from({ length: 60 }, () => base.model.newParticipantId());

	// Groups, cards and answers first: the model checks them against a snapshot of the session,
	// which is cheap while it holds no notes yet.
	let cardChoices = 0;
	let answers = 0;
	const cases = [...plan.cases.keys()];
	for (let g = 0; g < GROUPS; g++) {
		as(g, (m) => {
			const group = must(m.createGroup(`Table ${g + 1}`));
			for (let k = 0; k < 5; k++) {
				must(m.chooseCard(group, CARDS[(g + k * 3) % CARDS.length]!));
				cardChoices++;
			}
			const caseId = cases[g % cases.length]!;
			must(m.chooseCase(group, caseId));
			for (const questionId of plan.cases.get(caseId)!) {
				clock.advance(1000);
				must(m.answerCaseQuestion({ groupId: group, caseId, questionId, text: noteText(gen, g, 400), citedCards: [CARDS[g % CARDS.length]!] }));
				answers++;
			}
		});
	}

	const stations = [
		{ activityId: 'confiance-transparence', stationId: 'confiance-transparence', categories: ['renforce', 'affaiblit'] },
		{ activityId: 'registre', stationId: 'registre-impressions', categories: [] as string[] },
		{ activityId: 'cloture', stationId: 'question-cloture', categories: [] as string[] }
	];
	const utf8 = new TextEncoder();
	let textBytes = 0;
	for (let i = 0; i < notes; i++) {
		const at = stations[i % stations.length]!;
		const text = noteText(gen, i, chars);
		textBytes += utf8.encode(text).byteLength;
		clock.advance(250);
		as(i, (m) =>
			must(
				m.addContribution({
					activityId: at.activityId,
					stationId: at.stationId,
					categoryId: at.categories.length > 0 ? at.categories[i % at.categories.length]! : null,
					text,
					authorId: people[i % people.length]
				})
			)
		);
	}
	for (const d of devices) d.model.destroy();
	base.model.destroy();
	return { doc, sessionId, notes, chars, cardChoices, answers, stateBytes: Y.encodeStateAsUpdate(doc).byteLength, textBytes };
}
