import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpResult } from '$lib/session';
import { AnswerDraft, type AnswerValue } from '$lib/ui/games/answer-draft.svelte';

/** A store that behaves like the session op: it trims, and refuses texts over 10 characters. */
function store() {
	const writes: AnswerValue[] = [];
	let stored: AnswerValue = { text: '', citedCards: [] };
	const write = (value: AnswerValue): OpResult => {
		const text = value.text.trim();
		if (text.length > 10) return { ok: false, problem: { key: 'session.refusal.tooLong', params: { max: 10 }, detail: 'tooLong' } };
		stored = { text, citedCards: [...value.citedCards] };
		writes.push(stored);
		return { ok: true, value: undefined };
	};
	return { writes, write, stored: () => stored };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('AnswerDraft', () => {
	it('writes once after a pause in typing, not on every key', () => {
		const s = store();
		const draft = new AnswerDraft({ write: s.write, initial: { text: '', citedCards: [] }, delay: 500 });
		for (const text of ['U', 'Un', 'Un c', 'Un co']) {
			draft.input(text);
			vi.advanceTimersByTime(200);
		}
		expect(s.writes).toEqual([]);
		expect(draft.pending).toBe(true);
		vi.advanceTimersByTime(300);
		expect(s.writes).toEqual([{ text: 'Un co', citedCards: [] }]);
		expect(draft.pending).toBe(false);
	});

	it('writes at once when a card is ticked or the field is left', () => {
		const s = store();
		const draft = new AnswerDraft({ write: s.write, initial: { text: 'Oui', citedCards: [] }, delay: 500 });
		draft.toggleCite('card-a');
		expect(s.stored()).toEqual({ text: 'Oui', citedCards: ['card-a'] });
		draft.input('Non');
		draft.flush();
		expect(s.stored()).toEqual({ text: 'Non', citedCards: ['card-a'] });
		draft.toggleCite('card-a');
		expect(s.stored().citedCards).toEqual([]);
		vi.advanceTimersByTime(1000);
		expect(s.writes).toHaveLength(3);
	});

	it('keeps the space just typed when its own trimmed write comes back', () => {
		const s = store();
		const draft = new AnswerDraft({ write: s.write, initial: { text: '', citedCards: [] }, delay: 500 });
		draft.input('Un ');
		vi.advanceTimersByTime(500);
		draft.adopt(s.stored());
		expect(draft.text).toBe('Un ');
	});

	it('takes in another tablet’s answer only when nothing is pending here', () => {
		const s = store();
		const draft = new AnswerDraft({ write: s.write, initial: { text: '', citedCards: [] }, delay: 500 });
		draft.input('Ici');
		draft.adopt({ text: 'Là-bas', citedCards: ['x'] });
		expect(draft.text).toBe('Ici');
		vi.advanceTimersByTime(500);
		draft.adopt({ text: 'Là-bas', citedCards: ['x'] });
		expect(draft.text).toBe('Là-bas');
		expect(draft.cited).toEqual(['x']);
	});

	it('keeps a refused text on screen and pending, with the reason', () => {
		const s = store();
		const draft = new AnswerDraft({ write: s.write, initial: { text: '', citedCards: [] }, delay: 500 });
		draft.input('Beaucoup trop long');
		vi.advanceTimersByTime(500);
		expect(s.writes).toEqual([]);
		expect(draft.refusal?.detail).toBe('tooLong');
		expect(draft.pending).toBe(true);
		draft.adopt({ text: '', citedCards: [] });
		expect(draft.text).toBe('Beaucoup trop long');
		draft.input('Court');
		draft.flush();
		expect(draft.refusal).toBeNull();
		expect(s.stored().text).toBe('Court');
	});
});
