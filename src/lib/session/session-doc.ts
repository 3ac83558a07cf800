/**
 * Layout of a session's Y.Doc. One top-level shared type per kind of record; one map entry per
 * record, so concurrent writes to different records never conflict. Records that people edit
 * (contributions, themes, groups, other cards, case answers, observer notes) are nested Y.Maps:
 * each field is last-writer-wins on its own, so a facilitator hiding a note while its author fixes
 * a typo keeps both changes. Records that are replaced whole (votes, card choices, case picks,
 * check-ins, reveals) are plain JSON values. Timer actions are an append-only Y.Array.
 *
 * | name            | type                  | key                      | value            |
 * |-----------------|-----------------------|--------------------------|------------------|
 * | meta            | Y.Map                 | field                    | DocMeta fields   |
 * | contributions   | Y.Map<Y.Map>          | contribution id          | Contribution     |
 * | themes          | Y.Map<Y.Map>          | theme id                 | Theme            |
 * | groups          | Y.Map<Y.Map>          | group id                 | Group            |
 * | votes           | Y.Map<object>         | vote id                  | Vote             |
 * | cardChoices     | Y.Map<object>         | `${groupId}:${cardId}`   | CardChoice       |
 * | otherCards      | Y.Map<Y.Map>          | other-card id            | OtherCard        |
 * | caseAssignments | Y.Map<object>         | group id                 | CaseAssignment   |
 * | caseAnswers     | Y.Map<Y.Map>          | `${group}:${case}:${q}`  | CaseAnswer       |
 * | checkins        | Y.Map<object>         | `${participant}:${phase}`| Checkin          |
 * | reveals         | Y.Map<object>         | activity id              | Reveal           |
 * | observerNotes   | Y.Map<Y.Map>          | note id                  | ObserverNote     |
 * | timer           | Y.Array<object>       | (append order)           | TimerEvent       |
 *
 * The session's sync key is never stored in the doc.
 */
import * as Y from 'yjs';

export const DOC_FORMAT = 1;

export interface SessionMaps {
	meta: Y.Map<unknown>;
	contributions: Y.Map<unknown>;
	themes: Y.Map<unknown>;
	groups: Y.Map<unknown>;
	votes: Y.Map<unknown>;
	cardChoices: Y.Map<unknown>;
	otherCards: Y.Map<unknown>;
	caseAssignments: Y.Map<unknown>;
	caseAnswers: Y.Map<unknown>;
	checkins: Y.Map<unknown>;
	reveals: Y.Map<unknown>;
	observerNotes: Y.Map<unknown>;
	timer: Y.Array<unknown>;
}

/** The doc's shared types (created on first access, as Yjs does for top-level types). */
export function sessionMaps(doc: Y.Doc): SessionMaps {
	return {
		meta: doc.getMap('meta'),
		contributions: doc.getMap('contributions'),
		themes: doc.getMap('themes'),
		groups: doc.getMap('groups'),
		votes: doc.getMap('votes'),
		cardChoices: doc.getMap('cardChoices'),
		otherCards: doc.getMap('otherCards'),
		caseAssignments: doc.getMap('caseAssignments'),
		caseAnswers: doc.getMap('caseAnswers'),
		checkins: doc.getMap('checkins'),
		reveals: doc.getMap('reveals'),
		observerNotes: doc.getMap('observerNotes'),
		timer: doc.getArray('timer')
	};
}

/** A plain record as a nested Y.Map (null for absent optional fields). */
export function recordMap(fields: Record<string, string | number | boolean | null | readonly string[]>): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	for (const [key, value] of Object.entries(fields)) map.set(key, value);
	return map;
}

/** The nested Y.Map of a record, or undefined when absent or not a map (malformed). */
export function recordAt(map: Y.Map<unknown>, id: string): Y.Map<unknown> | undefined {
	const value = map.get(id);
	return value instanceof Y.Map ? value : undefined;
}

export function choiceKey(groupId: string, cardId: string): string {
	return `${groupId}:${cardId}`;
}

export function answerKey(groupId: string, caseId: string, questionId: string): string {
	return `${groupId}:${caseId}:${questionId}`;
}

export function checkinKey(participantId: string, phase: string): string {
	return `${participantId}:${phase}`;
}
