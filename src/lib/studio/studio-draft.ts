/**
 * A draft: a kit's own content as the studio edits it. The manifest is the kit.json object as
 * edited (it may break any rule: the same validator as `kit:check` says where); every other file
 * is kept as bytes, so files the author did not touch leave the studio byte for byte as they came.
 */
import { KIT_FORMAT, type KitFiles, type KitLocale, type KitManifestV2, type KitPackage } from '$lib/kits';
import { uniqueId } from './studio-ids';

export const MANIFEST_FILE = 'kit.json';

/** The kit version a draft was adapted from (absent for a new kit). */
export interface DraftBase {
	id: string;
	version: string;
	hash: string;
}

export interface StudioDraft {
	/**
	 * kit.json as edited, in the current format as written (optional parts absent, never the
	 * defaults the app fills in). Typed as the format says; values may still break its rules.
	 */
	manifest: KitManifestV2;
	/** Every other file of the kit, kit-relative path → bytes. Replaced, never mutated. */
	files: Record<string, Uint8Array>;
	base?: DraftBase;
}

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** A draft of a validated kit. The manifest is read from kit.json itself, so its key order stays. */
export function fromKitPackage(kit: KitPackage): StudioDraft {
	const raw = kit.files.get(MANIFEST_FILE);
	let text = raw ? utf8.decode(raw) : JSON.stringify(kit.manifest);
	if (text.startsWith('\uFEFF')) text = text.slice(1);
	const files: Record<string, Uint8Array> = {};
	for (const [path, bytes] of kit.files) if (path !== MANIFEST_FILE) files[path] = bytes;
	const manifest = JSON.parse(text) as KitManifestV2 | { format: 1 };
	// A format-1 kit is a format-2 kit once its `format` says so (format 2 only relaxes and adds);
	// the key keeps its place, so kit.json's order survives.
	if (manifest.format === 1) (manifest as { format: number }).format = KIT_FORMAT;
	return {
		manifest: manifest as KitManifestV2,
		files,
		base: { id: kit.manifest.id, version: kit.manifest.version, hash: kit.hash }
	};
}

export interface NewKitTexts {
	title: string;
	agendaTitle: string;
	activityTitle: string;
	consent: string;
	licence: string;
}

/**
 * A new kit in one language, holding what any kit needs and nothing an author must delete: one
 * agenda with a welcome activity, version 1.0.0, a Creative Commons licence, a consent text.
 * `texts` are in `locale` (the caller takes them from the catalogs); `takenIds` are the kit ids
 * already on the device.
 */
export function newKit(locale: KitLocale, texts: NewKitTexts, takenIds: Iterable<string> = []): StudioDraft {
	const manifest = {
		format: KIT_FORMAT,
		id: uniqueId(texts.title, takenIds, 'trousse'),
		version: '1.0.0',
		languages: [locale],
		title: { [locale]: texts.title },
		summary: {},
		authors: [],
		sources: [],
		licence: { name: texts.licence, url: 'https://creativecommons.org/licenses/by/4.0/' },
		agendas: [
			{
				id: uniqueId(texts.agendaTitle, [], 'atelier'),
				title: { [locale]: texts.agendaTitle },
				activities: [{ id: uniqueId(texts.activityTitle, [], 'accueil'), kind: 'welcome', title: { [locale]: texts.activityTitle }, durationMinutes: 10 }]
			}
		],
		posters: [],
		glossary: [],
		stations: [],
		cases: [],
		consent: { [locale]: texts.consent },
		references: []
	} as unknown as KitManifestV2;
	return { manifest, files: {} };
}

/** kit.json as the studio writes it: two-space JSON and a final newline (stable across round trips). */
export function manifestText(manifest: KitManifestV2): string {
	return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The draft's files as a kit (what `writeKitZip` packs and `parseKit` checks). */
export function draftToFiles(draft: StudioDraft): KitFiles {
	const files: KitFiles = new Map();
	files.set(MANIFEST_FILE, encoder.encode(manifestText(draft.manifest)));
	for (const [path, bytes] of Object.entries(draft.files)) files.set(path, bytes);
	return files;
}

/** A text file of the draft (Markdown, CSV), '' when absent. */
export function draftText(draft: StudioDraft, path: string | undefined): string {
	if (!path) return '';
	const bytes = draft.files[path];
	if (!bytes) return '';
	const text = utf8.decode(bytes);
	return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** The draft with one file set (`undefined` removes it). Text is stored as UTF-8. */
export function withFile(draft: StudioDraft, path: string, content: string | Uint8Array | undefined): StudioDraft {
	const files = { ...draft.files };
	if (content === undefined) delete files[path];
	else files[path] = typeof content === 'string' ? encoder.encode(content) : content;
	return { ...draft, files };
}

/** "1.0.0" → "1.0.1"; a version that is not x.y.z gets "1.0.0". */
export function bumpPatch(version: string): string {
	const match = /^(\d{1,4})\.(\d{1,4})\.(\d{1,4})$/.exec(version);
	if (!match) return '1.0.0';
	return `${match[1]}.${match[2]}.${Number(match[3]) + 1}`;
}

/**
 * The version to save a draft under: its own, unless that version already exists on the device
 * (the version it was adapted from, or an earlier save), then the next free patch version.
 */
export function versionToSave(version: string, taken: ReadonlySet<string>): string {
	let next = /^\d{1,4}\.\d{1,4}\.\d{1,4}$/.test(version) ? version : '1.0.0';
	while (taken.has(next)) next = bumpPatch(next);
	return next;
}
