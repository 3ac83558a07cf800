/**
 * Checks on file paths, shared by the zip reader, the folder reader and `parseKit`, so that a kit
 * is held to the same rules whatever it came from.
 */
import type { MessageKey } from '../i18n/catalogs';
import { KIT_LIMITS, kitPathPattern } from './kit-schema';

/**
 * Files that tools add on their own: hidden files and folders (`.DS_Store`, `.gitkeep`, `.git/`),
 * Finder's `__MACOSX/`, Windows' `Thumbs.db`/`desktop.ini`. The readers skip them: no author put
 * them in a kit on purpose, and refusing them would only confuse.
 */
export function isSystemJunk(path: string): boolean {
	const parts = path.split('/').filter((part) => part !== '');
	const base = parts[parts.length - 1] ?? '';
	return (
		parts[0] === '__MACOSX' ||
		parts.some((part) => part.startsWith('.') && part !== '.' && part !== '..') ||
		base === 'Thumbs.db' ||
		base === 'desktop.ini'
	);
}

/**
 * Why a raw path (as found in an archive or on disk, before any clean-up) is unsafe, or undefined
 * when it is a plain relative POSIX path.
 */
export function unsafePathReason(raw: string): MessageKey | undefined {
	if (raw.includes('\\')) return 'kits.issue.zipBackslash';
	if (raw.startsWith('/')) return 'kits.issue.zipAbsolutePath';
	if (/^[A-Za-z]:/.test(raw)) return 'kits.issue.zipAbsolutePath';
	if (raw.split('/').some((part) => part === '..')) return 'kits.issue.zipTraversal';
	if (/[\u0000-\u001f\u007f]/.test(raw)) return 'kits.issue.fileName';
	return undefined;
}

/** Why a cleaned-up kit path breaks the kit's path rules (characters, depth, length). */
export function kitPathProblem(path: string): MessageKey | undefined {
	if (path.length > KIT_LIMITS.pathLength) return 'kits.issue.pathTooLong';
	if (!kitPathPattern.test(path)) return 'kits.issue.fileName';
	if (path.split('/').length > KIT_LIMITS.pathDepth) return 'kits.issue.pathTooDeep';
	return undefined;
}

/**
 * When every path sits in one top-level folder and there is no `kit.json` at the root (the usual
 * result of zipping a folder), returns the paths without that folder; otherwise the paths as is.
 */
export function stripSingleTopFolder(paths: readonly string[]): { prefix: string; paths: string[] } {
	if (paths.length === 0 || paths.includes('kit.json')) return { prefix: '', paths: [...paths] };
	const first = paths[0]!.split('/')[0]!;
	const prefix = `${first}/`;
	if (!paths.every((p) => p.startsWith(prefix) && p.length > prefix.length)) return { prefix: '', paths: [...paths] };
	return { prefix, paths: paths.map((p) => p.slice(prefix.length)) };
}
