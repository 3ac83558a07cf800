/**
 * Group work and participant input: groups, dot votes, the card game, fictional cases and the
 * check-in scale. Limits from the kit (dot budget, cards kept, blank cards) are enforced here and
 * answered with typed refusals.
 */
import { answerKey, checkinKey, choiceKey, recordAt, recordMap } from './session-doc';
import { findActivity } from './session-plan';
import { SESSION_LIMITS, type CheckinPhase, CHECKIN_PHASES } from './session-schema';
import { ok, refuse, type OpResult } from './session-result';
import { assertId, cleanText, write, type OpContext } from './session-context';
import { countedVotes, mergeRoot } from './session-views';

/** Creates a group (a table of participants); returns its id. */
export function createGroup(ctx: OpContext, name: string): OpResult<string> {
	const clean = cleanText(name, SESSION_LIMITS.groupName);
	if (!clean.ok) return clean;
	const id = ctx.newId();
	write(ctx, () => {
		ctx.maps.groups.set(id, recordMap({ name: clean.value, deviceId: ctx.deviceId, createdAt: ctx.now(), editedAt: null }));
	});
	return ok(id);
}

export function renameGroup(ctx: OpContext, id: string, name: string): OpResult {
	const clean = cleanText(name, SESSION_LIMITS.groupName);
	if (!clean.ok) return clean;
	const record = recordAt(ctx.maps.groups, id);
	if (!record || !ctx.snapshot().groups.some((g) => g.id === id)) return refuse('unknownGroup');
	write(ctx, () => {
		record.set('name', clean.value);
		record.set('editedAt', ctx.now());
	});
	return ok();
}

export interface VoteInput {
	activityId: string;
	contributionId: string;
	/** Anonymous participant id: the dot budget is per participant. */
	voterId: string;
}

/**
 * Places one dot. A participant may stack dots on one contribution; the total per activity is
 * the activity's `dots`. A dot on a merged duplicate goes to the contribution it was merged into.
 * Returns the vote id.
 */
export function vote(ctx: OpContext, input: VoteInput): OpResult<string> {
	assertId(input.voterId, 'voter id');
	const activity = findActivity(ctx.plan, input.activityId);
	if (!activity) return refuse('unknownActivity');
	const dots = activity.dots ?? 0;
	if (dots === 0) return refuse('votingClosed');
	const snapshot = ctx.snapshot();
	const byId = new Map(snapshot.contributions.map((c) => [c.id, c]));
	if (!byId.has(input.contributionId)) return refuse('unknownContribution');
	const target = byId.get(mergeRoot(byId, input.contributionId))!;
	if (target.activityId !== activity.id || target.hidden || target.deleted) return refuse('notVotable');
	const used = countedVotes(snapshot, ctx.plan).filter((v) => v.activityId === activity.id && v.voterId === input.voterId).length;
	if (used >= dots) return refuse('overBudget', { dots });
	const id = ctx.newId();
	write(ctx, () => {
		ctx.maps.votes.set(id, {
			activityId: activity.id,
			contributionId: target.id,
			voterId: input.voterId,
			deviceId: ctx.deviceId,
			at: ctx.now(),
			withdrawnAt: null
		});
	});
	return ok(id);
}

/** Takes back the participant's most recent dot on a contribution (or on its merge root). */
export function unvote(ctx: OpContext, input: VoteInput): OpResult {
	assertId(input.voterId, 'voter id');
	const snapshot = ctx.snapshot();
	const byId = new Map(snapshot.contributions.map((c) => [c.id, c]));
	const root = byId.has(input.contributionId) ? mergeRoot(byId, input.contributionId) : input.contributionId;
	const mine = countedVotes(snapshot, ctx.plan).filter(
		(v) =>
			v.activityId === input.activityId &&
			v.voterId === input.voterId &&
			(v.contributionId === input.contributionId || (byId.has(v.contributionId) && mergeRoot(byId, v.contributionId) === root))
	);
	const last = mine.at(-1);
	if (!last) return refuse('noVote');
	const { id, ...record } = last;
	write(ctx, () => {
		ctx.maps.votes.set(id, { ...record, withdrawnAt: ctx.now() });
	});
	return ok();
}

