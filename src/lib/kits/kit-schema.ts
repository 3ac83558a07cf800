/**
 * The workshop-kit format as authors write it, versions 1 and 2: one runtime schema per version,
 * built from the same parts, from which the TypeScript types are derived. Version 2 makes
 * optional what an author should not have to invent (activity instructions, the grid's title,
 * check-in choice values) and gives every check-in activity its own question. `kit-normalize.ts`
 * turns either version into the one complete shape the app uses (`KitManifest`). Limits (sizes, counts) are part of the schema so that a kit from an unknown author
 * cannot exhaust a tablet. Cross-references (ids that point to other parts of the kit, files that
 * must exist) are checked after this schema, in `kit-validate.ts`.
 *
 * Custom check messages are i18n keys (`kits.issue.*`); `kit-issues.ts` turns valibot issues into
 * `KitIssue` values that the UI and the CLI format in the user's language.
 */
import * as v from 'valibot';

/** Languages a kit may carry. The first language a kit lists is its primary language. */
export const KIT_LOCALES = ['fr-CA', 'en'] as const;
export type KitLocale = (typeof KIT_LOCALES)[number];

/** The format version this build writes; it also reads `KIT_FORMATS`. */
export const KIT_FORMAT = 2;
/** Every format version this build reads. */
export const KIT_FORMATS = [1, 2] as const;
export type KitFormat = (typeof KIT_FORMATS)[number];

/** Limits on what a kit may contain; shared by the schema, the readers and the docs. */
export const KIT_LIMITS = {
	/** Total uncompressed bytes of all files of one kit. */
	totalBytes: 50 * 1024 * 1024,
	/** Bytes of one file (images included). */
	fileBytes: 8 * 1024 * 1024,
	/** Bytes of `kit.json`. */
	manifestBytes: 1024 * 1024,
	/** Bytes of one Markdown file. */
	markdownBytes: 200 * 1024,
	/** Bytes of one reference-data CSV file. */
	csvBytes: 2 * 1024 * 1024,
	/** Rows of one reference-data CSV file. */
	csvRows: 5000,
	/** Files in one kit. */
	files: 500,
	/** Folders in a file path, file name included. */
	pathDepth: 6,
	/** Characters in a file path. */
	pathLength: 200,
	/** Bytes of a `.zip` before it is opened. */
	zipBytes: 60 * 1024 * 1024
} as const;

