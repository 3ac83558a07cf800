/**
 * A large session made cheaply in Node, in the app's own formats: the session file a tablet saved
 * ("Enregistrer la séance dans un fichier") is read with the app's reader, notes are written into
 * it with the session model's own `addContribution` operation, by several simulated devices (each
 * its own Y.Doc, so the state has several Yjs clients as after a real day), spread over the
 * agenda's note-writing activities and stations, and the result is written back with the app's
 * `exportSessionState`, ready to be merged on that tablet through the tablets panel.
 *
 * `SessionDocModel` itself cannot be loaded outside Vite (its imports reach `$lib/i18n` and `$app`),
 * so the operation runs on an `OpContext` built here the way `SessionDocModel`'s constructor builds it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { exportSessionState, readSessionFile } from '../../../src/lib/sync/session-file';
import { addContribution } from '../../../src/lib/session/session-contribution-ops';
import { sessionMaps } from '../../../src/lib/session/session-doc';
import { planFor, type SessionKit, type SessionPlan } from '../../../src/lib/session/session-plan';
import { readSnapshot } from '../../../src/lib/session/session-read';
import type { OpContext } from '../../../src/lib/session/session-context';
import type { ContributionKind } from '../../../src/lib/session/session-schema';
import { base64url } from '../../../src/lib/storage/storage-random';

export interface LargeSession {
	/** The session file to merge (same session id and header as the tablet's). */
	file: Buffer;
	sessionId: string;
	/** Notes in the file, the tablet's own included. */
	total: number;
	/** Notes written here, per station id. */
	byStation: Record<string, number>;
	/** The last note written here at each station (the first a board shows). */
	newestByStation: Record<string, string>;
	/** Bytes of the Yjs update that adds the new notes to the tablet's state. */
	addedBytes: number;
	/** Bytes of the whole state. */
	stateBytes: number;
}

/** Share of the notes each note-writing activity gets over a day (the rest: equal shares). */
const WEIGHTS: Record<string, number> = {
	'inspirations-preoccupations': 0.2,
	experts: 0.1,
	'stations-thematiques': 0.5,
	reves: 0.15,
	cloture: 0.05
};

/** The note kind the board writes for an activity kind (as `noteKind` in the board UI). */
function kindFor(activityKind: string): ContributionKind {
	if (activityKind === 'experts') return 'question';
	if (activityKind === 'dream') return 'dream';
	if (activityKind === 'registry') return 'impression';
	return 'note';
}

const OPENINGS = [
	'Je voudrais que les services publics',
	'Il faudrait que les ministères',
	'Ce qui rassurerait, c’est que les agents',
	'Dans mon quartier, on aimerait que les élus',
	'Pour les familles nouvellement arrivées, il faut que les bureaux',
	'Les jeunes aimeraient que les décideurs',
	'À la bibliothèque, on souhaite que les outils',
	'Avant tout déploiement, il faut que les villes',
	'J’aimerais que les fournisseurs',
	'Les organismes communautaires demandent que les services',
	'Quand on appelle, on veut que les préposés',
	'Une idée : que les municipalités'
];
const MIDDLES = [
	'expliquent en mots simples ce que fait l’IA',
	'gardent toujours une personne pour répondre',
	'publient les données utilisées pour décider',
	'consultent les gens qui ne sont pas en ligne',
	'testent les outils avec des citoyens d’abord',
	'offrent un recours clair quand on se trompe',
	'rendent compte chaque année de leurs choix',
	'forment le personnel avant de changer les façons de faire',
	'protègent les renseignements des plus vulnérables',
	'traduisent les avis dans les langues du quartier'
];
const ENDINGS = [
	'et que ce soit vérifié par un comité indépendant',
	'sans rendre le service plus lent pour autant',
	'parce que la confiance se gagne lentement',
	'avec des exemples concrets et des chiffres',
	'même quand la réponse est non',
	'pour que personne ne soit laissé de côté',
	'et qu’on puisse en parler dans une assemblée publique',
	'comme on l’a vu dans d’autres villes'
];

/** About 120 characters, unique thanks to its number. */
function noteText(gen: prng.PRNG, n: number): string {
	const text = `${prng.oneOf(gen, OPENINGS)} ${prng.oneOf(gen, MIDDLES)} ${prng.oneOf(gen, ENDINGS)} (n° ${n})`;
	return text.length > 140 ? `${text.slice(0, 120).trimEnd()}… (n° ${n})` : text;
}

function loadKit(kitId: string, version: string): SessionKit {
	const manifest = JSON.parse(readFileSync(join('workshop-kits', kitId, 'kit.json'), 'utf8')) as SessionKit;
	if (manifest.id !== kitId || manifest.version !== version) throw new Error(`The bundled kit is ${manifest.id}@${manifest.version}, the session wants ${kitId}@${version}`);
	return manifest;
}

