/**
 * Shapes of every record stored in a session's Y.Doc, as valibot schemas. Peers are untrusted
 * (any device holding the session key can write anything), so every entry read from the doc is
 * parsed with these schemas and malformed entries are skipped, never shown or exported.
 *
 * Optional fields are stored as `null` (Yjs maps cannot hold `undefined`) and read back as `null`.
 */
import * as v from 'valibot';

/** Kinds of contribution; the activity screen decides which it writes. */
export const CONTRIBUTION_KINDS = ['note', 'inspiration', 'concern', 'question', 'impression', 'dream', 'answer'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

export const CHECKIN_PHASES = ['start', 'end'] as const;
export type CheckinPhase = (typeof CHECKIN_PHASES)[number];

/** Bounds on what one record may hold; writes over them are refused, reads over them skipped. */
export const SESSION_LIMITS = {
	text: 2000,
	authorName: 80,
	themeName: 120,
	groupName: 80,
	otherCardTitle: 100,
	otherCardQuestion: 500,
	caseAnswer: 4000,
	citedCards: 50,
	/** People recorded on one group record (its writers and editors). */
	authorIds: 50,
	observerNote: 4000,
	extendMinutes: 120
} as const;

/** Ids this module creates (base64url) and kit ids (lowercase, dashes). */
export const RecordId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/));
const Time = v.pipe(v.number(), v.integer(), v.minValue(0));
const OptId = v.nullish(RecordId, null);
const OptTime = v.nullish(Time, null);
const Flag = v.nullish(v.boolean(), false);
const Bounded = (max: number) => v.pipe(v.string(), v.maxLength(max));
/**
 * The pseudonymous people who wrote a group record. Absent on records written before it existed
 * (read as an empty list): those people are then not counted as participants.
 */
const AuthorIds = v.nullish(v.pipe(v.array(RecordId), v.maxLength(SESSION_LIMITS.authorIds)), () => [] as string[]);

export const ContributionSchema = v.object({
	activityId: RecordId,
	stationId: OptId,
	categoryId: OptId,
	groupId: OptId,
	kind: v.picklist(CONTRIBUTION_KINDS),
	text: Bounded(SESSION_LIMITS.text),
	/** Random per device or participant; never a name. */
	authorId: RecordId,
	/** Only when the participant typed a name. */
	authorName: v.nullish(Bounded(SESSION_LIMITS.authorName), null),
	deviceId: RecordId,
	createdAt: Time,
	editedAt: OptTime,
	hidden: Flag,
	deleted: Flag,
	themeId: OptId,
	mergedInto: OptId,
	answered: Flag,
	onWall: Flag
});
export type Contribution = v.InferOutput<typeof ContributionSchema> & { id: string };

export const ThemeSchema = v.object({
	activityId: RecordId,
	name: Bounded(SESSION_LIMITS.themeName),
	deviceId: RecordId,
	createdAt: Time,
	editedAt: OptTime,
	deleted: Flag
});
export type Theme = v.InferOutput<typeof ThemeSchema> & { id: string };

export const GroupSchema = v.object({
	name: Bounded(SESSION_LIMITS.groupName),
	deviceId: RecordId,
	createdAt: Time,
	editedAt: OptTime
});
export type Group = v.InferOutput<typeof GroupSchema> & { id: string };

export const VoteSchema = v.object({
	activityId: RecordId,
	contributionId: RecordId,
	voterId: RecordId,
	deviceId: RecordId,
	at: Time,
	withdrawnAt: OptTime
});
export type Vote = v.InferOutput<typeof VoteSchema> & { id: string };

/** One card of the grid (or an "other" card) chosen or unchosen by a group; keyed group:card. */
export const CardChoiceSchema = v.object({
	groupId: RecordId,
	cardId: RecordId,
	/** True when `cardId` is one of the group's "other" cards, false for a kit grid card. */
	other: v.boolean(),
	chosen: v.boolean(),
	at: Time,
	deviceId: RecordId,
	/** The person who made the choice as it stands (kept or put back); null on older records. */
	authorId: OptId
});
export type CardChoice = v.InferOutput<typeof CardChoiceSchema>;

export const OtherCardSchema = v.object({
	groupId: RecordId,
	title: Bounded(SESSION_LIMITS.otherCardTitle),
	question: Bounded(SESSION_LIMITS.otherCardQuestion),
	deviceId: RecordId,
	createdAt: Time,
	editedAt: OptTime,
	authorIds: AuthorIds
});
export type OtherCard = v.InferOutput<typeof OtherCardSchema> & { id: string };

/** The case a group works on; keyed by group id (last choice wins). */
export const CaseAssignmentSchema = v.object({ caseId: RecordId, at: Time, deviceId: RecordId });
export type CaseAssignment = v.InferOutput<typeof CaseAssignmentSchema> & { groupId: string };

/** A group's answer to one question of a case; keyed group:case:question. */
export const CaseAnswerSchema = v.object({
	groupId: RecordId,
	caseId: RecordId,
	questionId: RecordId,
	text: Bounded(SESSION_LIMITS.caseAnswer),
	citedCards: v.pipe(v.array(RecordId), v.maxLength(SESSION_LIMITS.citedCards)),
	deviceId: RecordId,
	createdAt: Time,
	editedAt: OptTime,
	authorIds: AuthorIds
});
export type CaseAnswer = v.InferOutput<typeof CaseAnswerSchema>;

/** One participant's check-in value for one phase; keyed participant:phase. */
export const CheckinSchema = v.object({
	participantId: RecordId,
	phase: v.picklist(CHECKIN_PHASES),
	value: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100)),
	at: Time,
	deviceId: RecordId
});
export type Checkin = v.InferOutput<typeof CheckinSchema>;

/** A silent activity revealed by the facilitator; keyed by activity id. */
export const RevealSchema = v.object({ at: Time, deviceId: RecordId });
export type Reveal = v.InferOutput<typeof RevealSchema> & { activityId: string };

export const ObserverNoteSchema = v.object({
	activityId: OptId,
	text: Bounded(SESSION_LIMITS.observerNote),
	deviceId: RecordId,
	createdAt: Time,
	editedAt: OptTime,
	deleted: Flag
});
export type ObserverNote = v.InferOutput<typeof ObserverNoteSchema> & { id: string };

export const TIMER_EVENT_TYPES = ['start', 'pause', 'resume', 'extend', 'next', 'goto'] as const;
export type TimerEventType = (typeof TIMER_EVENT_TYPES)[number];

/**
 * One facilitator action on the agenda clock. `activityId` is the activity the action targets
 * (for `next`: the activity being left, so two devices pressing "next" at once skip only one).
 */
export const TimerEventSchema = v.object({
	id: RecordId,
	type: v.picklist(TIMER_EVENT_TYPES),
	at: Time,
	deviceId: RecordId,
	activityId: OptId,
	minutes: v.nullish(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(SESSION_LIMITS.extendMinutes)), null)
});
export type TimerEvent = v.InferOutput<typeof TimerEventSchema>;

/** The doc's header: which session and kit it belongs to. The kit is referenced, never copied. */
export const DocMetaSchema = v.object({
	format: v.literal(1),
	sessionId: RecordId,
	kitId: RecordId,
	kitVersion: v.pipe(v.string(), v.maxLength(20)),
	kitHash: v.pipe(v.string(), v.maxLength(128)),
	agendaId: RecordId,
	createdAt: Time
});
export type DocMeta = v.InferOutput<typeof DocMetaSchema>;
