/**
 * Who took part, counted the same way on every screen and in every export: the distinct
 * pseudonymous ids found on what people entered. A shared station tablet gives each person their
 * own id ("hand the tablet to someone else"), so one tablet can stand for several people; a person
 * who entered nothing has no id anywhere and is not counted.
 *
 * The rule (stated in the bilan): an id counts once when it is on
 * - a note that is not deleted (deleted notes are often tests or removed by moderation),
 * - a dot that was not withdrawn,
 * - a check-in answer (start or end),
 * - a card a group keeps (the person who kept it),
 * - an "other" card or a non-empty case answer (everyone who wrote or edited it).
 * Records written before group records carried ids have none: those people are not counted.
 *
 * Typed structurally so that a session snapshot and an exported trace both fit.
 */
export interface ParticipationRecords {
	contributions: readonly { authorId: string; deleted: boolean }[];
	votes: readonly { voterId: string; withdrawnAt: number | null }[];
	checkins: readonly { participantId: string }[];
	cardChoices: readonly { chosen: boolean; authorId?: string | null }[];
	otherCards: readonly { authorIds?: readonly string[] }[];
	caseAnswers: readonly { text: string; authorIds?: readonly string[] }[];
}

/** The distinct participant ids under the rule above. */
export function participantIds(records: ParticipationRecords): Set<string> {
	const ids = new Set<string>();
	for (const c of records.contributions) if (!c.deleted) ids.add(c.authorId);
	for (const v of records.votes) if (v.withdrawnAt === null) ids.add(v.voterId);
	for (const c of records.checkins) ids.add(c.participantId);
	for (const c of records.cardChoices) if (c.chosen && c.authorId) ids.add(c.authorId);
	for (const o of records.otherCards) for (const id of o.authorIds ?? []) ids.add(id);
	for (const a of records.caseAnswers) if (a.text.trim() !== '') for (const id of a.authorIds ?? []) ids.add(id);
	return ids;
}

/** How many people took part (see `participantIds`). */
export function participantCount(records: ParticipationRecords): number {
	return participantIds(records).size;
}
