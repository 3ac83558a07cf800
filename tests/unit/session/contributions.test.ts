import { describe, expect, it } from 'vitest';
import { makeModel, must } from './session-fixtures';

describe('contributions', () => {
	it('adds a contribution with all its fields', () => {
		const { model, clock } = makeModel();
		const id = must(model.addContribution({ activityId: 'stations', stationId: 's1', categoryId: 'themes', text: '  Transparence des données  ', kind: 'concern' }));
		const [c] = model.contributions();
		expect(c).toMatchObject({
			id,
			activityId: 'stations',
			stationId: 's1',
			categoryId: 'themes',
			groupId: null,
			kind: 'concern',
			text: 'Transparence des données',
			authorId: model.authorId,
			authorName: null,
			deviceId: 'device-aaaaaaaa',
			createdAt: clock.now(),
			editedAt: null,
			hidden: false,
			deleted: false,
			votes: 0,
			merged: []
		});
	});

	it('keeps a typed name only when given, and a per-participant author id', () => {
		const { model, clock } = makeModel();
		const participant = model.newParticipantId();
		must(model.addContribution({ activityId: 'board', text: 'Idée', authorId: participant, authorName: ' Ana ' }));
		clock.advance(1);
		must(model.addContribution({ activityId: 'board', text: 'Autre', authorName: '   ' }));
		const [a, b] = model.contributions();
		expect(a?.authorId).toBe(participant);
		expect(a?.authorName).toBe('Ana');
		expect(b?.authorName).toBeNull();
		expect(b?.authorId).toBe(model.authorId);
	});

	it('refuses bad input with typed refusals', () => {
		const { model } = makeModel();
		const reason = (r: ReturnType<typeof model.addContribution>) => (r.ok ? 'ok' : r.problem.detail);
		expect(reason(model.addContribution({ activityId: 'nope', text: 'x' }))).toBe('unknownActivity');
		expect(reason(model.addContribution({ activityId: 'stations', stationId: 's3', text: 'x' }))).toBe('unknownStation');
		expect(reason(model.addContribution({ activityId: 'stations', stationId: 's2', categoryId: 'themes', text: 'x' }))).toBe('unknownCategory');
		expect(reason(model.addContribution({ activityId: 'board', groupId: 'missing-group', text: 'x' }))).toBe('unknownGroup');
		expect(reason(model.addContribution({ activityId: 'board', text: '   ' }))).toBe('empty');
		const long = model.addContribution({ activityId: 'board', text: 'x'.repeat(2001) });
		expect(long.ok ? null : long.problem).toEqual({ key: 'session.refusal.tooLong', params: { max: 2000 }, detail: 'tooLong' });
		expect(model.contributions()).toHaveLength(0);
	});

	it('edits text and records the edit time', () => {
		const { model, clock } = makeModel();
		const id = must(model.addContribution({ activityId: 'board', text: 'Premier jet' }));
		clock.advance(5000);
		must(model.editContribution(id, 'Version corrigée'));
		expect(model.contributions()[0]).toMatchObject({ text: 'Version corrigée', editedAt: clock.now() });
		expect(model.editContribution('unknown-id', 'x').ok).toBe(false);
	});

	it('hides, unhides, soft-deletes and restores without removing anything', () => {
		const { model } = makeModel();
		const id = must(model.addContribution({ activityId: 'board', text: 'À modérer' }));
		must(model.hideContribution(id));
		expect(model.contributions()).toHaveLength(0);
		expect(model.contributions({ includeHidden: true })[0]?.hidden).toBe(true);
		must(model.unhideContribution(id));
		must(model.deleteContribution(id));
		expect(model.contributions()).toHaveLength(0);
		expect(model.contributions({ includeDeleted: true })[0]?.deleted).toBe(true);
		expect(model.countsByActivity().board).toMatchObject({ total: 0, deleted: 1 });
		must(model.restoreContribution(id));
		expect(model.contributions()).toHaveLength(1);
		expect(model.snapshot().contributions).toHaveLength(1);
	});

	it('groups notes into themes of their activity', () => {
		const { model, clock } = makeModel();
		const a = must(model.addContribution({ activityId: 'board', text: 'A' }));
		clock.advance(1);
		const b = must(model.addContribution({ activityId: 'board', text: 'B' }));
		const other = must(model.addContribution({ activityId: 'closing', text: 'C' }));
		const theme = must(model.createTheme('board', 'Confiance'));
		must(model.assignTheme(a, theme));
		const refused = model.assignTheme(other, theme);
		expect(refused.ok ? null : refused.problem.detail).toBe('themeActivity');
		must(model.renameTheme(theme, 'Confiance et transparence'));
		let view = model.themes('board');
		expect(view.themes).toEqual([expect.objectContaining({ id: theme, name: 'Confiance et transparence', votes: 0 })]);
		expect(view.themes[0]?.contributions.map((c) => c.id)).toEqual([a]);
		expect(view.unthemed.map((c) => c.id)).toEqual([b]);
		expect(model.contributions({ themeId: theme }).map((c) => c.id)).toEqual([a]);
		must(model.deleteTheme(theme));
		view = model.themes('board');
		expect(view.themes).toEqual([]);
		expect(view.unthemed.map((c) => c.id)).toEqual([a, b]);
		must(model.restoreTheme(theme));
		expect(model.themes('board').themes).toHaveLength(1);
		must(model.assignTheme(a, null));
		expect(model.contributions({ activityId: 'board', themeId: null })).toHaveLength(2);
	});

	it('merges duplicates softly, folding chains into a root and refusing cycles', () => {
		const { model } = makeModel();
		const a = must(model.addContribution({ activityId: 'board', text: 'Registre illisible' }));
		const b = must(model.addContribution({ activityId: 'board', text: 'Le registre est illisible' }));
		const c = must(model.addContribution({ activityId: 'board', text: 'Registre difficile à lire' }));
		const elsewhere = must(model.addContribution({ activityId: 'closing', text: 'x' }));
		must(model.mergeContribution(b, a));
		must(model.mergeContribution(c, b));
		expect(model.snapshot().contributions.find((x) => x.id === c)?.mergedInto).toBe(a);
		const reason = (r: ReturnType<typeof model.mergeContribution>) => (r.ok ? 'ok' : r.problem.detail);
		expect(reason(model.mergeContribution(a, c))).toBe('selfMerge');
		expect(reason(model.mergeContribution(a, a))).toBe('selfMerge');
		expect(reason(model.mergeContribution(a, elsewhere))).toBe('mergeActivity');
		const views = model.contributions({ activityId: 'board' });
		expect(views.map((v) => v.id)).toEqual([a]);
		expect(views[0]?.merged.sort()).toEqual([b, c].sort());
		expect(model.contributions({ activityId: 'board', includeMerged: true })).toHaveLength(3);
		must(model.unmergeContribution(b));
		expect(model.contributions({ activityId: 'board' }).map((v) => v.id).sort()).toEqual([a, b].sort());
	});

	it('marks questions answered and shown on the wall', () => {
		const { model } = makeModel();
		const q = must(model.addContribution({ activityId: 'board', kind: 'question', text: 'Qui décide ?' }));
		must(model.markAnswered(q));
		must(model.showOnWall(q));
		expect(model.contributions({ kind: 'question' })[0]).toMatchObject({ answered: true, onWall: true });
		must(model.markAnswered(q, false));
		must(model.showOnWall(q, false));
		expect(model.contributions({ kind: 'question' })[0]).toMatchObject({ answered: false, onWall: false });
	});

	it('counts contributions per activity, station, category and kind', () => {
		const { model } = makeModel();
		must(model.addContribution({ activityId: 'stations', stationId: 's1', categoryId: 'themes', text: 'a' }));
		must(model.addContribution({ activityId: 'stations', stationId: 's1', categoryId: 'concerns', text: 'b', kind: 'concern' }));
		must(model.addContribution({ activityId: 'stations', stationId: 's2', text: 'c' }));
		const hidden = must(model.addContribution({ activityId: 'stations', stationId: 's2', text: 'd' }));
		must(model.hideContribution(hidden));
		expect(model.countsByActivity()).toEqual({
			stations: {
				total: 3,
				hidden: 1,
				deleted: 0,
				byStation: { s1: 2, s2: 1 },
				byCategory: { themes: 1, concerns: 1 },
				byKind: { note: 2, concern: 1 }
			}
		});
		expect(model.contributions({ stationId: 's1', categoryId: 'concerns' }).map((c) => c.text)).toEqual(['b']);
	});

	it('hides other devices’ notes while an activity is silent, until revealed', () => {
		const { model, doc } = makeModel({ deviceId: 'device-mine0000' });
		const { model: other } = makeModel({ doc, deviceId: 'device-other000', seed: 2 });
		must(model.addContribution({ activityId: 'board', text: 'mine' }));
		must(other.addContribution({ activityId: 'board', text: 'theirs' }));
		must(other.addContribution({ activityId: 'closing', text: 'not silent' }));
		expect(model.isSilent('board')).toBe(true);
		expect(model.isSilent('closing')).toBe(false);
		expect(model.visibleContributions({ activityId: 'board' }).map((c) => c.text)).toEqual(['mine']);
		expect(model.visibleContributions({ activityId: 'closing' }).map((c) => c.text)).toEqual(['not silent']);
		expect(model.visibleContributions({ activityId: 'board' }, { deviceId: 'device-mine0000', seeAll: true })).toHaveLength(2);
		const refused = model.reveal('closing');
		expect(refused.ok ? null : refused.problem.detail).toBe('notSilent');
		must(other.reveal('board'));
		expect(model.isSilent('board')).toBe(false);
		expect(model.visibleContributions({ activityId: 'board' }).map((c) => c.text).sort()).toEqual(['mine', 'theirs']);
	});

	it('keeps observer notes apart, with soft delete', () => {
		const { model } = makeModel();
		const id = must(model.addObserverNote('Les experts monopolisent la parole', 'board'));
		must(model.editObserverNote(id, 'Deux experts monopolisent la parole'));
		expect(model.snapshot().observerNotes).toEqual([expect.objectContaining({ id, activityId: 'board', text: 'Deux experts monopolisent la parole', deleted: false })]);
		expect(model.contributions()).toHaveLength(0);
		must(model.deleteObserverNote(id));
		expect(model.snapshot().observerNotes[0]?.deleted).toBe(true);
		must(model.restoreObserverNote(id));
		expect(model.snapshot().observerNotes[0]?.deleted).toBe(false);
		expect(model.addObserverNote('x', 'nope').ok).toBe(false);
		expect(model.editObserverNote('missing', 'x').ok).toBe(false);
	});

	it('tags every write with the model origin and notifies observers', () => {
		const { model, doc } = makeModel();
		const origins: unknown[] = [];
		doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
		const changes: { local: boolean }[] = [];
		const off = model.observe((change) => changes.push(change));
		must(model.addContribution({ activityId: 'board', text: 'a' }));
		must(model.createGroup('Table 1'));
		off();
		must(model.addContribution({ activityId: 'board', text: 'b' }));
		expect(origins).toEqual([model, model, model]);
		expect(changes).toEqual([
			{ origin: model, local: true },
			{ origin: model, local: true }
		]);
	});
});
