/**
 * The session as people recognise it, carried in the doc header next to `DocMeta`: the title,
 * place and date the facilitator typed, and when the take-home summary was first published.
 *
 * `DocMeta` (kit, agenda) is what a device needs to open the doc; these fields are what a person
 * needs to recognise the session, so a device joining by QR code can show "Atelier de Matane ·
 * Salle communautaire" before storing it, and a participant screen knows a summary is there to
 * take home. They live in the `meta` map under their own keys and are read leniently: an older app
 * never wrote them (empty), a peer's bad value is dropped, and `DocMeta`'s strict schema never
 * sees them, so a bad label can never make a doc unreadable.
 */
import type * as Y from 'yjs';
import { SESSION_FIELD_LIMITS } from '$lib/storage';

export interface SessionLabel {
	title: string;
	place: string;
	/** `YYYY-MM-DD`, or empty. */
	date: string;
	/** When a device of the session first published the take-home summary to the venue hub. */
	takeHomeAt: number | null;
}

export type SessionLabelPatch = Partial<Pick<SessionLabel, 'title' | 'place' | 'date'>>;

const KEYS = { title: 'label.title', place: 'label.place', date: 'label.date', takeHomeAt: 'label.takeHomeAt' } as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One line of plain text within `max` characters: control characters out, spaces collapsed. */
export function cleanLabelText(value: unknown, max: number): string {
	if (typeof value !== 'string') return '';
	return value.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max).trim();
}

export function readSessionLabel(meta: Y.Map<unknown>): SessionLabel {
	const date = meta.get(KEYS.date);
	const at = meta.get(KEYS.takeHomeAt);
	return {
		title: cleanLabelText(meta.get(KEYS.title), SESSION_FIELD_LIMITS.title),
		place: cleanLabelText(meta.get(KEYS.place), SESSION_FIELD_LIMITS.place),
		date: typeof date === 'string' && DATE.test(date) ? date : '',
		takeHomeAt: typeof at === 'number' && Number.isSafeInteger(at) && at > 0 ? at : null
	};
}

/** Writes the fields of `patch` that differ from the doc (call inside a transaction). */
export function writeSessionLabel(meta: Y.Map<unknown>, patch: SessionLabelPatch): void {
	const current = readSessionLabel(meta);
	const next = {
		title: patch.title === undefined ? undefined : cleanLabelText(patch.title, SESSION_FIELD_LIMITS.title),
		place: patch.place === undefined ? undefined : cleanLabelText(patch.place, SESSION_FIELD_LIMITS.place),
		date: patch.date === undefined ? undefined : DATE.test(patch.date) ? patch.date : ''
	};
	for (const field of ['title', 'place', 'date'] as const) {
		const value = next[field];
		if (value !== undefined && value !== current[field]) meta.set(KEYS[field], value);
	}
}

/** Records the first publication of the take-home summary; later ones change nothing. */
export function writeTakeHomePublished(meta: Y.Map<unknown>, at: number): boolean {
	if (readSessionLabel(meta).takeHomeAt !== null) return false;
	meta.set(KEYS.takeHomeAt, at);
	return true;
}
