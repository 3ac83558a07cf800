import { describe, expect, it } from 'vitest';
import { WALL_NOTE, wallGrid, wallPage } from '../../../src/lib/ui/wall/wall-pages';

const em = 24;
const size = (columns: number, rows: number) => ({
	width: columns * (WALL_NOTE.width + WALL_NOTE.gap) * em - WALL_NOTE.gap * em,
	height: rows * (WALL_NOTE.height + WALL_NOTE.gap) * em - WALL_NOTE.gap * em
});

describe('notes on the wall, one screen at a time', () => {
	it('counts the whole cards that fit, never less than one', () => {
		const { width, height } = size(5, 2);
		expect(wallGrid(width, height, em)).toEqual({ columns: 5, rows: 2 });
		expect(wallGrid(width - 1, height - 1, em)).toEqual({ columns: 4, rows: 1 });
		expect(wallGrid(0, 0, em)).toEqual({ columns: 1, rows: 1 });
	});

	it('pins notes put on the wall on every page and pages the others, newest first', () => {
		const others = Array.from({ length: 23 }, (_, i) => `n${i}`);
		const first = wallPage(['f1'], others, 10, 0);
		expect(first.shown).toEqual(['f1', ...others.slice(0, 9)]);
		expect(first).toMatchObject({ others: 14, pages: 3, page: 0 });
		const last = wallPage(['f1'], others, 10, 2);
		expect(last.shown).toEqual(['f1', 'n18', 'n19', 'n20', 'n21', 'n22']);
		expect(last.others).toBe(18);
		// Turns wrap around.
		expect(wallPage(['f1'], others, 10, 3).page).toBe(0);
	});

	it('shows everything on one page when it fits, and counts what cannot take turns', () => {
		expect(wallPage([], ['a', 'b'], 10, 4)).toEqual({ shown: ['a', 'b'], others: 0, pages: 1, page: 0 });
		const crowded = wallPage(['f1', 'f2', 'f3'], ['a'], 2, 0);
		expect(crowded).toEqual({ shown: ['f1', 'f2'], others: 2, pages: 1, page: 0 });
	});
});
