/**
 * The session trace, format `tablee-trace` version 1 (documented in docs/trace-format.md): one
 * JSON file holding everything a session produced, readable by people and spreadsheets, plus the
 * Yjs document state so that importing the file recreates the session exactly.
 *
 * A trace file is untrusted input: this schema is the only way in, with bounds on sizes and counts
 * so a hostile file cannot exhaust a tablet. Custom messages are `export.issue.*` keys.
 */
import * as v from 'valibot';
import { CHECKIN_PHASES, CONTRIBUTION_KINDS, TIMER_EVENT_TYPES } from '$lib/session';
import { LOCALES } from '$lib/i18n';

export const TRACE_FORMAT = 'tablee-trace';
export const TRACE_VERSION = 1;

/** Bounds on a trace file; generous for one workshop (a 5,000-note session is far below them). */
export const TRACE_LIMITS = {
	fileBytes: 60 * 1024 * 1024,
	contributions: 50_000,
	records: 200_000,
	text: 4000,
	name: 300
} as const;

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'export.issue.id'));
const OptId = v.nullable(Id);
const Time = v.pipe(v.number('export.issue.number'), v.integer('export.issue.number'), v.minValue(0, 'export.issue.number'));
const OptTime = v.nullable(Time);
const Text = (max: number = TRACE_LIMITS.text) => v.pipe(v.string('export.issue.string'), v.maxLength(max, 'export.issue.tooLong'));
const list = <T extends v.GenericSchema>(item: T, max: number = TRACE_LIMITS.records) =>
	v.pipe(v.array(item, 'export.issue.array'), v.maxLength(max, 'export.issue.tooMany'));

const Session = v.object({
	id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'export.issue.id')),
	title: Text(200),
	date: v.pipe(v.string(), v.regex(/^(?:\d{4}-\d{2}-\d{2})?$/, 'export.issue.date')),
	place: Text(200),
	facilitators: list(Text(100), 20),
	language: v.picklist(LOCALES, 'export.issue.language'),
	createdAt: Time
});

const Kit = v.object({
	id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'export.issue.id')),
	version: v.pipe(v.string(), v.regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}$/, 'export.issue.version')),
	hash: v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/=_-]{8,128}$/, 'export.issue.hash')),
	agendaId: Id
});

const AgendaEntry = v.object({
	activityId: Id,
	kind: Text(40),
	plannedMinutes: Time,
	extendedMinutes: Time,
	elapsedMs: Time,
	firstStartedAt: OptTime,
	lastEndedAt: OptTime,
	skipped: v.boolean(),
	runs: list(v.object({ startedAt: Time, endedAt: OptTime }), 1000)
});

const Contribution = v.object({
	id: Id,
	activityId: Id,
	stationId: OptId,
	categoryId: OptId,
	groupId: OptId,
	kind: v.picklist(CONTRIBUTION_KINDS, 'export.issue.kind'),
	text: Text(),
	authorId: Id,
	/** Present only when the organiser chose to include typed names. */
	authorName: v.nullable(Text(80)),
	deviceId: Id,
	createdAt: Time,
	editedAt: OptTime,
	hidden: v.boolean(),
	deleted: v.boolean(),
	themeId: OptId,
	mergedInto: OptId,
	answered: v.boolean(),
	onWall: v.boolean(),
	/** Counted dots on this note when it is the root of its merge chain (0 otherwise). */
	votes: Time
});

const Theme = v.object({ id: Id, activityId: Id, name: Text(120), deviceId: Id, createdAt: Time, editedAt: OptTime, deleted: v.boolean() });
const Group = v.object({ id: Id, name: Text(80), deviceId: Id, createdAt: Time, editedAt: OptTime, caseId: OptId });
const Vote = v.object({ id: Id, activityId: Id, contributionId: Id, voterId: Id, deviceId: Id, at: Time, withdrawnAt: OptTime, counted: v.boolean() });
/**
 * Who wrote group records (participant count). Added within version 1: optional, so traces made
 * before carry none and still read (their people are then not counted from these records).
 */
const AuthorIds = v.optional(list(Id, 50), () => [] as string[]);
const CardChoice = v.object({ groupId: Id, cardId: Id, other: v.boolean(), chosen: v.boolean(), at: Time, deviceId: Id, authorId: v.optional(OptId, null) });
const OtherCard = v.object({ id: Id, groupId: Id, title: Text(100), question: Text(500), deviceId: Id, createdAt: Time, editedAt: OptTime, authorIds: AuthorIds });
const CaseAnswer = v.object({
	groupId: Id,
	caseId: Id,
	questionId: Id,
	text: Text(),
	citedCards: list(Id, 50),
	deviceId: Id,
	createdAt: Time,
	editedAt: OptTime,
	authorIds: AuthorIds
});
/**
 * `activityId`: the check-in activity whose question the answer answered (the agenda's first
 * check-in for "start", its last for "end"); absent in traces from before kit format 2.
 */
const Checkin = v.object({
	participantId: Id,
	phase: v.picklist(CHECKIN_PHASES, 'export.issue.phase'),
	activityId: v.optional(OptId),
	value: Time,
	at: Time,
	deviceId: Id
});
const Reveal = v.object({ activityId: Id, at: Time, deviceId: Id });
const TimerEvent = v.object({
	id: Id,
	type: v.picklist(TIMER_EVENT_TYPES, 'export.issue.timerType'),
	at: Time,
	deviceId: Id,
	activityId: OptId,
	minutes: v.nullable(Time)
});
const ObserverNote = v.object({ id: Id, activityId: OptId, text: Text(), deviceId: Id, createdAt: Time, editedAt: OptTime, deleted: v.boolean() });
const FollowUp = v.object({ what: Text(4000), who: Text(300), when: Text(300), deviceId: Id, editedAt: Time });

export const TraceSchema = v.object({
	format: v.literal(TRACE_FORMAT, 'export.issue.format'),
	// Checked before the schema with a message per case (`versionIssue` in trace-parse.ts).
	version: v.literal(TRACE_VERSION, 'export.issue.invalid'),
	exportedAt: Time,
	privacy: v.object({ authorNames: v.boolean(), observerNotes: v.boolean() }),
	session: Session,
	kit: Kit,
	agenda: list(AgendaEntry, 100),
	contributions: list(Contribution, TRACE_LIMITS.contributions),
	themes: list(Theme),
	groups: list(Group, 1000),
	votes: list(Vote),
	cardChoices: list(CardChoice),
	otherCards: list(OtherCard),
	caseAnswers: list(CaseAnswer),
	checkins: list(Checkin),
	reveals: list(Reveal, 100),
	timerEvents: list(TimerEvent, 10_000),
	/** `null` when the organiser left observer notes out. */
	observerNotes: v.nullable(list(ObserverNote)),
	followUp: v.nullable(FollowUp),
	/**
	 * Base64 of `Y.encodeStateAsUpdate(doc)`: the session itself. `null` when privacy options
	 * removed something from the records (the document would still hold it).
	 */
	document: v.nullable(v.pipe(v.string('export.issue.string'), v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'export.issue.base64')))
});

export type Trace = v.InferOutput<typeof TraceSchema>;
export type TraceContribution = Trace['contributions'][number];
export type TraceAgendaEntry = Trace['agenda'][number];
