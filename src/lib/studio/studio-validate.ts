/**
 * Validation of a draft by the one kit loader (`parseKit`, as `kit:check` and the importer run
 * it), with each issue placed on the form field that shows it.
 */
import type { MessageKey } from '$lib/i18n';
import { KIT_LOCALES, parseKit, type KitIssue, type KitPackage } from '$lib/kits';
import type { Problem, Result } from '$lib/result';
import { draftToFiles, MANIFEST_FILE, type StudioDraft } from './studio-draft';
import { getAt, parsePath } from './studio-path';

/** The studio's sections; every field belongs to one. */
export const STUDIO_SECTIONS = ['general', 'agendas', 'posters', 'glossary', 'stations', 'grid', 'cases', 'checkin', 'data'] as const;
export type StudioSection = (typeof STUDIO_SECTIONS)[number];

/** An issue with the field that shows it (a key path string, '' when no field does). */
export interface PlacedIssue {
	issue: KitIssue;
	field: string;
	section: StudioSection;
}

/** Why a draft is not a valid kit yet: its first issue as the message, every issue placed on its field as the detail. */
export type DraftProblem = Problem<MessageKey, PlacedIssue[]>;

/** A draft checked: the kit it makes, or its issues placed on the form's fields. */
export type DraftCheck = Result<KitPackage, DraftProblem>;

/** The placed issues of a check (none when the draft is a valid kit). */
export function draftIssues(check: DraftCheck): PlacedIssue[] {
	return check.ok ? [] : check.problem.detail;
}

/** The section a manifest key path belongs to. */
export function sectionOf(field: string): StudioSection {
	const head = parsePath(field)[0];
	switch (head) {
		case 'agendas':
		case 'posters':
		case 'glossary':
		case 'stations':
		case 'grid':
		case 'cases':
		case 'checkin':
			return head;
		case 'references':
			return 'data';
		default:
			return 'general';
	}
}

function isTextObject(value: unknown): boolean {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	return Object.keys(value).every((k) => (KIT_LOCALES as readonly string[]).includes(k));
}

/** The field that shows an issue. */
export function fieldOfIssue(draft: StudioDraft, issue: KitIssue): string {
	const m = draft.manifest;
	if (issue.file === MANIFEST_FILE) {
		// An issue on a whole text (empty, missing its primary language) shows at its primary-language box.
		const value = getAt(m, parsePath(issue.path));
		if (issue.path !== '' && isTextObject(value)) return `${issue.path}.${m.languages?.[0] ?? 'fr-CA'}`;
		return issue.path;
	}
	const posters = Array.isArray(m.posters) ? m.posters : [];
	for (const [i, poster] of posters.entries()) {
		for (const [lang, path] of Object.entries(poster?.body ?? {})) if (path === issue.file) return `posters[${i}].body.${lang}`;
		if (poster?.image?.src === issue.file) return `posters[${i}].image.src`;
	}
	const references = Array.isArray(m.references) ? m.references : [];
	for (const [i, ref] of references.entries()) if (ref?.file === issue.file) return `references[${i}].file`;
	return '';
}

/** Checks a draft exactly as an exported zip would be checked. */
export function checkDraft(draft: StudioDraft): DraftCheck {
	const result = parseKit(draftToFiles(draft));
	if (result.ok) return result;
	const placed = result.problem.detail.map((issue) => {
		const field = fieldOfIssue(draft, issue);
		return { issue, field, section: sectionOf(field) };
	});
	return { ok: false, problem: { ...result.problem, detail: placed } };
}

/** Issues by field, for the forms. */
export function issuesByField(issues: readonly PlacedIssue[]): Map<string, KitIssue[]> {
	const map = new Map<string, KitIssue[]>();
	for (const placed of issues) {
		const list = map.get(placed.field) ?? [];
		list.push(placed.issue);
		map.set(placed.field, list);
	}
	return map;
}

/** A DOM id for a field's control, from its key path. */
export function fieldDomId(field: string): string {
	return `studio-${field.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '')}`;
}
