/**
 * `SessionDocModel`: the one API views, sync and exports use on a session's Y.Doc. Writes go through
 * typed operations (tagged with `origin`), reads return validated snapshots and derived views.
 * Time and randomness are injected so tests replay exactly.
 */
import * as Y from 'yjs';
import { cryptoRandom, randomId, type RandomSource } from '$lib/storage';
import { sessionMaps, DOC_FORMAT, type SessionMaps } from './session-doc';
import type { SessionPlan } from './session-plan';
import { ParseCache, readSnapshot, type SessionSnapshot } from './session-read';
import type { CheckinPhase, DocMeta } from './session-schema';
import type { OpContext } from './session-context';
import { ok, type OpResult } from './session-result';
import { readSessionLabel, writeSessionLabel, writeTakeHomePublished, type SessionLabel, type SessionLabelPatch } from './session-label';
import { deriveTimer, type TimerState } from './session-timer';
import * as contribution from './session-contribution-ops';
import * as participation from './session-participation-ops';
import * as facilitation from './session-facilitation-ops';
import * as views from './session-views';

export interface SessionDocModelOptions {
	plan: SessionPlan;
	/** This device's id (from storage `deviceId()`). */
	deviceId: string;
	/** Anonymous author id for this device's contributions; random when omitted. */
	authorId?: string;
	now?: () => number;
	random?: RandomSource;
	/** Transaction origin of this model's writes; the model itself when omitted. */
	origin?: unknown;
}

/** Passed to `observe` callbacks after every change of the doc. */
export interface SessionChange {
	origin: unknown;
	/** True for writes made on this device (operations), false for updates applied from elsewhere. */
	local: boolean;
}

/** The doc header written once when a session's doc is created. */
export interface SessionDocInit {
	sessionId: string;
	kit: { id: string; version: string; hash: string };
	agendaId: string;
	createdAt: number;
	/** The session's title, place and date, so that devices joining later can show them. */
	label?: SessionLabelPatch;
}

