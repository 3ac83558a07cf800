/**
 * Row shapes of the `tablee` database, as valibot schemas. Rows are validated when read back,
 * like any input: another tab, an older build or a damaged disk may have written them.
 */
import * as v from 'valibot';
import { LOCALES } from '$lib/i18n';
import { idPattern, syncKeyPattern } from './storage-random';

const Id = v.pipe(v.string(), v.regex(idPattern));
/** Kit ids and versions follow the kit format (`kit-schema.ts`); checked loosely here. */
const KitId = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/));
const KitVersion = v.pipe(v.string(), v.regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}$/));
/** Content hash of the kit archive (hex or base64 of a SHA-256, as the kit library computes it). */
const Hash = v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/=_-]{8,128}$/));
const Time = v.pipe(v.number(), v.integer(), v.minValue(0));
const Localized = v.object({ 'fr-CA': v.optional(v.string()), en: v.optional(v.string()) });

export const SESSION_FIELD_LIMITS = {
	title: 200,
	place: 200,
	facilitators: 20,
	facilitatorName: 100
} as const;

export const KitRefSchema = v.object({ id: KitId, version: KitVersion, hash: Hash });
export type KitRef = v.InferOutput<typeof KitRefSchema>;

export const KitRowSchema = v.object({
	key: v.string(),
	id: KitId,
	version: KitVersion,
	hash: Hash,
	title: Localized,
	summary: Localized,
	languages: v.array(v.picklist(LOCALES)),
	importedAt: Time,
	zip: v.instance(Uint8Array),
	/** Version of the kit checks the archive passed at import (absent on rows stored before it was recorded). */
	checks: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)))
});
export type KitRow = Omit<v.InferOutput<typeof KitRowSchema>, 'zip'> & { zip: Uint8Array };
/** A kit row without its archive, for lists. */
export type KitSummary = Omit<KitRow, 'zip'>;

/** `YYYY-MM-DD`, or empty when the date is not set yet. */
const DateString = v.pipe(v.string(), v.regex(/^(?:\d{4}-\d{2}-\d{2})?$/));

export const SessionRecordSchema = v.object({
	id: Id,
	title: v.pipe(v.string(), v.maxLength(SESSION_FIELD_LIMITS.title)),
	date: DateString,
	place: v.pipe(v.string(), v.maxLength(SESSION_FIELD_LIMITS.place)),
	facilitators: v.pipe(
		v.array(v.pipe(v.string(), v.maxLength(SESSION_FIELD_LIMITS.facilitatorName))),
		v.maxLength(SESSION_FIELD_LIMITS.facilitators)
	),
	kit: KitRefSchema,
	agendaId: KitId,
	language: v.picklist(LOCALES),
	createdAt: Time,
	updatedAt: Time,
	archived: v.boolean(),
	/** 128-bit key for the sync layer; stays on the device, never in the Y.Doc. */
	syncKey: v.pipe(v.string(), v.regex(syncKeyPattern))
});
export type SessionRecord = v.InferOutput<typeof SessionRecordSchema>;

export const UpdateRowSchema = v.object({
	seq: v.pipe(v.number(), v.integer()),
	sessionId: Id,
	update: v.instance(Uint8Array),
	at: Time
});
export type UpdateRow = Omit<v.InferOutput<typeof UpdateRowSchema>, 'update'> & { update: Uint8Array };

/**
 * One entry of a device's own-contribution log. `record` is the contribution as written by this
 * device; its shape belongs to the session domain, which validates it when rebuilding.
 */
export const OwnLogRowSchema = v.object({
	seq: v.pipe(v.number(), v.integer()),
	sessionId: Id,
	contributionId: Id,
	at: Time,
	record: v.unknown()
});
export type OwnLogRow = v.InferOutput<typeof OwnLogRowSchema>;

/**
 * A kit being written in the studio (`drafts` table). The manifest may break any rule of the kit
 * format (the studio validates it as it is edited), so it is kept as any JSON object; the other
 * files are bytes by kit-relative path. `base` names the kit version the draft was adapted from.
 */
export const DraftRowSchema = v.object({
	id: Id,
	updatedAt: Time,
	manifest: v.record(v.string(), v.unknown()),
	files: v.record(v.string(), v.instance(Uint8Array)),
	base: v.optional(KitRefSchema)
});
export type DraftRow = Omit<v.InferOutput<typeof DraftRowSchema>, 'files'> & { files: Record<string, Uint8Array> };

export const SettingRowSchema = v.object({ key: v.string(), value: v.unknown() });
export type SettingRow = v.InferOutput<typeof SettingRowSchema>;

/** Result of a list read: valid rows, and how many damaged rows were skipped. */
export interface ListResult<T> {
	items: T[];
	skipped: number;
}

/** Validates rows read back; damaged rows are counted and skipped. */
export function validRows<S extends v.GenericSchema>(schema: S, rows: readonly unknown[]): ListResult<v.InferOutput<S>> {
	const items: v.InferOutput<S>[] = [];
	let skipped = 0;
	for (const row of rows) {
		const parsed = v.safeParse(schema, row);
		if (parsed.success) items.push(parsed.output);
		else skipped++;
	}
	return { items, skipped };
}
