/**
 * The shapes every kit reader and consumer shares. Kept apart from the readers so that the UI can
 * import the types without pulling in the zip or Markdown code.
 */
import type { MessageKey } from '../i18n/catalogs';
import type { MessageParams } from '../i18n/translate';
import type { Localized } from '../i18n/localize';
import type { KitFormat, KitLocale } from './kit-schema';
import type { KitManifest } from './kit-normalize';
import type { Failure, Problem, Result } from '../result';

/** The files of one kit: kit-relative POSIX path → bytes. */
export type KitFiles = Map<string, Uint8Array>;

/** A kit that passed every check. `hash` identifies its exact content (see `hashKitFiles`). */
export interface KitPackage {
	/** Format 2 with its defaults applied, whatever format the kit was written in. */
	manifest: KitManifest;
	/** The format `kit.json` was written in (a format-1 kit is upgraded when read). */
	format: KitFormat;
	/** Hex SHA-256 over the sorted (path, bytes) pairs of `files`. */
	hash: string;
	files: KitFiles;
}

/**
 * One problem found in a kit. `file` is the kit-relative file it concerns ('' for the archive
 * itself); `path` is the key path inside that file ("agendas[0].activities[2].durationMinutes"),
 * '' for the whole file. `key` + `params` are translated by `formatKitIssue` or by the UI.
 */
export interface KitIssue {
	file: string;
	path: string;
	key: MessageKey;
	params: MessageParams;
}

/**
 * Why a kit was refused: its first issue as the message, every issue (with its file and path) as
 * the detail. An empty list only comes from a caller's bug; it reads as an unreadable archive.
 */
export type KitProblem = Problem<MessageKey, KitIssue[]>;

export type KitResult = Result<KitPackage, KitProblem>;

/** The failure for these issues (see `KitProblem`). */
export function kitFailure(issues: KitIssue[]): Failure<KitProblem> {
	const first = issues[0];
	return { ok: false, problem: { key: first?.key ?? 'kits.issue.zipCorrupt', params: first?.params ?? {}, detail: issues } };
}

/** One entry of `static/kits/index.json`: a kit bundled with the app. */
export interface BundledKitEntry {
	id: string;
	version: string;
	hash: string;
	title: Localized;
	summary: Localized;
	languages: KitLocale[];
	/** Path of the zip relative to the site root, e.g. "kits/<id>.zip". */
	file: string;
	/** Size of the zip in bytes. */
	bytes: number;
	/** `KIT_CHECKS_VERSION` of the build that checked the kit (absent in older indexes). */
	checks?: number;
}

/** Builds an issue; kept tiny so that call sites read like the rule they enforce. */
export function kitIssue(file: string, path: string, key: MessageKey, params: MessageParams = {}): KitIssue {
	return { file, path, key, params };
}
