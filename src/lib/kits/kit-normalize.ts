/**
 * From `kit.json` as written (format 1 or 2) to the one complete shape the app uses. Two steps,
 * each in one place:
 *
 * 1. `readKitSource`: the schema of the manifest's own version; a format-1 manifest is then
 *    upgraded to format 2 (`upgradeKitManifest`), so everything after this step knows format 2.
 * 2. `withKitDefaults`: what format 2 lets an author leave out is filled in (instructions per kind
 *    and the grid's title from the app's catalogs, choice values from their position, each
 *    check-in activity's question and scale), so consumers never meet a missing value.
 *
 * The cross-checks run between the two steps, on what the author wrote: default texts in both
 * app languages must not count as texts of the kit (a French-only kit would fail its language
 * check), and issues must name the author's fields.
 */
import * as v from 'valibot';
import { kitDefaults as frDefaults } from '../i18n/messages/fr-CA/kit-defaults';
import { kitDefaults as enDefaults } from '../i18n/messages/en/kit-defaults';
import {
	KitManifestV1Schema,
	KitManifestV2Schema,
	type ActivityKind,
	type KitFormat,
	type KitManifestV1,
	type KitManifestV2,
	type KitActivityV2,
	type LocalizedText
} from './kit-schema';
import type { Result } from '../result';
import { valibotToKitIssues } from './kit-issues';
import { kitFailure, type KitProblem } from './kit-types';

const MANIFEST = 'kit.json';

/** One choice of the check-in scale, its value filled in. */
export interface KitCheckinChoice {
	value: number;
	label: LocalizedText;
}

/** What a check-in activity asks, complete: its own question (or the kit's) and the kit's scale. */
export interface KitCheckin {
	question: LocalizedText;
	scale: KitCheckinChoice[];
}

/** An activity with its defaults; `checkin` is set on every `checkin` activity and only there. */
export type KitActivity = Omit<KitActivityV2, 'instructions' | 'checkin'> & { instructions: LocalizedText; checkin?: KitCheckin };
export type KitAgenda = Omit<KitManifestV2['agendas'][number], 'activities'> & { activities: KitActivity[] };
export type KitGrid = Omit<NonNullable<KitManifestV2['grid']>, 'title'> & { title: LocalizedText };
export type KitDimension = KitGrid['dimensions'][number];
export type KitCard = KitDimension['cards'][number];

/**
 * A kit's manifest as the app uses it: format 2 with every default applied. The kit-level
 * `checkin` of the written form is gone: its scale is `checkinScale` (shared by the kit's
 * check-ins, so that answers compare), its question went to the check-in activities.
 */
export type KitManifest = Omit<KitManifestV2, 'agendas' | 'grid' | 'checkin'> & {
	agendas: KitAgenda[];
	grid?: KitGrid;
	/** The scale every check-in activity of the kit uses; absent when the kit has no check-in. */
	checkinScale?: KitCheckinChoice[];
};

/** The manifest as written, checked by its version's schema and upgraded to format 2. */
export type KitReadResult = Result<{ format: KitFormat; source: KitManifestV2 }, KitProblem>;

/** A format-1 manifest in format 2: the same content, since format 2 only relaxes and adds. */
export function upgradeKitManifest(manifest: KitManifestV1): KitManifestV2 {
	return { ...manifest, format: 2 };
}

/**
 * Checks parsed JSON against the schema of the version it declares (format 2 for anything but 1,
 * so an unknown version reads "must be 1 or 2") and upgrades a format-1 manifest. Schema issues
 * are named by their key path in kit.json.
 */
export function readKitSource(json: unknown): KitReadResult {
	const declared = typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
	if (declared === 1) {
		const parsed = v.safeParse(KitManifestV1Schema, json);
		return parsed.success ? { ok: true, value: { format: 1, source: upgradeKitManifest(parsed.output) } } : kitFailure(valibotToKitIssues(MANIFEST, parsed.issues));
	}
	const parsed = v.safeParse(KitManifestV2Schema, json);
	return parsed.success ? { ok: true, value: { format: 2, source: parsed.output } } : kitFailure(valibotToKitIssues(MANIFEST, parsed.issues));
}

function both(key: keyof typeof frDefaults): LocalizedText {
	return { 'fr-CA': frDefaults[key], en: enDefaults[key] };
}

/** The facilitator's instructions the app gives an activity of this kind when the kit has none. */
export function defaultInstructions(kind: ActivityKind): LocalizedText {
	return both(`kitDefaults.instructions.${kind}`);
}

/** The grid title the app uses when the kit has none. */
export function defaultGridTitle(): LocalizedText {
	return both('kitDefaults.gridTitle');
}

/** The kit's check-in scale with values filled in: a choice without one is worth its position (1, 2, …). */
export function checkinScaleOf(source: KitManifestV2): KitCheckinChoice[] | undefined {
	return source.checkin?.scale.map((choice, index) => ({ value: choice.value ?? index + 1, label: choice.label }));
}

/**
 * The complete manifest. Expects a source that passed the cross-checks: every check-in activity
 * then has a question (its own or the kit's) and the kit has a scale.
 */
export function withKitDefaults(source: KitManifestV2): KitManifest {
	const { checkin, grid, agendas, ...rest } = source;
	const scale = checkinScaleOf(source);
	const activity = (a: KitActivityV2): KitActivity => {
		const { instructions, checkin: own, ...fields } = a;
		const out: KitActivity = { ...fields, instructions: instructions ?? defaultInstructions(a.kind) };
		const question = own?.question ?? checkin?.question;
		if (a.kind === 'checkin' && scale && question) out.checkin = { question, scale };
		return out;
	};
	const manifest: KitManifest = { ...rest, agendas: agendas.map((agenda) => ({ ...agenda, activities: agenda.activities.map(activity) })) };
	if (grid) manifest.grid = { ...grid, title: grid.title ?? defaultGridTitle() };
	if (scale) manifest.checkinScale = scale;
	return manifest;
}
