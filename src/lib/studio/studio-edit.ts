/**
 * Edit operations on a draft, as pure functions: each returns a new draft and leaves the old one
 * intact (the undo history keeps it). Paths are key paths into the manifest.
 */
import { KIT_LOCALES, type KitLocale } from '$lib/kits';
import { draftText, withFile, type StudioDraft } from './studio-draft';
import { getAt, insertAt, moveAt, removeAt, setAt, type KeyPath } from './studio-path';
import { uniqueId } from './studio-ids';

/** Sets a value in the manifest (`undefined` removes an optional field). */
export function setField(draft: StudioDraft, path: KeyPath, value: unknown): StudioDraft {
	return { ...draft, manifest: setAt(draft.manifest, path, value) };
}

/**
 * Sets one language of a text. An empty string removes that language; an optional text left with
 * no language at all is removed entirely (the format wants it absent, not empty).
 */
export function setText(draft: StudioDraft, path: KeyPath, lang: KitLocale, value: string, optional = false): StudioDraft {
	const current = getAt(draft.manifest, path);
	const text: Record<string, string> = typeof current === 'object' && current !== null ? { ...(current as Record<string, string>) } : {};
	if (value === '') delete text[lang];
	else text[lang] = value;
	const ordered: Record<string, string> = {};
	for (const l of KIT_LOCALES) if (text[l] !== undefined) ordered[l] = text[l];
	return setField(draft, path, optional && Object.keys(ordered).length === 0 ? undefined : ordered);
}

export function addItem(draft: StudioDraft, path: KeyPath, item: unknown): StudioDraft {
	return { ...draft, manifest: insertAt(draft.manifest, path, item) };
}

export function removeItem(draft: StudioDraft, path: KeyPath, index: number): StudioDraft {
	return { ...draft, manifest: removeAt(draft.manifest, path, index) };
}

export function moveItem(draft: StudioDraft, path: KeyPath, index: number, delta: -1 | 1): StudioDraft {
	const manifest = moveAt(draft.manifest, path, index, delta);
	return manifest === draft.manifest ? draft : { ...draft, manifest };
}

/** Ids of the items of the list at `path` (to make a new one unique). */
export function idsAt(draft: StudioDraft, path: KeyPath): string[] {
	const list = getAt(draft.manifest, path);
	return Array.isArray(list) ? list.map((item) => String((item as { id?: unknown })?.id ?? '')) : [];
}

/** Every card id of the grid: card ids are unique across dimensions. */
export function cardIds(draft: StudioDraft): string[] {
	return (draft.manifest.grid?.dimensions ?? []).flatMap((d) => (d.cards ?? []).map((c) => c.id));
}

/** The draft's primary language (the first it lists). */
export function primaryLanguage(draft: StudioDraft): KitLocale {
	return draft.manifest.languages?.[0] ?? 'fr-CA';
}

/** Adds or removes a language; the primary language stays first and cannot be removed. */
export function toggleLanguage(draft: StudioDraft, lang: KitLocale, on: boolean): StudioDraft {
	const current = draft.manifest.languages ?? [];
	if (!on && current[0] === lang) return draft;
	const set = new Set(current);
	if (on) set.add(lang);
	else set.delete(lang);
	const ordered = [...(current[0] ? [current[0]] : []), ...KIT_LOCALES.filter((l) => set.has(l) && l !== current[0])];
	return setField(draft, ['languages'], ordered);
}

/** Where a poster's body in `lang` is written when the poster has none yet. */
export function posterBodyPath(posterId: string, lang: KitLocale): string {
	return `posters/${posterId}.${lang}.md`;
}

/** Adds a poster titled `title`, with a body file in the primary language. */
export function addPoster(draft: StudioDraft, title: string): StudioDraft {
	const lang = primaryLanguage(draft);
	const posters = draft.manifest.posters ?? [];
	const id = uniqueId(title, posters.map((p) => p.id), 'affiche');
	const path = posterBodyPath(id, lang);
	const order = posters.reduce((n, p) => Math.max(n, Number(p.order) || 0), 0) + 1;
	const next = addItem(draft, ['posters'], { id, order, title: { [lang]: title }, body: { [lang]: path } });
	return withFile(next, path, `# ${title}\n`);
}

