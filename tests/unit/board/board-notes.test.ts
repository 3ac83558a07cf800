import { describe, expect, it } from 'vitest';
import type { ContributionView, Vote } from '$lib/session';
import { dotsOn, recentNotes, noteKind, silentSplit, themeSections } from '$lib/ui/board/board-notes';

function note(id: string, fields: Partial<ContributionView> = {}): ContributionView {
	return {
		id,
		activityId: 'a',
		stationId: null,
		categoryId: null,
		groupId: null,
		kind: 'note',
		text: id,
		authorId: 'author-1',
		authorName: null,
		deviceId: 'device-1',
		createdAt: 1,
		editedAt: null,
		hidden: false,
		deleted: false,
		themeId: null,
		mergedInto: null,
		answered: false,
		onWall: false,
		votes: 0,
		merged: [],
		...fields
	};
}

function vote(contributionId: string, voterId: string, activityId = 'a'): Vote {
	return { id: `${contributionId}-${voterId}-${Math.random()}`, activityId, contributionId, voterId, deviceId: 'd', at: 1, withdrawnAt: null };
}

describe('board notes', () => {
	it('writes questions for experts, dreams for dream activities, notes elsewhere', () => {
		expect(noteKind('experts')).toBe('question');
		expect(noteKind('dream')).toBe('dream');
		expect(noteKind('registry')).toBe('impression');
		expect(noteKind('board')).toBe('note');
		expect(noteKind('closing')).toBe('note');
	});

	it('splits silent notes by author, so two people on one device do not see each other', () => {
		const notes = [note('n1', { authorId: 'me' }), note('n2', { authorId: 'other' }), note('n3', { authorId: 'me', deviceId: 'device-2' })];
		const split = silentSplit(notes, 'me');
		expect(split.own.map((n) => n.id)).toEqual(['n1', 'n3']);
		expect(split.others).toBe(1);
	});

	it('groups notes by live themes in order, unthemed last; notes of a removed theme read as unthemed', () => {
		const notes = [note('n1', { themeId: 't2' }), note('n2'), note('n3', { themeId: 't1' }), note('n4', { themeId: 'gone' })];
		const sections = themeSections(notes, [
			{ id: 't1', name: 'Santé' },
			{ id: 't2', name: 'École' },
			{ id: 't3', name: 'Vide' }
		]);
		expect(sections.map((s) => [s.themeId, s.notes.map((n) => n.id)])).toEqual([
			['t1', ['n3']],
			['t2', ['n1']],
			[null, ['n2', 'n4']]
		]);
		expect(themeSections(notes, [{ id: 't3', name: 'Vide' }], true).map((s) => s.themeId)).toEqual(['t3', null]);
		expect(themeSections([], [])).toEqual([{ themeId: null, name: null, notes: [] }]);
	});

	it('counts one person’s dots on a note and on the notes merged into it', () => {
		const target = note('n1', { merged: ['n2'] });
		const votes = [vote('n1', 'me'), vote('n2', 'me'), vote('n1', 'other'), vote('n1', 'me', 'b'), vote('n3', 'me')];
		expect(dotsOn(votes, 'me', target)).toBe(2);
		expect(dotsOn(votes, 'other', target)).toBe(1);
	});
});

describe('recentNotes', () => {
	const section = (themeId: string | null, count: number, from = 0) => ({
		themeId,
		name: themeId,
		notes: Array.from({ length: count }, (_, i) => ({ id: `n${from + i}` }) as ContributionView)
	});

	it('keeps the most recent notes across sections, in board order, and counts the older ones', () => {
		const page = recentNotes([section('a', 3), section('b', 4, 3), section(null, 2, 7)], 5);
		expect(page.sections.map((s) => s.notes.map((n) => n.id))).toEqual([[], ['n4', 'n5', 'n6'], ['n7', 'n8']]);
		expect(page.sections.map((s) => s.total)).toEqual([3, 4, 2]);
		expect(page.hidden).toBe(4);
	});

	it('hides nothing when everything fits, and everything with no room', () => {
		expect(recentNotes([section('a', 2)], 60).hidden).toBe(0);
		expect(recentNotes([section('a', 2)], 0)).toEqual({ sections: [{ themeId: 'a', name: 'a', notes: [], total: 2 }], hidden: 2 });
	});
});