/** Ids of kits and of everything inside them: lowercase letters, digits and inner hyphens. */
export const kitIdPattern = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const versionPattern = /^\d{1,4}\.\d{1,4}\.\d{1,4}$/;
/** Relative POSIX path inside the kit: no `..`, no leading slash, plain characters only. */
export const kitPathPattern = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9_][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/;

const Id = v.pipe(v.string(), v.regex(kitIdPattern, 'kits.issue.id'));
const FilePath = v.pipe(
	v.string(),
	v.maxLength(KIT_LIMITS.pathLength),
	v.regex(kitPathPattern, 'kits.issue.path')
);
const Url = v.pipe(v.string(), v.maxLength(500), v.url('kits.issue.url'), v.regex(/^https?:\/\//, 'kits.issue.url'));

function plain(max: number) {
	return v.pipe(v.string(), v.trim(), v.nonEmpty('kits.issue.empty'), v.maxLength(max));
}

/** Text people read, in one or more of the kit's languages. */
function text(max: number) {
	return v.pipe(
		v.strictObject({ 'fr-CA': v.optional(v.pipe(v.string(), v.maxLength(max))), en: v.optional(v.pipe(v.string(), v.maxLength(max))) }),
		v.check((t) => Object.values(t).some((s) => typeof s === 'string' && s.trim() !== ''), 'kits.issue.emptyText')
	);
}

function list<T extends v.GenericSchema>(item: T, min: number, max: number) {
	return v.pipe(v.array(item), v.minLength(min), v.maxLength(max));
}

/**
 * A whole number in a range. The message carries both bounds (`key?min=…&max=…`, decoded by
 * `kit-issues.ts`) so that any failure reads as one clear sentence with the full range.
 */
function int(min: number, max: number) {
	const message = `kits.issue.integerRange?min=${min}&max=${max}`;
	return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
}

/** Kinds of activity an agenda can hold; each kind opens its own screen in a session. */
export const ACTIVITY_KINDS = [
	'welcome',
	'checkin',
	'gallery',
	'board',
	'experts',
	'stations',
	'dream',
	'card-game',
	'cases',
	'registry',
	'closing',
	'break'
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** A check-in activity's own question (format 2); the scale is the kit's (`checkin.scale`). */
const ActivityCheckin = v.strictObject({ question: text(300) });

/** The fields of an activity both versions share. */
function activityBase() {
	return {
		id: Id,
		kind: v.picklist(ACTIVITY_KINDS, 'kits.issue.activityKind'),
		title: text(160),
		durationMinutes: int(1, 600),
		/** Stations (prompts) used by this activity, by id. */
		stations: v.optional(list(Id, 0, 20)),
		/** Reference data shown by a `registry` activity, by id. */
		reference: v.optional(Id),
		/** Participants write without seeing others' notes until the facilitator reveals them. */
		silent: v.optional(v.boolean()),
		/** Dots each participant may place when voting is open in this activity (0: no voting). */
		dots: v.optional(int(0, 20))
	};
}

/*
 * The parts that differ between versions. Version 1 requires what version 2 fills in by default;
 * `v.optional` leaves the field absent, and the defaults are applied after the cross-checks so
 * that checks (languages, Markdown) see only what the author wrote.
 */

/** `instructions`: what the facilitator does and says; Markdown. */
const ActivityV1 = v.strictObject({ ...activityBase(), instructions: text(4000) });
const ActivityV2 = v.strictObject({ ...activityBase(), instructions: v.optional(text(4000)), checkin: v.optional(ActivityCheckin) });

function agendaSchema<A extends v.GenericSchema>(activity: A) {
	return v.strictObject({
		id: Id,
		title: text(160),
		summary: v.optional(text(1000)),
		activities: list(activity, 1, 50)
	});
}

const Poster = v.strictObject({
	id: Id,
	order: int(0, 10000),
	title: text(160),
	/** One Markdown file per language. */
	body: v.strictObject({ 'fr-CA': v.optional(FilePath), en: v.optional(FilePath) }),
	image: v.optional(v.strictObject({ src: FilePath, alt: text(300) }))
});

const Term = v.strictObject({
	id: Id,
	term: text(80),
	definition: text(1000),
	related: v.optional(list(Id, 0, 20))
});

const Category = v.strictObject({ id: Id, label: text(60) });

const Station = v.strictObject({
	id: Id,
	title: text(120),
	question: text(500),
	help: v.optional(text(2000)),
	categories: v.optional(list(Category, 0, 8))
});

const Card = v.strictObject({ id: Id, title: text(100), question: text(500) });

const Dimension = v.strictObject({
	id: Id,
	title: text(80),
	description: v.optional(text(500)),
	cards: list(Card, 1, 50)
});

function gridSchema<T extends v.GenericSchema>(title: T) {
	return v.strictObject({
		title,
		instructions: v.optional(text(2000)),
		/** How many cards a group keeps, "other" cards included. */
		keep: int(1, 50),
		/** Blank "other" cards each group may write. */
		blankCards: int(0, 20),
		dimensions: list(Dimension, 1, 12)
	});
}

const CaseQuestion = v.strictObject({ id: Id, text: text(500) });

const Case = v.strictObject({
	id: Id,
	title: text(160),
	description: text(4000),
	context: text(4000),
	questions: list(CaseQuestion, 1, 10)
});

/**
 * The kit's check-in scale, shared by all its check-in activities so that answers before and
 * after compare. Version 1 also holds the one question every check-in asks; in version 2 that
 * question is the default for check-in activities that do not ask their own, and a choice's
 * `value` defaults to its position (1, 2, …).
 */
const CheckinV1 = v.strictObject({ question: text(300), scale: list(v.strictObject({ value: int(0, 100), label: text(80) }), 2, 10) });
const CheckinV2 = v.strictObject({
	question: v.optional(text(300)),
	scale: list(v.strictObject({ value: v.optional(int(0, 100)), label: text(80) }), 2, 10)
});

const Column = v.strictObject({ key: plain(80), label: text(80), help: text(500) });

const Reference = v.strictObject({
	id: Id,
	title: text(160),
	description: text(2000),
	/** A UTF-8 CSV file, comma-separated, with a header row naming the declared column keys. */
	file: FilePath,
	/** True when the data is made up for the workshop and must be labelled as such. */
	illustrative: v.boolean(),
	columns: list(Column, 1, 40)
});

const Source = v.strictObject({
	title: plain(300),
	authors: v.optional(plain(300)),
	publisher: v.optional(plain(300)),
	year: v.optional(int(1900, 2200)),
	url: v.optional(Url),
	/** What the kit took from this source. */
	use: v.optional(text(500))
});

function manifestSchema<F extends KitFormat, A extends v.GenericSchema, G extends v.GenericSchema, C extends v.GenericSchema>(parts: {
	format: F;
	activity: A;
	gridTitle: G;
	checkin: C;
}) {
	return v.strictObject({
		format: v.literal(parts.format, 'kits.issue.format'),
		id: Id,
		version: v.pipe(v.string(), v.regex(versionPattern, 'kits.issue.version')),
		languages: v.pipe(
			list(v.picklist(KIT_LOCALES, 'kits.issue.locale'), 1, KIT_LOCALES.length),
			v.check((l) => new Set(l).size === l.length, 'kits.issue.duplicateLanguage')
		),
		title: text(120),
		summary: text(1000),
		authors: list(v.strictObject({ name: plain(120), role: v.optional(text(120)) }), 1, 50),
		credits: v.optional(text(4000)),
		sources: list(Source, 0, 50),
		licence: v.strictObject({ name: plain(100), url: v.optional(Url) }),
		agendas: list(agendaSchema(parts.activity), 1, 20),
		posters: list(Poster, 0, 100),
		glossary: list(Term, 0, 1000),
		stations: list(Station, 0, 100),
		grid: v.optional(gridSchema(parts.gridTitle)),
		cases: list(Case, 0, 50),
		checkin: v.optional(parts.checkin),
		consent: text(5000),
		references: list(Reference, 0, 10)
	});
}

/** `kit.json` of format 1, as written. */
export const KitManifestV1Schema = manifestSchema({ format: 1, activity: ActivityV1, gridTitle: text(160), checkin: CheckinV1 });
/** `kit.json` of format 2, as written (optional parts absent). */
export const KitManifestV2Schema = manifestSchema({ format: 2, activity: ActivityV2, gridTitle: v.optional(text(160)), checkin: CheckinV2 });

/** A format-1 manifest as written. */
export type KitManifestV1 = v.InferOutput<typeof KitManifestV1Schema>;
/**
 * A manifest as written in format 2, the shape both versions are checked in (a format-1 manifest
 * is one already, once its `format` says 2: see `upgradeKitManifest`).
 */
export type KitManifestV2 = v.InferOutput<typeof KitManifestV2Schema>;
export type LocalizedText = Partial<Record<KitLocale, string>>;
export type KitActivityV2 = KitManifestV2['agendas'][number]['activities'][number];
export type KitPoster = KitManifestV2['posters'][number];
export type KitTerm = KitManifestV2['glossary'][number];
export type KitStation = KitManifestV2['stations'][number];
export type KitCase = KitManifestV2['cases'][number];
export type KitReference = KitManifestV2['references'][number];
export type KitSource = KitManifestV2['sources'][number];
