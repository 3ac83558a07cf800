/**
 * Builds a session trace from what a device holds: the stored session row, the kit manifest and
 * the session's Y.Doc. Pure (no storage, no DOM): the same inputs give the same trace.
 */
import * as Y from 'yjs';
import { toBase64 } from 'lib0/buffer';
import {
	countedVotes,
	deriveTimer,
	planFor,
	checkinActivityOf,
	readFollowUp,
	readSnapshot,
	voteCounts,
	type SessionKit,
	type SessionPlan,
	type SessionSnapshot
} from '$lib/session';
import type { SessionRecord } from '$lib/storage';
import { TRACE_FORMAT, TRACE_VERSION, type Trace } from './trace-schema';

/** The session metadata a trace carries (never the sync key). */
export type TraceSessionInfo = Pick<SessionRecord, 'id' | 'title' | 'date' | 'place' | 'facilitators' | 'language' | 'createdAt' | 'kit' | 'agendaId'>;

/** Privacy choices (Québec Law 25): both off by default, so exports are pseudonymous. */
export interface PrivacyOptions {
	/** Include names participants typed on their notes. */
	authorNames?: boolean;
	/** Include the facilitators' observer notes. */
	observerNotes?: boolean;
}

export interface BuildTraceOptions {
	session: TraceSessionInfo;
	kit: SessionKit;
	doc: Y.Doc;
	privacy?: PrivacyOptions;
	/** Export time, also the "now" of a still-running agenda clock. */
	exportedAt: number;
	/** A snapshot already read from `doc` (saves a re-read in the UI). */
	snapshot?: SessionSnapshot;
}

/** The trace of one session (see docs/trace-format.md). */
export function buildTrace(options: BuildTraceOptions): Trace {
	const { session, kit, doc, exportedAt } = options;
	const privacy = { authorNames: options.privacy?.authorNames === true, observerNotes: options.privacy?.observerNotes === true };
	const snapshot = options.snapshot ?? readSnapshot(doc);
	const plan = planFor(kit, session.agendaId);
	const votes = voteCounts(snapshot, plan);
	const counted = new Set(countedVotes(snapshot, plan).map((vote) => vote.id));
	const timer = deriveTimer(plan, snapshot.timerEvents, exportedAt);
	const cases = new Map(snapshot.caseAssignments.map((a) => [a.groupId, a.caseId]));

	const namesRedacted = !privacy.authorNames && snapshot.contributions.some((c) => c.authorName !== null && c.authorName !== '');
	const notesRedacted = !privacy.observerNotes && snapshot.observerNotes.length > 0;
	// The document holds everything; it travels only when no record was left out for privacy.
	const document = namesRedacted || notesRedacted ? null : toBase64(Y.encodeStateAsUpdate(doc));

	return {
		format: TRACE_FORMAT,
		version: TRACE_VERSION,
		exportedAt,
		privacy,
		session: {
			id: session.id,
			title: session.title,
			date: session.date,
			place: session.place,
			facilitators: [...session.facilitators],
			language: session.language,
			// The doc header's time is the same on every device; the row's is when it was stored here.
			createdAt: snapshot.meta?.createdAt ?? session.createdAt
		},
		kit: { id: session.kit.id, version: session.kit.version, hash: session.kit.hash, agendaId: session.agendaId },
		agenda: agendaAsRun(plan, timer),
		contributions: snapshot.contributions.map((c) => ({
			id: c.id,
			activityId: c.activityId,
			stationId: c.stationId,
			categoryId: c.categoryId,
			groupId: c.groupId,
			kind: c.kind,
			text: c.text,
			authorId: c.authorId,
			authorName: privacy.authorNames ? c.authorName : null,
			deviceId: c.deviceId,
			createdAt: c.createdAt,
			editedAt: c.editedAt,
			hidden: c.hidden,
			deleted: c.deleted,
			themeId: c.themeId,
			mergedInto: c.mergedInto,
			answered: c.answered,
			onWall: c.onWall,
			votes: votes.get(c.id) ?? 0
		})),
		themes: snapshot.themes.map((t) => ({ id: t.id, activityId: t.activityId, name: t.name, deviceId: t.deviceId, createdAt: t.createdAt, editedAt: t.editedAt, deleted: t.deleted })),
		groups: snapshot.groups.map((g) => ({ id: g.id, name: g.name, deviceId: g.deviceId, createdAt: g.createdAt, editedAt: g.editedAt, caseId: cases.get(g.id) ?? null })),
		votes: snapshot.votes.map((vote) => ({
			id: vote.id,
			activityId: vote.activityId,
			contributionId: vote.contributionId,
			voterId: vote.voterId,
			deviceId: vote.deviceId,
			at: vote.at,
			withdrawnAt: vote.withdrawnAt,
			counted: counted.has(vote.id)
		})),
		cardChoices: snapshot.cardChoices.map((c) => ({ groupId: c.groupId, cardId: c.cardId, other: c.other, chosen: c.chosen, at: c.at, deviceId: c.deviceId, authorId: c.authorId })),
		otherCards: snapshot.otherCards.map((o) => ({
			id: o.id,
			groupId: o.groupId,
			title: o.title,
			question: o.question,
			deviceId: o.deviceId,
			createdAt: o.createdAt,
			editedAt: o.editedAt,
			authorIds: [...o.authorIds]
		})),
		caseAnswers: snapshot.caseAnswers.map((a) => ({
			groupId: a.groupId,
			caseId: a.caseId,
			questionId: a.questionId,
			text: a.text,
			citedCards: [...a.citedCards],
			deviceId: a.deviceId,
			createdAt: a.createdAt,
			editedAt: a.editedAt,
			authorIds: [...a.authorIds]
		})),
		checkins: snapshot.checkins.map((c) => ({
			participantId: c.participantId,
			phase: c.phase,
			activityId: checkinActivityOf(plan.activities, c.phase)?.id ?? null,
			value: c.value,
			at: c.at,
			deviceId: c.deviceId
		})),
		reveals: snapshot.reveals.map((r) => ({ activityId: r.activityId, at: r.at, deviceId: r.deviceId })),
		timerEvents: snapshot.timerEvents.map((e) => ({ id: e.id, type: e.type, at: e.at, deviceId: e.deviceId, activityId: e.activityId, minutes: e.minutes })),
		observerNotes: privacy.observerNotes
			? snapshot.observerNotes.map((n) => ({ id: n.id, activityId: n.activityId, text: n.text, deviceId: n.deviceId, createdAt: n.createdAt, editedAt: n.editedAt, deleted: n.deleted }))
			: null,
		followUp: readFollowUp(doc),
		document
	};
}

function agendaAsRun(plan: SessionPlan, timer: ReturnType<typeof deriveTimer>): Trace['agenda'] {
	return plan.activities.map((activity, index) => {
		const clock = timer.activities[index]!;
		return {
			activityId: activity.id,
			kind: activity.kind,
			plannedMinutes: clock.plannedMinutes,
			extendedMinutes: clock.extendedMinutes,
			elapsedMs: Math.round(clock.elapsedMs),
			firstStartedAt: clock.firstStartedAt,
			lastEndedAt: clock.lastEndedAt,
			skipped: clock.skipped,
			runs: timer.runs.filter((r) => r.activityId === activity.id).map((r) => ({ startedAt: r.startedAt, endedAt: r.endedAt }))
		};
	});
}

/** The trace as the JSON file's text (two-space indent, newline at the end). */
export function traceToJson(trace: Trace): string {
	return `${JSON.stringify(trace, null, 2)}\n`;
}
