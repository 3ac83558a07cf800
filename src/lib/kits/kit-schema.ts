/**
 * The workshop-kit format, version 1: one runtime schema from which the TypeScript types are
 * derived. Limits (sizes, counts) are part of the schema so that a kit from an unknown author
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

/** The only format version this build reads. */
export const KIT_FORMAT = 1;

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

const Activity = v.strictObject({
	id: Id,
	kind: v.picklist(ACTIVITY_KINDS, 'kits.issue.activityKind'),
	title: text(160),
	/** What the facilitator does and says; Markdown. */
	instructions: text(4000),
	durationMinutes: int(1, 600),
	/** Stations (prompts) used by this activity, by id. */
	stations: v.optional(list(Id, 0, 20)),
	/** Reference data shown by a `registry` activity, by id. */
	reference: v.optional(Id),
	/** Participants write without seeing others' notes until the facilitator reveals them. */
	silent: v.optional(v.boolean()),
	/** Dots each participant may place when voting is open in this activity (0: no voting). */
	dots: v.optional(int(0, 20))
});

const Agenda = v.strictObject({
	id: Id,
	title: text(160),
	summary: v.optional(text(1000)),
	activities: list(Activity, 1, 50)
});

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

const Grid = v.strictObject({
	title: text(160),
	instructions: v.optional(text(2000)),
	/** How many cards a group keeps, "other" cards included. */
	keep: int(1, 50),
	/** Blank "other" cards each group may write. */
	blankCards: int(0, 20),
	dimensions: list(Dimension, 1, 12)
});

const CaseQuestion = v.strictObject({ id: Id, text: text(500) });

const Case = v.strictObject({
	id: Id,
	title: text(160),
	description: text(4000),
	context: text(4000),
	questions: list(CaseQuestion, 1, 10)
});

const Checkin = v.strictObject({
	question: text(300),
	scale: list(v.strictObject({ value: int(0, 100), label: text(80) }), 2, 10)
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

export const KitManifestSchema = v.strictObject({
	format: v.literal(KIT_FORMAT, 'kits.issue.format'),
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
	agendas: list(Agenda, 1, 20),
	posters: list(Poster, 0, 100),
	glossary: list(Term, 0, 1000),
	stations: list(Station, 0, 100),
	grid: v.optional(Grid),
	cases: list(Case, 0, 50),
	checkin: v.optional(Checkin),
	consent: text(5000),
	references: list(Reference, 0, 10)
});

export type KitManifest = v.InferOutput<typeof KitManifestSchema>;
export type LocalizedText = Partial<Record<KitLocale, string>>;
export type KitAgenda = KitManifest['agendas'][number];
export type KitActivity = KitAgenda['activities'][number];
export type KitPoster = KitManifest['posters'][number];
export type KitTerm = KitManifest['glossary'][number];
export type KitStation = KitManifest['stations'][number];
export type KitGrid = NonNullable<KitManifest['grid']>;
export type KitDimension = KitGrid['dimensions'][number];
export type KitCard = KitDimension['cards'][number];
export type KitCase = KitManifest['cases'][number];
export type KitCheckin = NonNullable<KitManifest['checkin']>;
export type KitReference = KitManifest['references'][number];
export type KitSource = KitManifest['sources'][number];
