/**
 * Sessions: the model over one Y.Doc per session (typed operations, validated reads, derived
 * views, the agenda clock), its persistence on this device, and the runes state class the UI uses.
 * Views and sync never build Yjs structures themselves: they call these operations.
 */
export { SessionDocModel } from './session-doc-model';
export type { SessionDocModelOptions, SessionChange, SessionDocInit } from './session-doc-model';
export { planFor, findActivity, checkinPhaseOf, checkinActivityOf, UnknownAgendaError } from './session-plan';
export type { SessionKit, SessionKitActivity, SessionPlan } from './session-plan';
export { sessionMaps, DOC_FORMAT } from './session-doc';
export type { SessionMaps } from './session-doc';
export { readSnapshot } from './session-read';
export { readSessionLabel, cleanLabelText } from './session-label';
export type { SessionLabel, SessionLabelPatch } from './session-label';
export type { SessionSnapshot } from './session-read';
export { CONTRIBUTION_KINDS, CHECKIN_PHASES, SESSION_LIMITS, TIMER_EVENT_TYPES } from './session-schema';
export type {
	Contribution,
	ContributionKind,
	CheckinPhase,
	Theme,
	Group,
	Vote,
	CardChoice,
	OtherCard,
	CaseAssignment,
	CaseAnswer,
	Checkin,
	Reveal,
	ObserverNote,
	TimerEvent,
	TimerEventType,
	DocMeta
} from './session-schema';
export { REFUSAL_REASONS } from './session-result';
export type { OpResult, Refusal, RefusalReason, SessionMessageKey } from './session-result';
export type { NewContribution } from './session-contribution-ops';
export type { VoteInput, OtherCardInput, CaseAnswerInput, CheckinInput } from './session-participation-ops';
export {
	contributionViews,
	countsByActivity,
	themeViews,
	voteCounts,
	countedVotes,
	remainingDots,
	isSilent,
	groupBoards,
	cardTally,
	checkinSummary,
	mergeRoot
} from './session-views';
export type { ContributionView, ContributionFilter, Viewer, ActivityCounts, ThemeView, GroupBoard, CheckinSummary } from './session-views';
export { deriveTimer } from './session-timer';
export type { TimerState, TimerStatus, ActivityRun, ActivityClock } from './session-timer';
export { attachPersistence, SessionPersistence } from './session-persistence';
export type { SaveState, SaveStatus, PersistenceOptions, PersistenceEvents } from './session-persistence';
export { rebuildFromOwnLog, REBUILD_ORIGIN } from './session-own-log';
export type { RebuildResult } from './session-own-log';
export { SessionError } from './session-errors';
export type { SessionErrorCode } from './session-errors';
export { SessionDocState } from './session-doc-state.svelte';
export type { SessionOps, SessionDocStateOptions, SessionPrefetch } from './session-doc-state.svelte';
export { readFollowUp, writeFollowUp, FOLLOW_UP_LIMITS } from './session-follow-up';
export { participantIds, participantCount } from './session-participants';
export type { ParticipationRecords } from './session-participants';
export type { FollowUp, FollowUpInput } from './session-follow-up';
