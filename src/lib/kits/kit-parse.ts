/**
 * The one loader every kit goes through, whatever its source (zip, folder, bundled): file-level
 * limits → kit.json (UTF-8, JSON) → schema of its format, format 1 upgraded to 2 → cross-checks →
 * defaults → package with hash. `parseKit` (the full check) lives with the cross-checks in
 * kit-validate.ts, so that the app, which opens kits already checked, loads them (and the
 * Markdown parser) only to import a new kit.
 */
import { KIT_LIMITS, type KitFormat, type KitManifestV2 } from './kit-schema';
import { readKitSource, withKitDefaults } from './kit-normalize';
import type { Result } from '../result';
import { kitFailure, kitIssue, type KitProblem, type KitFiles, type KitIssue, type KitPackage, type KitResult } from './kit-types';
import { capIssues } from './kit-issues';
import { kitPathProblem } from './kit-paths';

const MANIFEST = 'kit.json';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Limits on the set of files, whatever the manifest says. */
export function checkKitFiles(files: KitFiles): KitIssue[] {
	const issues: KitIssue[] = [];
	if (files.size > KIT_LIMITS.files) issues.push(kitIssue('', '', 'kits.issue.tooManyFiles', { max: KIT_LIMITS.files, count: files.size }));
	let total = 0;
	for (const [path, bytes] of files) {
		const problem = kitPathProblem(path);
		if (problem) issues.push(kitIssue(path, '', problem, { target: path, value: path, max: problem === 'kits.issue.pathTooDeep' ? KIT_LIMITS.pathDepth : KIT_LIMITS.pathLength }));
		if (bytes.length > KIT_LIMITS.fileBytes) issues.push(kitIssue(path, '', 'kits.issue.fileTooLarge', { max: KIT_LIMITS.fileBytes, size: bytes.length }));
		total += bytes.length;
	}
	if (total > KIT_LIMITS.totalBytes) issues.push(kitIssue('', '', 'kits.issue.kitTooLarge', { max: KIT_LIMITS.totalBytes, size: total }));
	return issues;
}

/** Line and column (1-based) of a JSON syntax error, from the engine's message when it gives one. */
function jsonErrorPosition(text: string, error: unknown): { line: number; column: number } | undefined {
	const message = error instanceof Error ? error.message : String(error);
	const lineColumn = /line (\d+) column (\d+)/.exec(message);
	if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
	const position = /position (\d+)/.exec(message);
	if (!position) return undefined;
	const before = text.slice(0, Number(position[1]));
	const lines = before.split('\n');
	return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

function readManifestJson(files: KitFiles): Result<unknown, KitProblem> {
	const bytes = files.get(MANIFEST);
	if (!bytes) return kitFailure([kitIssue(MANIFEST, '', 'kits.issue.manifestMissing')]);
	if (bytes.length > KIT_LIMITS.manifestBytes) {
		return kitFailure([kitIssue(MANIFEST, '', 'kits.issue.fileTooLarge', { max: KIT_LIMITS.manifestBytes, size: bytes.length })]);
	}
	let text: string;
	try {
		text = utf8.decode(bytes);
	} catch {
		return kitFailure([kitIssue(MANIFEST, '', 'kits.issue.encoding')]);
	}
	if (text.startsWith('\uFEFF')) text = text.slice(1);
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		const at = jsonErrorPosition(text, error);
		return kitFailure([at ? kitIssue(MANIFEST, '', 'kits.issue.jsonSyntax', at) : kitIssue(MANIFEST, '', 'kits.issue.jsonSyntaxNoPosition')]);
	}
}

/** The cross-checks (`crossCheckKit`), or undefined when they are skipped (see `parseHashedKit`). */
export type KitCrossCheck = ((source: KitManifestV2, files: KitFiles, format: KitFormat) => KitIssue[]) | undefined;

/**
 * Version of the checks `parseKit` makes. A kit hash recorded as "checked" (the bundled index, an
 * imported kit's row) counts only with the version it was checked by: bump this whenever a check
 * is added or changed, so that kits checked by an older app are checked again in full.
 */
/** 2: image pixel sizes (`image-size.ts`). 3: format 2 (check-in questions, scale values). */
export const KIT_CHECKS_VERSION = 3;

/**
 * `parseKit` for callers that computed `hash` from these very `files` (`readKitZip`). When
 * `crossCheck` is undefined, the hash equals that of a kit which passed every check of this
 * version: the files are byte for byte the ones checked, so the cross-checks (a pure function of
 * the files, and the costly part: every Markdown text is parsed) would give the same empty answer
 * and are skipped. The file limits, the JSON and the schema are still checked, since they build
 * the manifest the app uses. Passing the cross-checks in lets the app load them (and `marked`)
 * only when a kit is checked in full.
 */
export function parseHashedKit(files: KitFiles, hash: string, crossCheck: KitCrossCheck): KitResult {
	const fileIssues = checkKitFiles(files);
	if (fileIssues.length > 0) return kitFailure(capIssues(fileIssues));
	const json = readManifestJson(files);
	if (!json.ok) return json;
	const read = readKitSource(json.value);
	if (!read.ok) return read;
	const { source, format } = read.value;
	if (crossCheck) {
		const cross = crossCheck(source, files, format);
		if (cross.length > 0) return kitFailure(capIssues(cross));
	}
	const copy: KitFiles = new Map(files);
	const kit: KitPackage = { manifest: withKitDefaults(source), format, hash, files: copy };
	return { ok: true, value: kit };
}

/** A text file of a validated kit, decoded as UTF-8 (byte order mark removed). */
export function readKitText(kit: KitPackage, path: string): string {
	const bytes = kit.files.get(path);
	if (!bytes) throw new Error(`Kit ${kit.manifest.id}: no file ${path}`);
	const text = new TextDecoder('utf-8').decode(bytes);
	return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