export class SessionDocModel {
	readonly doc: Y.Doc;
	readonly plan: SessionPlan;
	readonly deviceId: string;
	readonly authorId: string;
	readonly origin: unknown;
	readonly #maps: SessionMaps;
	readonly #now: () => number;
	readonly #random: RandomSource;
	readonly #ctx: OpContext;
	#snapshot: SessionSnapshot | null = null;
	readonly #cache = new ParseCache();
	#version = 0;
	// Invalidated before any observer runs, so observers and `update` listeners never read a
	// stale snapshot whatever order they were registered in.
	readonly #onChange = (tr: Y.Transaction) => {
		this.#cache.invalidate(tr);
		this.#snapshot = null;
		this.#version++;
	};

	constructor(doc: Y.Doc, options: SessionDocModelOptions) {
		this.doc = doc;
		this.plan = options.plan;
		this.deviceId = options.deviceId;
		this.#now = options.now ?? Date.now;
		this.#random = options.random ?? cryptoRandom;
		this.authorId = options.authorId ?? this.newId();
		this.origin = options.origin ?? this;
		this.#maps = sessionMaps(doc);
		doc.on('beforeObserverCalls', this.#onChange);
		this.#ctx = {
			doc,
			maps: this.#maps,
			plan: this.plan,
			deviceId: this.deviceId,
			authorId: this.authorId,
			now: this.#now,
			newId: () => this.newId(),
			origin: this.origin,
			snapshot: () => this.snapshot()
		};
	}

	/** A fresh random id (128 bits, base64url, starting with a letter or digit): for records, participants, voters. */
	newId(): string {
		return randomId(this.#random);
	}

	/** An anonymous id for a participant (check-in, dot budget); never derived from a name. */
	newParticipantId(): string {
		return this.newId();
	}

	/** Increases after every doc change: a cheap "has anything changed" token. */
	get version(): number {
		return this.#version;
	}

	/** Writes the doc header if it is not there yet (a new session, or an empty doc). */
	initMeta(init: SessionDocInit): void {
		if (this.meta()) return;
		this.doc.transact(() => {
			const m = this.#maps.meta;
			m.set('format', DOC_FORMAT);
			m.set('sessionId', init.sessionId);
			m.set('kitId', init.kit.id);
			m.set('kitVersion', init.kit.version);
			m.set('kitHash', init.kit.hash);
			m.set('agendaId', init.agendaId);
			m.set('createdAt', init.createdAt);
			if (init.label) writeSessionLabel(m, init.label);
		}, this.origin);
	}

	meta(): DocMeta | null {
		return this.snapshot().meta;
	}

	/** Title, place, date and take-home publication as the doc carries them (`session-label.ts`). */
	label(): SessionLabel {
		return readSessionLabel(this.#maps.meta);
	}

	/** Puts the session's title, place or date in the doc, for devices that join it. */
	setLabel(patch: SessionLabelPatch): OpResult {
		this.doc.transact(() => writeSessionLabel(this.#maps.meta, patch), this.origin);
		return ok();
	}

	/** Records that the take-home summary is on the venue hub (the first time only). */
	markTakeHomePublished(): OpResult {
		this.doc.transact(() => writeTakeHomePublished(this.#maps.meta, this.#now()), this.origin);
		return ok();
	}

	/** Calls back after every change (local or remote); returns the unsubscribe function. */
	observe(callback: (change: SessionChange) => void): () => void {
		const handler = (_update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => callback({ origin, local: tr.local });
		this.doc.on('update', handler);
		return () => this.doc.off('update', handler);
	}

	/** Stops tracking the doc (the doc itself belongs to the caller). */
	destroy(): void {
		this.doc.off('beforeObserverCalls', this.#onChange);
	}

	// ---- reads --------------------------------------------------------------------------

	/** The whole doc, validated; cached until the next change. */
	snapshot(): SessionSnapshot {
		this.#snapshot ??= readSnapshot(this.doc, this.#cache);
		return this.#snapshot;
	}

	contributions(filter?: views.ContributionFilter): views.ContributionView[] {
		return views.contributionViews(this.snapshot(), this.plan, filter);
	}

	/** What a device shows while an activity may be silent: its own notes only until revealed. */
	visibleContributions(filter: Omit<views.ContributionFilter, 'viewer'> = {}, viewer: views.Viewer = { deviceId: this.deviceId }): views.ContributionView[] {
		return views.contributionViews(this.snapshot(), this.plan, { ...filter, viewer });
	}

	countsByActivity(): Record<string, views.ActivityCounts> {
		return views.countsByActivity(this.snapshot());
	}

	themes(activityId: string): { themes: views.ThemeView[]; unthemed: views.ContributionView[] } {
		return views.themeViews(this.snapshot(), this.plan, activityId);
	}

	voteCounts(): Map<string, number> {
		return views.voteCounts(this.snapshot(), this.plan);
	}

	remainingDots(activityId: string, voterId: string): number {
		return views.remainingDots(this.snapshot(), this.plan, activityId, voterId);
	}

	isSilent(activityId: string): boolean {
		return views.isSilent(this.snapshot(), this.plan, activityId);
	}

	groupBoards(): views.GroupBoard[] {
		return views.groupBoards(this.snapshot(), this.plan);
	}

	groupBoard(groupId: string): views.GroupBoard | undefined {
		return this.groupBoards().find((b) => b.groupId === groupId);
	}

	cardTally(): Map<string, number> {
		return views.cardTally(this.snapshot(), this.plan);
	}

	checkinSummary(): views.CheckinSummary {
		return views.checkinSummary(this.snapshot(), this.plan);
	}

	/** The agenda clock at `now` (defaults to the model's clock). */
	timerState(now: number = this.#now()): TimerState {
		return deriveTimer(this.plan, this.snapshot().timerEvents, now);
	}

	// ---- contributions and themes -------------------------------------------------------

	addContribution(input: contribution.NewContribution): OpResult<string> {
		return contribution.addContribution(this.#ctx, input);
	}
	editContribution(id: string, text: string): OpResult {
		return contribution.editContribution(this.#ctx, id, text);
	}
	hideContribution(id: string): OpResult {
		return contribution.setHidden(this.#ctx, id, true);
	}
	unhideContribution(id: string): OpResult {
		return contribution.setHidden(this.#ctx, id, false);
	}
	deleteContribution(id: string): OpResult {
		return contribution.setDeleted(this.#ctx, id, true);
	}
	restoreContribution(id: string): OpResult {
		return contribution.setDeleted(this.#ctx, id, false);
	}
	markAnswered(id: string, answered = true): OpResult {
		return contribution.setAnswered(this.#ctx, id, answered);
	}
	showOnWall(id: string, onWall = true): OpResult {
		return contribution.setOnWall(this.#ctx, id, onWall);
	}
	mergeContribution(id: string, intoId: string): OpResult {
		return contribution.mergeContribution(this.#ctx, id, intoId);
	}
	unmergeContribution(id: string): OpResult {
		return contribution.unmergeContribution(this.#ctx, id);
	}
	createTheme(activityId: string, name: string): OpResult<string> {
		return contribution.createTheme(this.#ctx, activityId, name);
	}
	renameTheme(id: string, name: string): OpResult {
		return contribution.renameTheme(this.#ctx, id, name);
	}
	deleteTheme(id: string): OpResult {
		return contribution.setThemeDeleted(this.#ctx, id, true);
	}
	restoreTheme(id: string): OpResult {
		return contribution.setThemeDeleted(this.#ctx, id, false);
	}
	assignTheme(contributionId: string, themeId: string | null): OpResult {
		return contribution.assignTheme(this.#ctx, contributionId, themeId);
	}

	// ---- groups, votes, cards, cases, check-in ------------------------------------------

	createGroup(name: string): OpResult<string> {
		return participation.createGroup(this.#ctx, name);
	}
	renameGroup(id: string, name: string): OpResult {
		return participation.renameGroup(this.#ctx, id, name);
	}
	vote(input: participation.VoteInput): OpResult<string> {
		return participation.vote(this.#ctx, input);
	}
	unvote(input: participation.VoteInput): OpResult {
		return participation.unvote(this.#ctx, input);
	}
	chooseCard(groupId: string, cardId: string, authorId?: string): OpResult {
		return participation.chooseCard(this.#ctx, groupId, cardId, authorId);
	}
	unchooseCard(groupId: string, cardId: string, authorId?: string): OpResult {
		return participation.unchooseCard(this.#ctx, groupId, cardId, authorId);
	}
	writeOtherCard(groupId: string, input: participation.OtherCardInput): OpResult<string> {
		return participation.writeOtherCard(this.#ctx, groupId, input);
	}
	editOtherCard(id: string, input: participation.OtherCardInput): OpResult {
		return participation.editOtherCard(this.#ctx, id, input);
	}
	chooseCase(groupId: string, caseId: string): OpResult {
		return participation.chooseCase(this.#ctx, groupId, caseId);
	}
	answerCaseQuestion(input: participation.CaseAnswerInput): OpResult {
		return participation.answerCaseQuestion(this.#ctx, input);
	}
	recordCheckin(participantId: string, phase: CheckinPhase, value: number): OpResult {
		return participation.recordCheckin(this.#ctx, { participantId, phase, value });
	}

	// ---- facilitation -------------------------------------------------------------------

	startTimer(activityId?: string): OpResult {
		return facilitation.startTimer(this.#ctx, activityId);
	}
	pauseTimer(): OpResult {
		return facilitation.pauseTimer(this.#ctx);
	}
	resumeTimer(): OpResult {
		return facilitation.resumeTimer(this.#ctx);
	}
	extendTimer(minutes: number): OpResult {
		return facilitation.extendTimer(this.#ctx, minutes);
	}
	nextActivity(): OpResult {
		return facilitation.nextActivity(this.#ctx);
	}
	goToActivity(activityId: string): OpResult {
		return facilitation.goToActivity(this.#ctx, activityId);
	}
	reveal(activityId: string): OpResult {
		return facilitation.reveal(this.#ctx, activityId);
	}
	addObserverNote(text: string, activityId: string | null = null): OpResult<string> {
		return facilitation.addObserverNote(this.#ctx, text, activityId);
	}
	editObserverNote(id: string, text: string): OpResult {
		return facilitation.editObserverNote(this.#ctx, id, text);
	}
	deleteObserverNote(id: string): OpResult {
		return facilitation.setObserverNoteDeleted(this.#ctx, id, true);
	}
	restoreObserverNote(id: string): OpResult {
		return facilitation.setObserverNoteDeleted(this.#ctx, id, false);
	}
}