/** How many notes each (activity, station) gets; every station of an activity gets its share. */
function allocate(plan: SessionPlan, notes: number): { activityId: string; kind: ContributionKind; stationId: string | null; categories: string[]; count: number }[] {
	const slots = plan.activities
		.filter((a) => WEIGHTS[a.id] !== undefined)
		.flatMap((a) => {
			const stations = a.stations ?? [];
			const share = WEIGHTS[a.id]! / Math.max(1, stations.length);
			return (stations.length > 0 ? stations : [null]).map((stationId) => ({
				activityId: a.id,
				kind: kindFor(a.kind),
				stationId,
				categories: stationId ? [...(plan.stations.get(stationId) ?? [])] : [],
				share
			}));
		});
	if (slots.length === 0) throw new Error('The agenda has no note-writing activity');
	const sum = slots.reduce((s, x) => s + x.share, 0);
	const counts = slots.map((s) => Math.floor((notes * s.share) / sum));
	for (let i = 0; counts.reduce((s, c) => s + c, 0) < notes; i++) counts[i % counts.length]!++;
	return slots.map((s, i) => ({ ...s, count: counts[i]! }));
}

/**
 * Adds `notes` notes to the session saved in `savedFile`. `seed` makes the run repeatable (ids,
 * texts); use another seed for a second batch in the same session.
 */
export function addNotesToSessionFile(savedFile: Uint8Array, notes: number, seed: number): LargeSession {
	const saved = readSessionFile(savedFile);
	if (!saved.ok) throw new Error(`Not a session file: ${saved.problem.key}`);
	const base = new Y.Doc();
	Y.applyUpdate(base, saved.value.update);
	const before = readSnapshot(base);
	const meta = before.meta;
	if (!meta || meta.sessionId !== saved.value.sessionId) throw new Error('The saved session has no header');
	const plan = planFor(loadKit(meta.kitId, meta.kitVersion), meta.agendaId);
	const baseVector = Y.encodeStateVector(base);
	const gen = prng.create(seed);
	const ids = prng.create(seed + 1);
	const newId = () => base64url(prng.uint8Array(ids, 16));

	// A day: 4 station tablets and 8 phones write, for 60 participants; one device per slot of time.
	const devices = Array.from({ length: 12 }, () => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, saved.value.update);
		return { doc, id: newId() };
	});
	const participants = Array.from({ length: 60 }, () => newId());
	let clock = meta.createdAt + 30 * 60_000;
	const contextOf = (device: (typeof devices)[number]): OpContext => {
		const maps = sessionMaps(device.doc);
		return {
			doc: device.doc,
			maps,
			plan,
			deviceId: device.id,
			authorId: participants[0]!,
			now: () => clock,
			newId,
			origin: 'large-session',
			snapshot: () => readSnapshot(device.doc)
		};
	};
	const contexts = devices.map(contextOf);

	const byStation: Record<string, number> = {};
	const newestByStation: Record<string, string> = {};
	// Activity after activity, as the agenda runs; the stations of one activity in parallel.
	const slots = allocate(plan, notes);
	const order = [...new Set(slots.map((s) => s.activityId))].flatMap((activityId) => {
		const turns = slots.filter((s) => s.activityId === activityId).flatMap((s) => Array.from({ length: s.count }, () => s));
		for (let i = turns.length - 1; i > 0; i--) {
			const j = prng.int32(gen, 0, i);
			[turns[i], turns[j]] = [turns[j]!, turns[i]!];
		}
		return turns;
	});
	let n = 0;
	for (const slot of order) {
		n++;
		clock += prng.int32(gen, 100, 900);
		const text = noteText(gen, n);
		const result = addContribution(prng.oneOf(gen, contexts), {
			activityId: slot.activityId,
			stationId: slot.stationId,
			categoryId: slot.categories.length > 0 ? prng.oneOf(gen, slot.categories) : null,
			kind: slot.kind,
			text,
			authorId: prng.oneOf(gen, participants)
		});
		if (!result.ok) throw new Error(`addContribution refused: ${result.problem.detail}`);
		if (slot.stationId) {
			byStation[slot.stationId] = (byStation[slot.stationId] ?? 0) + 1;
			newestByStation[slot.stationId] = text;
		}
	}
	for (const device of devices) Y.applyUpdate(base, Y.encodeStateAsUpdate(device.doc));
	const after = readSnapshot(base);
	const total = after.contributions.length;
	if (total !== before.contributions.length + notes) throw new Error(`Expected ${before.contributions.length + notes} notes, the doc reads ${total}`);
	const file = Buffer.from(exportSessionState(base, { sessionId: saved.value.sessionId }));
	const result: LargeSession = {
		file,
		sessionId: saved.value.sessionId,
		total,
		byStation,
		newestByStation,
		addedBytes: Y.encodeStateAsUpdate(base, baseVector).byteLength,
		stateBytes: Y.encodeStateAsUpdate(base).byteLength
	};
	for (const device of devices) device.doc.destroy();
	base.destroy();
	return result;
}
