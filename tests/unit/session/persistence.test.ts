import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { attachPersistence, rebuildFromOwnLog, sessionMaps, SessionDocModel, type SaveStatus } from '$lib/session';
import { countUpdates, createSession, database, deviceId, loadOwnLog, resetDatabase } from '$lib/storage';
import { clock, makeModel, must, plan, seededRandom } from './session-fixtures';

const DEVICE = 'device-aaaaaaaa';

async function newSessionId() {
	const row = await createSession({
		title: 'Atelier',
		kit: { id: 'test-kit', version: '1.0.0', hash: 'c'.repeat(64) },
		agendaId: 'main',
		language: 'fr-CA'
	});
	return row.id;
}

async function open(sessionId: string, options: { compactAfter?: number; seed?: number } = {}) {
	const doc = new Y.Doc();
	const c = clock();
	const model = new SessionDocModel(doc, { plan, deviceId: DEVICE, now: c.now, random: seededRandom(options.seed ?? 5) });
	const persistence = attachPersistence(doc, sessionId, { deviceId: DEVICE, now: c.now, compactAfter: options.compactAfter, retryDelayMs: 60_000 });
	await persistence.whenLoaded;
	return { doc, model, persistence, clock: c };
}

beforeEach(async () => {
	await resetDatabase();
});
afterEach(() => {
	vi.restoreAllMocks();
});

