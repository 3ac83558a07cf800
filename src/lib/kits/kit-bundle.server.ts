/**
 * Builds the kits bundled with the app (Node only): every kit folder under `workshop-kits/`
 * becomes `static/kits/<id>.zip` plus `static/kits/index.json` (BundledKitEntry[], sorted by id).
 * Used by the Vite plugin in `scripts/bundled-kits-plugin.ts` and by the tests.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatKitIssue } from './kit-format-issue';
import { writeKitZip } from './kit-zip';
import type { BundledKitEntry } from './kit-types';
import { KIT_CHECKS_VERSION } from './kit-parse';
import { localeFromEnv, readKitFolder } from './kit-folder.server';
import '../i18n/all-catalogs';
import { translate } from '../i18n/translate';

/** Writes only when the bytes differ, so that the dev server does not reload for nothing. */
function writeIfChanged(path: string, bytes: Uint8Array): void {
	if (existsSync(path)) {
		const current = readFileSync(path);
		if (current.length === bytes.length && current.equals(bytes)) return;
	}
	writeFileSync(path, bytes);
}

/**
 * The kit folders of `kitsDir`: sub-folders holding a `kit.json`, sorted. A folder without one is
 * a kit still being written; it is skipped (and named by `pendingKitWarnings`).
 */
export function listKitFolders(kitsDir: string): string[] {
	return subFolders(kitsDir).filter((name) => existsSync(join(kitsDir, name, 'kit.json')));
}

/** One message per sub-folder of `kitsDir` that does not hold a `kit.json` yet. */
export function pendingKitWarnings(kitsDir: string): string[] {
	const locale = localeFromEnv();
	return subFolders(kitsDir)
		.filter((name) => !existsSync(join(kitsDir, name, 'kit.json')))
		.map((folder) => translate(locale, 'kits.bundle.pending', { folder }));
}

function subFolders(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((name) => !name.startsWith('.') && statSync(join(dir, name)).isDirectory())
		.sort();
}

/**
 * Validates every kit folder and writes the zips and the index. Throws an Error listing every
 * issue (in the language of LC_ALL/LANG) if any kit is invalid or two kits share an id.
 */
export function buildBundledKits(kitsDir: string, outDir: string): BundledKitEntry[] {
	const locale = localeFromEnv();
	const folders = listKitFolders(kitsDir);
	const problems: string[] = [];
	const built = new Map<string, { entry: BundledKitEntry; zip: Uint8Array; folder: string }>();
	for (const folder of folders) {
		const result = readKitFolder(join(kitsDir, folder));
		if (!result.ok) {
			problems.push(...result.problem.detail.map((issue) => `workshop-kits/${folder}: ${formatKitIssue(issue, locale)}`));
			continue;
		}
		const m = result.value.manifest;
		const previous = built.get(m.id);
		if (previous) {
			problems.push(`workshop-kits/${folder}: ${translate(locale, 'kits.bundle.duplicateId', { id: m.id, other: previous.folder })}`);
			continue;
		}
		// Every phone downloads these from the hub: images deflated too where that saves bytes.
		const zip = writeKitZip(result.value, { compressImages: true });
		const entry: BundledKitEntry = {
			id: m.id,
			version: m.version,
			hash: result.value.hash,
			title: m.title,
			summary: m.summary,
			languages: [...m.languages],
			file: `kits/${m.id}.zip`,
			bytes: zip.length,
			checks: KIT_CHECKS_VERSION
		};
		built.set(m.id, { entry, zip, folder });
	}
	if (problems.length > 0) {
		throw new Error(`${translate(locale, 'kits.bundle.failed', { count: problems.length })}\n${problems.map((p) => `  ${p}`).join('\n')}`);
	}
	mkdirSync(outDir, { recursive: true });
	const entries = [...built.values()].map((b) => b.entry).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	for (const { entry, zip } of built.values()) writeIfChanged(join(outDir, `${entry.id}.zip`), zip);
	for (const name of readdirSync(outDir)) {
		if (name.endsWith('.zip') && !built.has(name.slice(0, -4))) rmSync(join(outDir, name));
	}
	writeIfChanged(join(outDir, 'index.json'), new TextEncoder().encode(`${JSON.stringify(entries, null, '\t')}\n`));
	return entries;
}
