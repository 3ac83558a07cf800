/**
 * Reads a kit from a folder on disk (Node only: the CLI, the build plugin and tests; the `.server`
 * suffix makes SvelteKit refuse it in browser code). Same rules as the zip reader: no symlinks,
 * nothing outside the folder, the same size and count limits, and sizes checked from `lstat`
 * before any file is read.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KIT_LIMITS } from './kit-schema';
import type { Result } from '../result';
import { kitFailure, kitIssue, type KitFiles, type KitProblem, type KitIssue, type KitResult } from './kit-types';
import { isSystemJunk, kitPathProblem } from './kit-paths';
import { capIssues } from './kit-issues';
import { parseKit } from './kit-validate';
import { negotiateLocale, type Locale } from '../i18n/catalogs';

/** Collects the files of a kit folder, or the issues that stop it from being read. */
export function readKitFolderFiles(root: string): Result<KitFiles, KitProblem> {
	const issues: KitIssue[] = [];
	const files: KitFiles = new Map();
	let total = 0;
	try {
		if (!lstatSync(root).isDirectory()) return kitFailure([kitIssue('', '', 'kits.issue.readError', { target: root })]);
	} catch {
		return kitFailure([kitIssue('', '', 'kits.issue.readError', { target: root })]);
	}
	const visit = (relative: string, depth: number): void => {
		if (issues.some((i) => i.key === 'kits.issue.tooManyFiles' || i.key === 'kits.issue.kitTooLarge')) return;
		const names = readdirSync(join(root, relative)).sort();
		for (const name of names) {
			const path = relative === '' ? name : `${relative}/${name}`;
			if (isSystemJunk(path)) continue;
			const stat = lstatSync(join(root, path));
			if (stat.isSymbolicLink()) {
				issues.push(kitIssue(path, '', 'kits.issue.symlink', { target: path }));
			} else if (stat.isDirectory()) {
				if (depth + 1 >= KIT_LIMITS.pathDepth) issues.push(kitIssue(path, '', 'kits.issue.pathTooDeep', { target: path, max: KIT_LIMITS.pathDepth }));
				else visit(path, depth + 1);
			} else if (!stat.isFile()) {
				issues.push(kitIssue(path, '', 'kits.issue.readError', { target: path }));
			} else {
				const problem = kitPathProblem(path);
				if (problem) issues.push(kitIssue(path, '', problem, { target: path, value: path, max: problem === 'kits.issue.pathTooDeep' ? KIT_LIMITS.pathDepth : KIT_LIMITS.pathLength }));
				else if (stat.size > KIT_LIMITS.fileBytes) issues.push(kitIssue(path, '', 'kits.issue.fileTooLarge', { max: KIT_LIMITS.fileBytes, size: stat.size }));
				else if (files.size >= KIT_LIMITS.files) issues.push(kitIssue('', '', 'kits.issue.tooManyFiles', { max: KIT_LIMITS.files, count: files.size + 1 }));
				else if (total + stat.size > KIT_LIMITS.totalBytes) issues.push(kitIssue('', '', 'kits.issue.kitTooLarge', { max: KIT_LIMITS.totalBytes, size: total + stat.size }));
				else {
					files.set(path, new Uint8Array(readFileSync(join(root, path))));
					total += stat.size;
				}
			}
			// Past a kit-wide limit, reading on would only waste time and memory.
			if (issues.some((i) => i.key === 'kits.issue.tooManyFiles' || i.key === 'kits.issue.kitTooLarge')) return;
		}
	};
	try {
		visit('', 0);
	} catch {
		issues.push(kitIssue('', '', 'kits.issue.readError', { target: root }));
	}
	return issues.length > 0 ? kitFailure(capIssues(issues)) : { ok: true, value: files };
}

/** Reads and validates a kit folder with `parseKit`. */
export function readKitFolder(root: string): KitResult {
	const read = readKitFolderFiles(root);
	return read.ok ? parseKit(read.value) : read;
}

/** The user's language for command-line output, from LC_ALL, LC_MESSAGES or LANG ("fr_CA.UTF-8"). */
export function localeFromEnv(env: NodeJS.ProcessEnv = process.env): Locale {
	const raw = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '' && v !== 'C' && v !== 'POSIX');
	return negotiateLocale(raw ? [raw.replace('_', '-')] : []);
}
