/**
 * Contributions and themes: add, edit, moderate (hide, soft delete), group into themes, merge
 * duplicates, mark questions. Nothing here ever removes a record from the doc.
 */
import { recordAt, recordMap } from './session-doc';
import { findActivity } from './session-plan';
import { SESSION_LIMITS, type Contribution, type ContributionKind, CONTRIBUTION_KINDS } from './session-schema';
import { ok, refuse, type OpResult } from './session-result';
import { assertId, cleanText, write, type OpContext } from './session-context';

export interface NewContribution {
	activityId: string;
	/** The station (prompt) the note answers, when the activity has stations. */
	stationId?: string | null;
	categoryId?: string | null;
	groupId?: string | null;
	kind?: ContributionKind;
	text: string;
	/** Anonymous participant id; defaults to the device's author id. */
	authorId?: string;
	/** Only when the participant chose to type a name. */
	authorName?: string | null;
}

function find(ctx: OpContext, id: string): Contribution | undefined {
	return ctx.snapshot().contributions.find((c) => c.id === id);
}

/** Adds a contribution; returns its id. */
export function addContribution(ctx: OpContext, input: NewContribution): OpResult<string> {
	const activity = findActivity(ctx.plan, input.activityId);
	if (!activity) return refuse('unknownActivity');
	const stationId = input.stationId ?? null;
	const categoryId = input.categoryId ?? null;
	if (stationId !== null && (!ctx.plan.stations.has(stationId) || !(activity.stations ?? []).includes(stationId))) return refuse('unknownStation');
	if (categoryId !== null && (stationId === null || !ctx.plan.stations.get(stationId)?.has(categoryId))) return refuse('unknownCategory');
	const groupId = input.groupId ?? null;
	if (groupId !== null && !ctx.snapshot().groups.some((g) => g.id === groupId)) return refuse('unknownGroup');
	const kind = input.kind ?? 'note';
	if (!CONTRIBUTION_KINDS.includes(kind)) throw new RangeError(`Invalid contribution kind: ${String(kind)}`);
	const text = cleanText(input.text, SESSION_LIMITS.text);
	if (!text.ok) return text;
	const name = cleanText(input.authorName ?? '', SESSION_LIMITS.authorName, true);
	if (!name.ok) return name;
	const authorId = input.authorId ?? ctx.authorId;
	assertId(authorId, 'author id');
	const id = ctx.newId();
	write(ctx, () => {
		ctx.maps.contributions.set(
			id,
			recordMap({
				activityId: activity.id,
				stationId,
				categoryId,
				groupId,
				kind,
				text: text.value,
				authorId,
				authorName: name.value === '' ? null : name.value,
				deviceId: ctx.deviceId,
				createdAt: ctx.now(),
				editedAt: null,
				hidden: false,
				deleted: false,
				themeId: null,
				mergedInto: null,
				answered: false,
				onWall: false
			})
		);
	});
	return ok(id);
}

/** Sets fields of an existing, valid contribution in one transaction. */
function update(ctx: OpContext, id: string, fields: Record<string, string | number | boolean | null>): OpResult {
	const record = recordAt(ctx.maps.contributions, id);
	if (!record || !find(ctx, id)) return refuse('unknownContribution');
	write(ctx, () => {
		for (const [key, value] of Object.entries(fields)) record.set(key, value);
	});
	return ok();
}

export function editContribution(ctx: OpContext, id: string, text: string): OpResult {
	const clean = cleanText(text, SESSION_LIMITS.text);
	if (!clean.ok) return clean;
	return update(ctx, id, { text: clean.value, editedAt: ctx.now() });
}

/** Moderation: a hidden contribution stays in the doc and in exports, flagged. */
export function setHidden(ctx: OpContext, id: string, hidden: boolean): OpResult {
	return update(ctx, id, { hidden });
}

/** Soft delete (and restore with `deleted = false`). */
export function setDeleted(ctx: OpContext, id: string, deleted: boolean): OpResult {
	return update(ctx, id, { deleted });
}

export function setAnswered(ctx: OpContext, id: string, answered: boolean): OpResult {
	return update(ctx, id, { answered });
}

export function setOnWall(ctx: OpContext, id: string, onWall: boolean): OpResult {
	return update(ctx, id, { onWall });
}

/** Puts a contribution in a theme of its activity, or takes it out (`null`). */
export function assignTheme(ctx: OpContext, id: string, themeId: string | null): OpResult {
	const contribution = find(ctx, id);
	if (!contribution) return refuse('unknownContribution');
	if (themeId !== null) {
		const theme = ctx.snapshot().themes.find((t) => t.id === themeId && !t.deleted);
		if (!theme) return refuse('unknownTheme');
		if (theme.activityId !== contribution.activityId) return refuse('themeActivity');
	}
	return update(ctx, id, { themeId });
}

/**
 * Marks `id` as a duplicate of `intoId` (soft: both stay; reads fold `id` into the root of
 * `intoId`'s merge chain and add up their votes). Refuses merges that would make a cycle.
 */
export function mergeContribution(ctx: OpContext, id: string, intoId: string): OpResult {
	const source = find(ctx, id);
	const target = find(ctx, intoId);
	if (!source || !target) return refuse('unknownContribution');
	if (source.activityId !== target.activityId) return refuse('mergeActivity');
	const byId = new Map(ctx.snapshot().contributions.map((c) => [c.id, c]));
	let root = target;
	const seen = new Set<string>();
	while (root.mergedInto !== null && !seen.has(root.id)) {
		seen.add(root.id);
		const next = byId.get(root.mergedInto);
		if (!next) break;
		root = next;
	}
	if (root.id === id) return refuse('selfMerge');
	return update(ctx, id, { mergedInto: root.id });
}

export function unmergeContribution(ctx: OpContext, id: string): OpResult {
	return update(ctx, id, { mergedInto: null });
}

/** Creates a theme (a named cluster of notes) in an activity; returns its id. */
export function createTheme(ctx: OpContext, activityId: string, name: string): OpResult<string> {
	if (!findActivity(ctx.plan, activityId)) return refuse('unknownActivity');
	const clean = cleanText(name, SESSION_LIMITS.themeName);
	if (!clean.ok) return clean;
	const id = ctx.newId();
	write(ctx, () => {
		ctx.maps.themes.set(
			id,
			recordMap({ activityId, name: clean.value, deviceId: ctx.deviceId, createdAt: ctx.now(), editedAt: null, deleted: false })
		);
	});
	return ok(id);
}

function updateTheme(ctx: OpContext, id: string, fields: Record<string, string | number | boolean>): OpResult {
	const record = recordAt(ctx.maps.themes, id);
	if (!record || !ctx.snapshot().themes.some((t) => t.id === id)) return refuse('unknownTheme');
	write(ctx, () => {
		for (const [key, value] of Object.entries(fields)) record.set(key, value);
	});
	return ok();
}

export function renameTheme(ctx: OpContext, id: string, name: string): OpResult {
	const clean = cleanText(name, SESSION_LIMITS.themeName);
	if (!clean.ok) return clean;
	return updateTheme(ctx, id, { name: clean.value, editedAt: ctx.now() });
}

/** Soft-deletes a theme; its notes read as unthemed until it is restored. */
export function setThemeDeleted(ctx: OpContext, id: string, deleted: boolean): OpResult {
	return updateTheme(ctx, id, { deleted });
}
