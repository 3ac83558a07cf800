import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FOLLOW_UP_LIMITS, readFollowUp, writeFollowUp } from '$lib/session';

describe('follow-up commitments in the session doc', () => {
	it('are shared by every device holding the doc, field by field', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		expect(readFollowUp(a)).toBeNull();
		expect(writeFollowUp(a, { what: '  Publier le bilan  ', who: 'Le comité', when: '' }, { deviceId: 'tablet-a', now: () => 10 }).ok).toBe(true);
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		// Two organisers edit different fields at once: both changes survive the merge.
		writeFollowUp(a, { what: 'Publier le bilan', who: 'Le comité', when: 'En décembre' }, { deviceId: 'tablet-a', now: () => 20 });
		writeFollowUp(b, { what: 'Publier le bilan', who: 'La bibliothèque', when: '' }, { deviceId: 'tablet-b', now: () => 21 });
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		expect(readFollowUp(a)).toMatchObject({ what: 'Publier le bilan', who: 'La bibliothèque', when: 'En décembre' });
		expect(readFollowUp(b)).toMatchObject({ what: 'Publier le bilan', who: 'La bibliothèque', when: 'En décembre' });
	});

	it('refuses text over the limits and writes nothing when unchanged', () => {
		const doc = new Y.Doc();
		const result = writeFollowUp(doc, { what: 'x'.repeat(FOLLOW_UP_LIMITS.what + 1), who: '', when: '' }, { deviceId: 'tablet-a', now: () => 1 });
		expect(result).toMatchObject({ ok: false, problem: { key: 'session.refusal.tooLong', detail: 'tooLong' } });
		expect(readFollowUp(doc)).toBeNull();
		writeFollowUp(doc, { what: 'a', who: 'b', when: 'c' }, { deviceId: 'tablet-a', now: () => 1 });
		let updates = 0;
		doc.on('update', () => updates++);
		writeFollowUp(doc, { what: 'a', who: 'b', when: 'c' }, { deviceId: 'tablet-a', now: () => 2 });
		expect(updates).toBe(0);
	});
});
