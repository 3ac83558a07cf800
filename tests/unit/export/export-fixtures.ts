/**
 * Test factories for exports: real sessions on the bundled Québec kit, written through the
 * session model (so every record is what the app itself writes), with a fixed clock, seeded ids
 * and a fixed Yjs client id, so a trace built from them is the same on every run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import type { KitManifest } from '$lib/kits';
import { bundledManifest } from '../kits/kit-test-helpers';
import { buildBundledKits } from '$lib/kits/kit-bundle.server';
import { planFor, SessionDocModel, writeFollowUp } from '$lib/session';
import type { TraceSessionInfo } from '$lib/export';

export const manifest: KitManifest = bundledManifest('dialogue-ia-services-publics');
// Bundled here, into a temporary folder, as the build does: never read from static/kits/, which
// exists only once something ran the build (a test must not pass because another step did).
const bundled = (() => {
	const out = mkdtempSync(join(tmpdir(), 'tablee-export-kits-'));
	try {
		return buildBundledKits('workshop-kits', out);
	} finally {
		rmSync(out, { recursive: true, force: true });
	}
})();
export const kitRef = (() => {
	const entry = bundled.find((k) => k.id === manifest.id)!;
	return { id: entry.id, version: entry.version, hash: entry.hash };
})();

export const MINUTE = 60_000;
export const T0 = Date.UTC(2026, 9, 14, 13, 0, 0);

export function seededRandom(seed: number) {
	const gen = prng.create(seed);
	return (n: number) => prng.uint8Array(gen, n);
}

export function must<T>(result: { ok: true; value: T } | { ok: false; problem: { detail?: string } }): T {
	if (!result.ok) throw new Error(`refused: ${result.problem.detail}`);
	return result.value;
}

export interface FixtureSession {
	info: TraceSessionInfo;
	doc: Y.Doc;
	model: SessionDocModel;
	clock: { now: () => number; advance: (ms: number) => void };
}

/** An empty "Prototyper" session with its doc header, on a fixed clock and seeded ids. */
export function emptySession(options: { id: string; title?: string; place?: string; date?: string; seed?: number; clientId?: number; deviceId?: string }): FixtureSession {
	let t = T0;
	const clock = { now: () => t, advance: (ms: number) => void (t += ms) };
	const doc = new Y.Doc();
	doc.clientID = options.clientId ?? 1001;
	const info: TraceSessionInfo = {
		id: options.id,
		title: options.title ?? 'Atelier « Prototyper »',
		date: options.date ?? '2026-10-14',
		place: options.place ?? 'Bibliothèque municipale',
		facilitators: ['Anne Tremblay', 'Jean Côté'],
		language: 'fr-CA',
		createdAt: T0,
		kit: kitRef,
		agendaId: 'prototyper'
	};
	const model = new SessionDocModel(doc, { plan: planFor(manifest, 'prototyper'), deviceId: options.deviceId ?? 'tablet-animation', now: clock.now, random: seededRandom(options.seed ?? 1) });
	model.initMeta({ sessionId: info.id, kit: kitRef, agendaId: 'prototyper', createdAt: T0 });
	return { info, doc, model, clock };
}

/** Texts that trip naive CSV writers and spreadsheets: accents, quotes, separators, newlines, formulas. */
export const TRICKY_TEXTS = [
	'Savoir qui décide, et pourquoi ; « en clair »',
	'Une personne "humaine" joignable\nmême la nuit',
	'=HYPERLINK("http://exemple.test";"clic")',
	'+1 pour la transparence',
	'-2 points de confiance',
	'@tous : pensez aux aînés',
	'Colonne A\tcolonne B (tabulation)',
	'Éviter l’exclusion numérique — ça, c’est crucial !'
];

export const CARDS = manifest.grid!.dimensions.flatMap((d) => d.cards.map((c) => c.id));