/**
 * Sets a poster's Markdown in one language. A secondary language's body cleared to nothing is
 * removed with its file; the primary language keeps its file.
 */
export function setPosterBody(draft: StudioDraft, index: number, lang: KitLocale, markdown: string): StudioDraft {
	const poster = draft.manifest.posters[index];
	if (!poster) return draft;
	const existing = poster.body?.[lang];
	if (markdown === '' && lang !== primaryLanguage(draft)) {
		if (!existing) return draft;
		return withFile(setField(draft, ['posters', index, 'body', lang], undefined), existing, undefined);
	}
	if (existing) return withFile(draft, existing, markdown);
	const path = posterBodyPath(poster.id, lang);
	return withFile(setField(draft, ['posters', index, 'body', lang], path), path, markdown);
}

/** The Markdown of a poster in one language ('' when it has none). */
export function posterBody(draft: StudioDraft, index: number, lang: KitLocale): string {
	return draftText(draft, draft.manifest.posters[index]?.body?.[lang]);
}

/** Files a manifest still names (poster bodies and images, reference files). */
function namedFiles(draft: StudioDraft): Set<string> {
	const m = draft.manifest;
	const named = new Set<string>();
	for (const p of m.posters ?? []) {
		for (const path of Object.values(p.body ?? {})) if (path) named.add(path);
		if (p.image?.src) named.add(p.image.src);
	}
	for (const r of m.references ?? []) if (r.file) named.add(r.file);
	return named;
}

/** Removes a poster and the files only it used. */
export function removePoster(draft: StudioDraft, index: number): StudioDraft {
	const poster = draft.manifest.posters[index];
	if (!poster) return draft;
	let next = removeItem(draft, ['posters'], index);
	const stillNamed = namedFiles(next);
	for (const path of [...Object.values(poster.body ?? {}), poster.image?.src]) {
		if (path && !stillNamed.has(path)) next = withFile(next, path, undefined);
	}
	return next;
}

/** Sets a poster's image (bytes already checked by the caller), replacing a previous one. */
export function setPosterImage(draft: StudioDraft, index: number, fileName: string, bytes: Uint8Array, alt: string): StudioDraft {
	const poster = draft.manifest.posters[index];
	if (!poster) return draft;
	const ext = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
	const path = `assets/${poster.id}.${ext}`;
	let next = draft;
	const previous = poster.image?.src;
	next = setField(next, ['posters', index, 'image'], { src: path, alt: poster.image?.alt ?? { [primaryLanguage(draft)]: alt } });
	if (previous && previous !== path && !namedFiles(next).has(previous)) next = withFile(next, previous, undefined);
	return withFile(next, path, bytes);
}

/** Removes a poster's image and its file. */
export function removePosterImage(draft: StudioDraft, index: number): StudioDraft {
	const src = draft.manifest.posters[index]?.image?.src;
	const next = setField(draft, ['posters', index, 'image'], undefined);
	return src && !namedFiles(next).has(src) ? withFile(next, src, undefined) : next;
}

/** Sets (or replaces) the CSV file of a reference table. */
export function setReferenceCsv(draft: StudioDraft, index: number, csv: Uint8Array): StudioDraft {
	const ref = draft.manifest.references[index];
	if (!ref) return draft;
	const path = ref.file || `data/${ref.id}.csv`;
	return withFile(setField(draft, ['references', index, 'file'], path), path, csv);
}

/** Removes a reference table and its file. */
export function removeReference(draft: StudioDraft, index: number): StudioDraft {
	const file = draft.manifest.references[index]?.file;
	const next = removeItem(draft, ['references'], index);
	return file && !namedFiles(next).has(file) ? withFile(next, file, undefined) : next;
}