describe('session persistence', () => {
	it('saves every change and loads it back into a new doc', async () => {
		const id = await newSessionId();
		const first = await open(id);
		const statuses: SaveStatus['state'][] = [];
		first.persistence.on('status', (s) => statuses.push(s.state));
		const note = must(first.model.addContribution({ activityId: 'board', text: 'Conservée' }));
		const g = must(first.model.createGroup('Table 1'));
		must(first.model.chooseCard(g, 't1'));
		must(first.model.startTimer());
		// "saved" only once the write completed.
		expect(first.persistence.status.state).toBe('saving');
		await first.persistence.flushed();
		expect(first.persistence.status).toEqual({ state: 'saved', error: null, pending: 0 });
		expect(statuses.at(-1)).toBe('saved');
		await first.persistence.destroy();

		const second = await open(id, { seed: 6 });
		expect(second.model.snapshot()).toEqual(first.model.snapshot());
		expect(second.model.contributions()[0]?.id).toBe(note);
		expect(second.model.timerState(first.clock.now())).toEqual(first.model.timerState(first.clock.now()));
		await second.persistence.destroy();
	});

	it('saves changes made while the stored updates load and right after, without writing the loaded ones again', async () => {
		const id = await newSessionId();
		const first = await open(id);
		must(first.model.addContribution({ activityId: 'board', text: 'Déjà là' }));
		await first.persistence.flushed();
		await first.persistence.destroy();
		const rowsBefore = await countUpdates(id);

		const doc = new Y.Doc();
		const c = clock();
		const model = new SessionDocModel(doc, { plan, deviceId: DEVICE, now: c.now, random: seededRandom(7) });
		const persistence = attachPersistence(doc, id, { deviceId: DEVICE, now: c.now, retryDelayMs: 60_000 });
		must(model.addContribution({ activityId: 'board', text: 'Pendant le chargement' }));
		await persistence.whenLoaded;
		must(model.addContribution({ activityId: 'board', text: 'Après le chargement' }));
		await persistence.flushed();
		expect(persistence.status).toEqual({ state: 'saved', error: null, pending: 0 });
		// The loaded rows are not appended again: only the two new changes are (in one or two rows).
		expect((await countUpdates(id)) - rowsBefore).toBeLessThanOrEqual(2);
		await persistence.destroy();

		const again = await open(id, { seed: 8 });
		expect(again.model.contributions().map((n) => n.text).sort()).toEqual(['Après le chargement', 'Déjà là', 'Pendant le chargement']);
		await again.persistence.destroy();
	});

	it('compacts stored updates into one row without losing content', async () => {
		const id = await newSessionId();
		const first = await open(id, { compactAfter: 5 });
		for (let i = 0; i < 20; i++) {
			must(first.model.addContribution({ activityId: 'board', text: `note ${i}` }));
			await first.persistence.flushed();
		}
		expect(await countUpdates(id)).toBeLessThanOrEqual(6);
		await first.persistence.destroy();
		const second = await open(id, { compactAfter: 5 });
		expect(second.model.snapshot().contributions.map((c) => c.text).sort()).toEqual(
			first.model.snapshot().contributions.map((c) => c.text).sort()
		);
		expect(second.model.snapshot().contributions).toHaveLength(20);
		await second.persistence.destroy();
	});

	it('compacts on load when too many rows are stored', async () => {
		const id = await newSessionId();
		const first = await open(id);
		for (let i = 0; i < 8; i++) {
			must(first.model.addContribution({ activityId: 'board', text: `note ${i}` }));
			await first.persistence.flushed();
		}
		await first.persistence.destroy();
		expect(await countUpdates(id)).toBe(8);
		const second = await open(id, { compactAfter: 3 });
		expect(await countUpdates(id)).toBe(1);
		expect(second.model.snapshot().contributions).toHaveLength(8);
		await second.persistence.destroy();
	});

	it('logs this device’s own contributions only, in their latest state', async () => {
		const id = await newSessionId();
		const { model, persistence, doc } = await open(id);
		const mine = must(model.addContribution({ activityId: 'board', text: 'v1' }));
		must(model.editContribution(mine, 'v2'));
		must(model.createGroup('not a contribution'));
		const remote = makeModel({ deviceId: 'device-remote00', seed: 8 });
		must(remote.model.addContribution({ activityId: 'board', text: 'from a peer' }));
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote.doc), 'peer');
		// A facilitator on this device hiding a peer's note does not make it "own".
		const theirs = model.snapshot().contributions.find((c) => c.deviceId === 'device-remote00')!.id;
		must(model.hideContribution(theirs));
		await persistence.flushed();
		const log = (await loadOwnLog(id)).items;
		expect(log.map((r) => r.contributionId)).toEqual([mine, mine]);
		expect(log.map((r) => (r.record as { text: string }).text)).toEqual(['v1', 'v2']);
		await persistence.destroy();
	});

	it('uses the stored device id when none is given', async () => {
		const id = await newSessionId();
		const doc = new Y.Doc();
		const model = new SessionDocModel(doc, { plan, deviceId: await deviceId(), random: seededRandom(12) });
		const persistence = attachPersistence(doc, id);
		await persistence.whenLoaded;
		const note = must(model.addContribution({ activityId: 'board', text: 'x' }));
		await persistence.flushed();
		expect((await loadOwnLog(id)).items.map((r) => r.contributionId)).toEqual([note]);
		await persistence.destroy();
	});

	it('rebuilds own contributions that a peer deleted or corrupted in the shared doc', async () => {
		const id = await newSessionId();
		const { model, persistence, doc } = await open(id);
		const a = must(model.addContribution({ activityId: 'board', text: 'premier' }));
		const b = must(model.addContribution({ activityId: 'stations', stationId: 's1', text: 'second' }));
		must(model.editContribution(b, 'second, corrigé'));
		const kept = must(model.addContribution({ activityId: 'closing', text: 'intact' }));
		must(model.hideContribution(kept));
		await persistence.flushed();
		const contributions = sessionMaps(doc).contributions;
		doc.transact(() => {
			contributions.delete(a);
			contributions.set(b, 'vandalised');
		}, 'hostile-peer');
		expect(model.snapshot().contributions.map((c) => c.id)).toEqual([kept]);

		const result = await rebuildFromOwnLog(doc, id);
		expect(result.restored.sort()).toEqual([a, b].sort());
		expect(result.skipped).toBe(0);
		const texts = Object.fromEntries(model.snapshot().contributions.map((c) => [c.id, c.text]));
		expect(texts).toEqual({ [a]: 'premier', [b]: 'second, corrigé', [kept]: 'intact' });
		// Moderation done by others is not undone for contributions still present.
		expect(model.snapshot().contributions.find((c) => c.id === kept)?.hidden).toBe(true);
		// Rebuilding twice changes nothing, and the rebuilt doc is saved.
		expect((await rebuildFromOwnLog(doc, id)).restored).toEqual([]);
		await persistence.destroy();
		const reopened = await open(id);
		expect(reopened.model.snapshot().contributions).toHaveLength(3);
		await reopened.persistence.destroy();
	});

	it('reports a full disk as storage.error.full, keeps the data and saves it on retry', async () => {
		const id = await newSessionId();
		const { model, persistence } = await open(id);
		must(model.addContribution({ activityId: 'board', text: 'avant' }));
		await persistence.flushed();
		const spy = vi.spyOn(database().updates, 'bulkAdd').mockRejectedValue(new DOMException('quota', 'QuotaExceededError'));
		const note = must(model.addContribution({ activityId: 'board', text: 'pendant la panne' }));
		await persistence.flushed();
		expect(persistence.status.state).toBe('error');
		expect(persistence.status.error?.key).toBe('storage.error.full');
		expect(persistence.status.pending).toBeGreaterThan(0);
		expect(model.contributions().map((c) => c.id)).toContain(note);
		// Still failing: still queued.
		must(model.addContribution({ activityId: 'board', text: 'encore' }));
		await persistence.retry();
		expect(persistence.status.state).toBe('error');
		spy.mockRestore();
		await persistence.retry();
		expect(persistence.status).toEqual({ state: 'saved', error: null, pending: 0 });
		await persistence.destroy();
		const reopened = await open(id);
		expect(reopened.model.snapshot().contributions.map((c) => c.text).sort()).toEqual(['avant', 'encore', 'pendant la panne']);
		await reopened.persistence.destroy();
	});

	it('retries a failed own-log write without writing the updates twice', async () => {
		const id = await newSessionId();
		const { model, persistence } = await open(id);
		const spy = vi.spyOn(database().ownLog, 'bulkAdd').mockRejectedValue(new Error('disk error'));
		const note = must(model.addContribution({ activityId: 'board', text: 'x' }));
		await persistence.flushed();
		expect(persistence.status.error?.key).toBe('storage.error.write');
		expect(await countUpdates(id)).toBe(1);
		spy.mockRestore();
		await persistence.retry();
		expect(persistence.status.state).toBe('saved');
		expect(await countUpdates(id)).toBe(1);
		expect((await loadOwnLog(id)).items.map((r) => r.contributionId)).toEqual([note]);
		await persistence.destroy();
	});

	it('skips damaged stored updates on load', async () => {
		const id = await newSessionId();
		const first = await open(id);
		must(first.model.addContribution({ activityId: 'board', text: 'ok' }));
		await first.persistence.destroy();
		await database().updates.add({ sessionId: id, update: new Uint8Array([255, 255, 255, 1]), at: 1 });
		await database().updates.add({ sessionId: id, update: 'not bytes', at: 1 } as never);
		const second = await open(id);
		expect(second.persistence.skippedOnLoad).toBe(2);
		expect(second.model.contributions().map((c) => c.text)).toEqual(['ok']);
		await second.persistence.destroy();
	});
});
