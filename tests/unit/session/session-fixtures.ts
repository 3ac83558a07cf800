/** Test factories: a small kit, a controllable clock, seeded randomness, ready-made models. */
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { planFor, SessionDocModel, type SessionKit } from '$lib/session';

export const kit = {
	id: 'test-kit',
	version: '1.0.0',
	agendas: [
		{
			id: 'main',
			activities: [
				{ id: 'welcome', kind: 'checkin', durationMinutes: 10 },
				{ id: 'board', kind: 'board', durationMinutes: 20, silent: true, dots: 3 },
				{ id: 'stations', kind: 'stations', durationMinutes: 45, stations: ['s1', 's2'] },
				{ id: 'cards', kind: 'card-game', durationMinutes: 30 },
				{ id: 'cases', kind: 'cases', durationMinutes: 30 },
				{ id: 'closing', kind: 'closing', durationMinutes: 10 }
			]
		},
		{ id: 'short', activities: [{ id: 'only', kind: 'board', durationMinutes: 5 }] }
	],
	stations: [
		{ id: 's1', categories: [{ id: 'themes' }, { id: 'concerns' }] },
		{ id: 's2' },
		{ id: 's3' }
	],
	grid: {
		keep: 3,
		blankCards: 2,
		dimensions: [
			{ id: 'technical', cards: [{ id: 't1' }, { id: 't2' }, { id: 't3' }] },
			{ id: 'human', cards: [{ id: 'h1' }, { id: 'h2' }] }
		]
	},
	cases: [
		{ id: 'c1', questions: [{ id: 'q1' }, { id: 'q2' }] },
		{ id: 'c2', questions: [{ id: 'q1' }] }
	],
	checkinScale: [{ value: 0 }, { value: 1 }, { value: 2 }, { value: 3 }]
} satisfies SessionKit;

export const plan = planFor(kit, 'main');

export const MINUTE = 60_000;

/** A manual clock. */
export function clock(start = 1_700_000_000_000) {
	let t = start;
	return {
		now: () => t,
		advance(ms: number) {
			t += ms;
		},
		set(ms: number) {
			t = ms;
		}
	};
}

export function seededRandom(seed: number) {
	const gen = prng.create(seed);
	return (n: number) => prng.uint8Array(gen, n);
}

export function makeModel(options: { doc?: Y.Doc; deviceId?: string; seed?: number; now?: () => number } = {}) {
	const doc = options.doc ?? new Y.Doc();
	const c = clock();
	const model = new SessionDocModel(doc, {
		plan,
		deviceId: options.deviceId ?? 'device-aaaaaaaa',
		now: options.now ?? c.now,
		random: seededRandom(options.seed ?? 1)
	});
	return { doc, model, clock: c };
}

/** Unwraps a successful result, failing the test with the refusal otherwise. */
export function must<T>(result: { ok: true; value: T } | { ok: false; problem: { detail?: string } }): T {
	if (!result.ok) throw new Error(`refused: ${result.problem.detail}`);
	return result.value;
}