/** A full "Prototyper" session: agenda run, notes, themes, merges, moderation, votes, groups, cards, cases, check-ins. */
export function fullSession(options: { id?: string; seed?: number } = {}): FixtureSession & { ids: Record<string, string> } {
	const s = emptySession({ id: options.id ?? 'sessionFixture01', title: 'Atelier « Prototyper » — Rimouski', place: 'Bibliothèque Lisette-Morin', seed: options.seed ?? 7 });
	const { model, clock } = s;
	const people = Array.from({ length: 6 }, () => model.newParticipantId());
	must(model.startTimer());
	clock.advance(5 * MINUTE);
	must(model.nextActivity());
	people.forEach((p, i) => must(model.recordCheckin(p, 'start', 1 + (i % 3))));
	clock.advance(10 * MINUTE);
	must(model.nextActivity());
	const ids: Record<string, string> = {};
	const a = 'confiance-transparence';
	TRICKY_TEXTS.forEach((text, i) => {
		clock.advance(MINUTE);
		ids[`note${i}`] = must(
			model.addContribution({
				activityId: a,
				stationId: a,
				categoryId: i % 2 === 0 ? 'renforce' : 'affaiblit',
				text,
				authorId: people[i % people.length],
				authorName: i === 1 ? 'Marie Gagnon' : null
			})
		);
	});
	must(model.reveal(a));
	ids.theme = must(model.createTheme(a, 'Reddition de comptes'));
	must(model.assignTheme(ids.note0!, ids.theme));
	must(model.assignTheme(ids.note1!, ids.theme));
	must(model.mergeContribution(ids.note3!, ids.note0!));
	must(model.hideContribution(ids.note5!));
	must(model.deleteContribution(ids.note6!));
	must(model.vote({ activityId: a, contributionId: ids.note0!, voterId: people[0]! }));
	must(model.vote({ activityId: a, contributionId: ids.note0!, voterId: people[1]! }));
	must(model.vote({ activityId: a, contributionId: ids.note7!, voterId: people[2]! }));
	clock.advance(20 * MINUTE);
	must(model.nextActivity());
	ids.registry = must(model.addContribution({ activityId: 'registre', stationId: 'registre-impressions', kind: 'impression', text: 'Le registre est incomplet et difficile à lire.', authorId: people[3] }));
	must(model.goToActivity('jeu-cartes'));
	const groups = ['Table 1', 'Table 2', 'Table 3'].map((name) => must(model.createGroup(name)));
	// Group work is done by people who also wrote notes: the participant count stays 6.
	[[0, 5, 8, 9, 10], [5, 8, 7, 1], [5, 9, 10, 12]].forEach((cards, g) => cards.forEach((c) => must(model.chooseCard(groups[g]!, CARDS[c]!, people[g]))));
	ids.other = must(model.writeOtherCard(groups[1]!, { title: 'Droit de refus', question: 'Peut-on refuser une décision prise par l’IA ?', authorId: people[1] }));
	must(model.chooseCard(groups[1]!, ids.other, people[1]));
	clock.advance(30 * MINUTE);
	must(model.nextActivity());
	const cases = ['clavardage-811', 'clavardage-811', 'decrochage-scolaire'];
	groups.forEach((g, i) => {
		must(model.chooseCase(g, cases[i]!));
		must(model.answerCaseQuestion({ groupId: g, caseId: cases[i]!, questionId: 'conditions-confiance', text: `Conditions de l’équipe ${i + 1} : un humain peut réviser la décision.`, citedCards: i === 1 ? [ids.other!, CARDS[8]!] : [CARDS[8]!], authorId: people[i] }));
		must(model.answerCaseQuestion({ groupId: g, caseId: cases[i]!, questionId: 'elements-transparence', text: 'Dire clairement que c’est une IA, et à quoi elle sert.', citedCards: [], authorId: people[i + 3] }));
	});
	clock.advance(25 * MINUTE);
	must(model.goToActivity('checkin-fin'));
	people.slice(0, 5).forEach((p, i) => must(model.recordCheckin(p, 'end', 2 + (i % 3))));
	must(model.addObserverNote('Le groupe 2 a eu besoin du glossaire.', 'jeu-cartes'));
	must(writeFollowUp(s.doc, { what: 'Publier ce bilan et le présenter au conseil municipal.', who: 'Comité de la bibliothèque', when: 'Décembre 2026' }, { deviceId: 'tablet-animation', now: clock.now }));
	clock.advance(5 * MINUTE);
	must(model.nextActivity());
	return { ...s, ids };
}

/** A large session for benchmarks: `notes` contributions across stations, groups and votes. */
export function largeSession(notes: number, seed = 42): FixtureSession {
	const s = emptySession({ id: 'sessionBench0001', seed, title: 'Grande session' });
	const { model, clock } = s;
	const gen = prng.create(seed);
	const people = Array.from({ length: 40 }, () => model.newParticipantId());
	must(model.startTimer());
	const activities = [
		{ id: 'confiance-transparence', station: 'confiance-transparence', categories: ['renforce', 'affaiblit'] },
		{ id: 'registre', station: 'registre-impressions', categories: [] as string[] }
	];
	for (const act of activities) if (act.id === 'confiance-transparence') must(model.reveal(act.id));
	const ids: string[] = [];
	s.doc.transact(() => {
		for (let i = 0; i < notes; i++) {
			const act = activities[i % 2]!;
			clock.advance(100);
			ids.push(
				must(
					model.addContribution({
						activityId: act.id,
						stationId: act.station,
						categoryId: act.categories.length ? act.categories[i % act.categories.length]! : null,
						text: `Note ${i} : ${prng.word(gen, 20, 120)} ; « accents » é à ç\n"fin"`,
						authorId: people[i % people.length]
					})
				)
			);
		}
	});
	const theme = must(model.createTheme('confiance-transparence', 'Thème principal'));
	for (let i = 0; i < Math.min(notes, 500); i += 2) must(model.assignTheme(ids[i]!, theme));
	for (let p = 0; p < people.length; p++) must(model.vote({ activityId: 'confiance-transparence', contributionId: ids[(p * 2) % ids.length]!, voterId: people[p]! }));
	const groups = Array.from({ length: 6 }, (_, i) => must(model.createGroup(`Table ${i + 1}`)));
	groups.forEach((g, i) => [0, 1, 2, 3, 4].forEach((k) => must(model.chooseCard(g, CARDS[(i + k * 3) % CARDS.length]!))));
	return s;
}