/** True when `cardId` is a kit grid card, or one of this group's "other" cards. */
function cardKind(ctx: OpContext, groupId: string, cardId: string): 'kit' | 'other' | null {
	if (ctx.plan.grid?.cards.has(cardId)) return 'kit';
	return ctx.snapshot().otherCards.some((o) => o.id === cardId && o.groupId === groupId) ? 'other' : null;
}

function hasGroup(ctx: OpContext, groupId: string): boolean {
	return ctx.snapshot().groups.some((g) => g.id === groupId);
}

/** The person acting (a participant id from the screen), or the device's default author. */
function person(ctx: OpContext, authorId: string | undefined): string {
	const id = authorId ?? ctx.authorId;
	assertId(id, 'author id');
	return id;
}

/** `ids` plus `id`, at most `SESSION_LIMITS.authorIds` (the first writers are kept). */
function withAuthor(ids: readonly string[], id: string): string[] {
	return ids.includes(id) || ids.length >= SESSION_LIMITS.authorIds ? [...ids] : [...ids, id];
}

/**
 * A group keeps a card; refused once the group holds the kit's `keep` count. `authorId` is the
 * person at the screen (participant count); the device's author when omitted.
 */
export function chooseCard(ctx: OpContext, groupId: string, cardId: string, authorId?: string): OpResult {
	const by = person(ctx, authorId);
	const grid = ctx.plan.grid;
	if (!grid) return refuse('noGrid');
	if (!hasGroup(ctx, groupId)) return refuse('unknownGroup');
	const kind = cardKind(ctx, groupId, cardId);
	if (!kind) return refuse('unknownCard');
	const choices = ctx.snapshot().cardChoices.filter((c) => c.groupId === groupId && c.chosen);
	if (choices.some((c) => c.cardId === cardId)) return ok();
	if (choices.length >= grid.keep) return refuse('keepFull', { keep: grid.keep });
	write(ctx, () => {
		ctx.maps.cardChoices.set(choiceKey(groupId, cardId), { groupId, cardId, other: kind === 'other', chosen: true, at: ctx.now(), deviceId: ctx.deviceId, authorId: by });
	});
	return ok();
}

/** A group puts a card back (the choice record stays, marked unchosen). */
export function unchooseCard(ctx: OpContext, groupId: string, cardId: string, authorId?: string): OpResult {
	const by = person(ctx, authorId);
	if (!hasGroup(ctx, groupId)) return refuse('unknownGroup');
	const choice = ctx.snapshot().cardChoices.find((c) => c.groupId === groupId && c.cardId === cardId && c.chosen);
	if (!choice) return ok();
	write(ctx, () => {
		ctx.maps.cardChoices.set(choiceKey(groupId, cardId), { ...choice, chosen: false, at: ctx.now(), deviceId: ctx.deviceId, authorId: by });
	});
	return ok();
}

export interface OtherCardInput {
	title?: string;
	question?: string;
	/** The person writing (participant count); the device's author when omitted. */
	authorId?: string;
}

/** Writes one of the group's blank "other" cards (not chosen automatically); returns its id. */
export function writeOtherCard(ctx: OpContext, groupId: string, input: OtherCardInput): OpResult<string> {
	const by = person(ctx, input.authorId);
	const grid = ctx.plan.grid;
	if (!grid) return refuse('noGrid');
	if (!hasGroup(ctx, groupId)) return refuse('unknownGroup');
	const title = cleanText(input.title ?? '', SESSION_LIMITS.otherCardTitle, true);
	if (!title.ok) return title;
	const question = cleanText(input.question ?? '', SESSION_LIMITS.otherCardQuestion, true);
	if (!question.ok) return question;
	if (title.value === '' && question.value === '') return refuse('empty');
	const written = ctx.snapshot().otherCards.filter((o) => o.groupId === groupId).length;
	if (written >= grid.blankCards) return refuse('blankCardsUsed', { count: grid.blankCards });
	const id = ctx.newId();
	write(ctx, () => {
		ctx.maps.otherCards.set(
			id,
			recordMap({ groupId, title: title.value, question: question.value, deviceId: ctx.deviceId, createdAt: ctx.now(), editedAt: null, authorIds: [by] })
		);
	});
	return ok(id);
}

