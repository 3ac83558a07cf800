/**
 * The organiser's follow-up commitments (what will be done with the results, by whom, when),
 * kept in the session's doc so every tablet and every export shares the same text. One nested
 * Y.Map `followUp` at the top level: each field is last-writer-wins on its own, so two organisers
 * editing "who" and "when" at once keep both changes.
 */
import * as v from 'valibot';
import * as Y from 'yjs';
import { RecordId } from './session-schema';
import { cleanText } from './session-context';
import { ok, type OpResult } from './session-result';

export const FOLLOW_UP_LIMITS = { what: 4000, who: 300, when: 300 } as const;

const Time = v.pipe(v.number(), v.integer(), v.minValue(0));
export const FollowUpSchema = v.object({
	what: v.pipe(v.string(), v.maxLength(FOLLOW_UP_LIMITS.what)),
	who: v.pipe(v.string(), v.maxLength(FOLLOW_UP_LIMITS.who)),
	when: v.pipe(v.string(), v.maxLength(FOLLOW_UP_LIMITS.when)),
	deviceId: RecordId,
	editedAt: Time
});
export type FollowUp = v.InferOutput<typeof FollowUpSchema>;
export type FollowUpInput = Pick<FollowUp, 'what' | 'who' | 'when'>;

function followUpMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('followUp');
}

/** The stored commitments, validated; `null` when never written or malformed. */
export function readFollowUp(doc: Y.Doc): FollowUp | null {
	const parsed = v.safeParse(FollowUpSchema, followUpMap(doc).toJSON());
	return parsed.success ? parsed.output : null;
}

/**
 * Writes the commitments (fields may be empty; each is trimmed and bounded). Only changed fields
 * are written, so saving twice creates no new history.
 */
export function writeFollowUp(
	doc: Y.Doc,
	input: FollowUpInput,
	by: { deviceId: string; now: () => number; origin?: unknown }
): OpResult {
	const clean: Record<keyof FollowUpInput, string> = { what: '', who: '', when: '' };
	for (const field of ['what', 'who', 'when'] as const) {
		const result = cleanText(input[field], FOLLOW_UP_LIMITS[field], true);
		if (!result.ok) return result;
		clean[field] = result.value;
	}
	const current = readFollowUp(doc);
	if (current && current.what === clean.what && current.who === clean.who && current.when === clean.when) return ok();
	doc.transact(() => {
		const map = followUpMap(doc);
		for (const field of ['what', 'who', 'when'] as const) if (map.get(field) !== clean[field]) map.set(field, clean[field]);
		map.set('deviceId', by.deviceId);
		map.set('editedAt', by.now());
	}, by.origin ?? null);
	return ok();
}
