/**
 * What is missing in a kit's second language: every text that has the primary language but not
 * the second one, per section, and posters without a body in the second language.
 */
import { KIT_LOCALES } from '$lib/kits';
import type { StudioDraft } from './studio-draft';
import { sectionOf, STUDIO_SECTIONS, type StudioSection } from './studio-validate';

export interface MissingTranslations {
	/** The language checked (the kit's second), or undefined for a one-language kit. */
	language: string | undefined;
	total: number;
	bySection: Record<StudioSection, number>;
	/** Key paths of the missing texts (`title.en`, `posters[0].body.en`). */
	fields: Set<string>;
}

function isText(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const keys = Object.keys(value);
	return keys.length > 0 && keys.every((k) => (KIT_LOCALES as readonly string[]).includes(k));
}

const filled = (value: unknown) => typeof value === 'string' && value.trim() !== '';

export function missingTranslations(draft: StudioDraft): MissingTranslations {
	const [primary, second] = draft.manifest.languages ?? [];
	const bySection = Object.fromEntries(STUDIO_SECTIONS.map((s) => [s, 0])) as Record<StudioSection, number>;
	const fields = new Set<string>();
	const result: MissingTranslations = { language: second, total: 0, bySection, fields };
	if (!primary || !second) return result;
	const mark = (field: string) => {
		fields.add(field);
		bySection[sectionOf(field)] += 1;
		result.total += 1;
	};
	const walk = (value: unknown, path: string): void => {
		if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${path}[${i}]`));
		if (typeof value !== 'object' || value === null) return;
		if (path.endsWith('.body') && /^posters\[\d+\]\.body$/.test(path)) {
			const body = value as Record<string, unknown>;
			if (filled(body[primary]) && !filled(body[second])) mark(`${path}.${second}`);
			return;
		}
		if (isText(value)) {
			if (filled(value[primary]) && !filled(value[second])) mark(`${path}.${second}`);
			return;
		}
		for (const [key, child] of Object.entries(value)) walk(child, path === '' ? key : `${path}.${key}`);
	};
	walk(draft.manifest, '');
	return result;
}