export function editOtherCard(ctx: OpContext, id: string, input: OtherCardInput): OpResult {
	const by = person(ctx, input.authorId);
	const current = ctx.snapshot().otherCards.find((o) => o.id === id);
	const record = recordAt(ctx.maps.otherCards, id);
	if (!current || !record) return refuse('unknownCard');
	const title = cleanText(input.title ?? current.title, SESSION_LIMITS.otherCardTitle, true);
	if (!title.ok) return title;
	const question = cleanText(input.question ?? current.question, SESSION_LIMITS.otherCardQuestion, true);
	if (!question.ok) return question;
	if (title.value === '' && question.value === '') return refuse('empty');
	write(ctx, () => {
		record.set('title', title.value);
		record.set('question', question.value);
		record.set('editedAt', ctx.now());
		record.set('authorIds', withAuthor(current.authorIds, by));
	});
	return ok();
}

/** A group picks the fictional case it works on (a later pick replaces it; answers are kept). */
export function chooseCase(ctx: OpContext, groupId: string, caseId: string): OpResult {
	if (!hasGroup(ctx, groupId)) return refuse('unknownGroup');
	if (!ctx.plan.cases.has(caseId)) return refuse('unknownCase');
	write(ctx, () => {
		ctx.maps.caseAssignments.set(groupId, { caseId, at: ctx.now(), deviceId: ctx.deviceId });
	});
	return ok();
}

export interface CaseAnswerInput {
	groupId: string;
	caseId: string;
	questionId: string;
	/** May be empty (an answer being cleared). */
	text: string;
	/** Cards the answer builds on: kit card ids or the group's "other" card ids. */
	citedCards?: readonly string[];
	/** The person writing (participant count); the device's author when omitted. */
	authorId?: string;
}

/** Writes or rewrites a group's answer to a question of its case. */
export function answerCaseQuestion(ctx: OpContext, input: CaseAnswerInput): OpResult {
	const { groupId, caseId, questionId } = input;
	const by = person(ctx, input.authorId);
	if (!hasGroup(ctx, groupId)) return refuse('unknownGroup');
	const questions = ctx.plan.cases.get(caseId);
	if (!questions) return refuse('unknownCase');
	if (!questions.includes(questionId)) return refuse('unknownQuestion');
	if (ctx.snapshot().caseAssignments.find((a) => a.groupId === groupId)?.caseId !== caseId) return refuse('caseNotChosen');
	const text = cleanText(input.text, SESSION_LIMITS.caseAnswer, true);
	if (!text.ok) return text;
	const cited = [...new Set(input.citedCards ?? [])];
	if (cited.length > SESSION_LIMITS.citedCards || cited.some((c) => cardKind(ctx, groupId, c) === null)) return refuse('unknownCard');
	const key = answerKey(groupId, caseId, questionId);
	const existing = recordAt(ctx.maps.caseAnswers, key);
	const valid = ctx.snapshot().caseAnswers.find((a) => a.groupId === groupId && a.caseId === caseId && a.questionId === questionId);
	write(ctx, () => {
		if (existing && valid) {
			existing.set('text', text.value);
			existing.set('citedCards', cited);
			existing.set('deviceId', ctx.deviceId);
			existing.set('editedAt', ctx.now());
			existing.set('authorIds', withAuthor(valid.authorIds, by));
		} else {
			ctx.maps.caseAnswers.set(
				key,
				recordMap({ groupId, caseId, questionId, text: text.value, citedCards: cited, deviceId: ctx.deviceId, createdAt: ctx.now(), editedAt: null, authorIds: [by] })
			);
		}
	});
	return ok();
}

export interface CheckinInput {
	participantId: string;
	phase: CheckinPhase;
	/** A value of the kit's check-in scale. */
	value: number;
}

/** Records (or changes) a participant's answer on the check-in scale for a phase. */
export function recordCheckin(ctx: OpContext, input: CheckinInput): OpResult {
	assertId(input.participantId, 'participant id');
	if (!CHECKIN_PHASES.includes(input.phase)) throw new RangeError(`Invalid check-in phase: ${String(input.phase)}`);
	if (ctx.plan.checkinScale.length === 0) return refuse('noCheckin');
	if (!ctx.plan.checkinScale.includes(input.value)) return refuse('unknownValue');
	write(ctx, () => {
		ctx.maps.checkins.set(checkinKey(input.participantId, input.phase), {
			participantId: input.participantId,
			phase: input.phase,
			value: input.value,
			at: ctx.now(),
			deviceId: ctx.deviceId
		});
	});
	return ok();
}
