import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SessionDocModel } from '$lib/session';
import { clock, makeModel, MINUTE, must, plan, seededRandom } from './session-fixtures';

describe('agenda clock', () => {
	it('derives running, paused, extended and overtime states from timestamps', () => {
		const { model, clock } = makeModel();
		expect(model.timerState()).toMatchObject({ status: 'not-started', activityId: null, remainingMs: 0 });
		const t0 = clock.now();
		must(model.startTimer());
		expect(model.timerState()).toMatchObject({ status: 'running', activityId: 'welcome', activityIndex: 0, remainingMs: 10 * MINUTE, startedAt: t0 });
		clock.advance(4 * MINUTE);
		expect(model.timerState().remainingMs).toBe(6 * MINUTE);
		must(model.pauseTimer());
		clock.advance(3 * MINUTE);
		expect(model.timerState()).toMatchObject({ status: 'paused', remainingMs: 6 * MINUTE, elapsedMs: 4 * MINUTE });
		must(model.resumeTimer());
		clock.advance(2 * MINUTE);
		expect(model.timerState().remainingMs).toBe(4 * MINUTE);
		must(model.extendTimer(5));
		expect(model.timerState()).toMatchObject({ allottedMs: 15 * MINUTE, remainingMs: 9 * MINUTE, overtime: false });
		clock.advance(10 * MINUTE);
		expect(model.timerState()).toMatchObject({ remainingMs: -1 * MINUTE, overtime: true });
		// The clock moves with `now`, not with a counter.
		expect(model.timerState(clock.now() + MINUTE).remainingMs).toBe(-2 * MINUTE);
	});

	it('moves through the agenda and records the agenda as run', () => {
		const { model, clock } = makeModel();
		const t0 = clock.now();
		must(model.startTimer());
		clock.advance(12 * MINUTE);
		must(model.nextActivity());
		expect(model.timerState()).toMatchObject({ status: 'running', activityId: 'board', remainingMs: 20 * MINUTE });
		clock.advance(MINUTE);
		must(model.pauseTimer());
		clock.advance(MINUTE);
		must(model.goToActivity('cards'));
		// Paused state carries over a jump.
		expect(model.timerState()).toMatchObject({ status: 'paused', activityId: 'cards', remainingMs: 30 * MINUTE });
		must(model.resumeTimer());
		clock.advance(30 * MINUTE);
		must(model.nextActivity());
		must(model.nextActivity());
		must(model.nextActivity());
		const state = model.timerState();
		expect(state.status).toBe('finished');
		expect(state.finishedAt).toBe(clock.now());
		expect(state.runs.map((r) => r.activityId)).toEqual(['welcome', 'board', 'cards', 'cases', 'closing']);
		expect(state.runs[0]).toEqual({ activityId: 'welcome', startedAt: t0, endedAt: t0 + 12 * MINUTE });
		const byId = Object.fromEntries(state.activities.map((a) => [a.activityId, a]));
		expect(byId.welcome).toMatchObject({ elapsedMs: 12 * MINUTE, plannedMinutes: 10, skipped: false });
		expect(byId.board).toMatchObject({ elapsedMs: MINUTE, skipped: false });
		expect(byId.stations).toMatchObject({ elapsedMs: 0, skipped: true, firstStartedAt: null });
		expect(byId.cards).toMatchObject({ elapsedMs: 30 * MINUTE });
		// After the end, later "next" presses do nothing.
		expect(model.nextActivity().ok).toBe(false);
	});

	it('orders a device’s actions after those it saw, even when its clock is behind', () => {
		const c = clock();
		const a = makeModel({ deviceId: 'device-aaaaaaaa', seed: 1, now: c.now });
		const late = makeModel({ deviceId: 'device-bbbbbbbb', seed: 2, now: () => c.now() - 2 * MINUTE });
		must(a.model.startTimer());
		Y.applyUpdate(late.doc, Y.encodeStateAsUpdate(a.doc));
		must(late.model.nextActivity());
		Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(late.doc));
		expect(a.model.timerState().activityId).toBe('board');
		expect(late.model.timerState(c.now())).toEqual(a.model.timerState(c.now()));
	});

	it('refuses actions that make no sense', () => {
		const { model } = makeModel();
		const reason = (r: { ok: boolean; problem?: { detail?: string } }) => r.problem?.detail;
		expect(reason(model.pauseTimer())).toBe('notStarted');
		expect(reason(model.nextActivity())).toBe('notStarted');
		expect(reason(model.extendTimer(5))).toBe('notStarted');
		expect(reason(model.startTimer('nope'))).toBe('unknownActivity');
		expect(reason(model.goToActivity('nope'))).toBe('unknownActivity');
		must(model.startTimer('stations'));
		expect(model.timerState().activityId).toBe('stations');
		expect(reason(model.extendTimer(0))).toBe('invalidMinutes');
		expect(reason(model.extendTimer(2.5))).toBe('invalidMinutes');
		expect(reason(model.extendTimer(500))).toBe('invalidMinutes');
	});

	it('gives the same state after a reload from stored updates', () => {
		const { model, doc, clock } = makeModel();
		must(model.startTimer());
		clock.advance(3 * MINUTE);
		must(model.pauseTimer());
		clock.advance(MINUTE);
		must(model.resumeTimer());
		must(model.extendTimer(2));
		clock.advance(9 * MINUTE);
		must(model.nextActivity());
		clock.advance(5 * MINUTE);
		const updates: Uint8Array[] = [Y.encodeStateAsUpdate(doc)];
		const reloaded = new Y.Doc();
		for (const u of updates) Y.applyUpdate(reloaded, u);
		const again = new SessionDocModel(reloaded, { plan, deviceId: 'device-aaaaaaaa', now: clock.now, random: seededRandom(9) });
		for (const at of [clock.now(), clock.now() + 7 * MINUTE]) expect(again.timerState(at)).toEqual(model.timerState(at));
		expect(again.timerState().activities[0]).toMatchObject({ extendedMinutes: 2, elapsedMs: 12 * MINUTE });
	});

	it('merges concurrent actions from two devices: one "next" each skips one activity, not two', () => {
		const c = clock();
		const a = makeModel({ deviceId: 'device-aaaaaaaa', seed: 1, now: c.now });
		const b = makeModel({ deviceId: 'device-bbbbbbbb', seed: 2, now: c.now });
		must(a.model.startTimer());
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
		c.advance(MINUTE);
		must(a.model.nextActivity());
		c.advance(10);
		must(b.model.nextActivity());
		must(b.model.extendTimer(3));
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
		Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
		const sa = a.model.timerState();
		expect(sa).toEqual(b.model.timerState());
		expect(sa.activityId).toBe('board');
		expect(sa.runs.map((r) => r.activityId)).toEqual(['welcome', 'board']);
		// b extended "board", its current activity when it pressed, whatever the merge order.
		expect(sa.activities[1]?.extendedMinutes).toBe(3);
		expect(sa.allottedMs).toBe(23 * MINUTE);
	});
});
