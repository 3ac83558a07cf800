/**
 * Random workshop operations for the convergence test, driven through the session model's public
 * typed operations (`$lib/session`): notes, edits, hiding, soft deletion, dot votes, groups,
 * card choices, cases and answers, check-ins, observer notes and the agenda timer. Refused
 * operations (budget spent, nothing to edit yet…) are part of the mix.
 */
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { planFor, readSnapshot, sessionMaps, SessionDocModel, type SessionKit } from '$lib/session';

const kit = {
	id: 'sync-test-kit',
	version: '1.0.0',
	agendas: [
		{
			id: 'main',
			activities: [
				{ id: 'welcome', kind: 'checkin', durationMinutes: 10 },
				{ id: 'board', kind: 'board', durationMinutes: 20, dots: 3 },
				{ id: 'stations', kind: 'stations', durationMinutes: 45, stations: ['s1', 's2'] },
				{ id: 'cards', kind: 'card-game', durationMinutes: 30 },
				{ id: 'cases', kind: 'cases', durationMinutes: 30 }
			]
		}
	],
	stations: [{ id: 's1' }, { id: 's2' }],
	grid: { keep: 3, blankCards: 2, dimensions: [{ id: 'tech', cards: [{ id: 't1' }, { id: 't2' }, { id: 't3' }] }, { id: 'human', cards: [{ id: 'h1' }, { id: 'h2' }] }] },
	cases: [{ id: 'c1', questions: [{ id: 'q1' }, { id: 'q2' }] }],
	checkinScale: [{ value: 0 }, { value: 1 }, { value: 2 }]
} satisfies SessionKit;

const plan = planFor(kit, 'main');

/** A session model for one replica, with seeded ids and a clock shared by the run. */
export function makeModel(doc: Y.Doc, deviceId: string, gen: prng.PRNG, now: () => number): SessionDocModel {
	const seed = prng.uint32(gen, 0, 2 ** 31);
	const ids = prng.create(seed);
	return new SessionDocModel(doc, { plan, deviceId, now, random: (n) => prng.uint8Array(ids, n) });
}

function pick<T>(gen: prng.PRNG, items: readonly T[]): T | null {
	return items.length === 0 ? null : prng.oneOf(gen, [...items]);
}

type Op = (m: SessionDocModel, gen: prng.PRNG) => void;

const ops: Op[] = [
	(m, gen) => void m.addContribution({ activityId: 'board', text: prng.word(gen, 1, 12) }),
	(m, gen) => void m.addContribution({ activityId: 'stations', stationId: prng.oneOf(gen, ['s1', 's2']), text: prng.word(gen, 1, 12) }),
	(m, gen) => {
		const c = pick(gen, m.snapshot().contributions);
		if (c) m.editContribution(c.id, prng.word(gen, 1, 12));
	},
	(m, gen) => {
		const c = pick(gen, m.snapshot().contributions);
		if (c) (prng.bool(gen) ? m.hideContribution(c.id) : m.unhideContribution(c.id));
	},
	(m, gen) => {
		const c = pick(gen, m.snapshot().contributions);
		if (c) (prng.real53(gen) < 0.7 ? m.deleteContribution(c.id) : m.restoreContribution(c.id));
	},
	(m, gen) => {
		const c = pick(gen, m.snapshot().contributions.filter((x) => x.activityId === 'board'));
		if (c) m.vote({ activityId: 'board', contributionId: c.id, voterId: prng.oneOf(gen, ['voter-a', 'voter-b', m.authorId]) });
	},
	(m, gen) => void m.createGroup(`Groupe ${prng.word(gen, 1, 4)}`),
	(m, gen) => {
		const g = pick(gen, m.snapshot().groups);
		if (g) m.chooseCard(g.id, prng.oneOf(gen, ['t1', 't2', 't3', 'h1', 'h2']));
	},
	(m, gen) => {
		const g = pick(gen, m.snapshot().groups);
		if (!g) return;
		m.chooseCase(g.id, 'c1');
		m.answerCaseQuestion({ groupId: g.id, caseId: 'c1', questionId: prng.oneOf(gen, ['q1', 'q2']), text: prng.word(gen, 0, 20) });
	},
	(m, gen) => void m.recordCheckin(`p-${prng.int32(gen, 1, 4)}`, prng.oneOf(gen, ['start', 'end'] as const), prng.int32(gen, 0, 2)),
	(m, gen) => void m.addObserverNote(prng.word(gen, 1, 15)),
	(m, gen) => {
		const action = prng.int32(gen, 0, 4);
		if (action === 0) m.startTimer();
		else if (action === 1) m.pauseTimer();
		else if (action === 2) m.resumeTimer();
		else if (action === 3) m.extendTimer(5);
		else m.nextActivity();
	}
];

/** Runs one random operation; returns the record keys it created. */
export function randomOp(model: SessionDocModel, gen: prng.PRNG): string[] {
	const before = contributionIds(model.doc);
	prng.oneOf(gen, ops)(model, gen);
	return [...contributionIds(model.doc)].filter((id) => !before.has(id));
}

/** Every record key in the doc (`map:key`, timer events by id). */
export function contributionIds(doc: Y.Doc): Set<string> {
	const ids = new Set<string>();
	for (const [name, type] of Object.entries(sessionMaps(doc))) {
		if (name === 'meta') continue;
		if (type instanceof Y.Map) for (const key of type.keys()) ids.add(`${name}:${key}`);
		else for (const e of type.toArray()) ids.add(`${name}:${(e as { id?: string }).id ?? JSON.stringify(e)}`);
	}
	return ids;
}

/** Canonical JSON: Y.Map iteration order depends on arrival order, so keys are sorted. */
function canonical(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonical);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value)
				.sort()
				.map((k) => [k, canonical((value as Record<string, unknown>)[k])])
		);
	}
	return value;
}

export function canonicalJson(value: unknown): string {
	// A mutated (hostile) update may carry any Yjs value, BigInt included.
	return JSON.stringify(canonical(value), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

/** The whole session content, raw and as the model reads it. */
export function docSnapshot(doc: Y.Doc): string {
	const raw = Object.fromEntries(Object.entries(sessionMaps(doc)).map(([k, t]) => [k, t.toJSON()]));
	return canonicalJson({ raw, read: readSnapshot(doc) });
}

/** Raw, model-free writes for tests that need a doc without a plan. */
export function rawNote(doc: Y.Doc, id: string, text: string): void {
	const m = new Y.Map<unknown>();
	m.set('text', text);
	sessionMaps(doc).contributions.set(id, m);
}
