/**
 * Kit issues as sentences, for the CLI, the build and the import screen. Messages that concern a
 * field name it themselves ({path}), so the line reads: "<file> — <sentence>".
 */
import type { Locale } from '../i18n/catalogs';
import { translate } from '../i18n/translate';
import type { KitIssue } from './kit-types';

/** The sentence of an issue, in a locale, with its file and key path filled in. */
export function kitIssueMessage(issue: KitIssue, locale: Locale): string {
	// Issues about a whole file (Markdown, CSV) have no key path: the file name stands in for it.
	return translate(locale, issue.key, { file: issue.file, path: issue.path || issue.file, ...issue.params });
}

/** "posters/01.fr-CA.md — <sentence>", or the sentence alone for issues about the whole archive. */
export function formatKitIssue(issue: KitIssue, locale: Locale): string {
	const message = kitIssueMessage(issue, locale);
	return issue.file === '' ? message : `${issue.file} — ${message}`;
}
