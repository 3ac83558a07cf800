/**
 * `npm run kit:check <folder-or-zip> [more…]`: validates workshop kits exactly as the app does and
 * prints every issue in the user's language (LC_ALL / LANG). Exit code 1 if any kit is invalid.
 *
 * Imports use relative paths: tsx does not know SvelteKit's `$lib` alias, and the i18n index
 * pulls in runes code that only runs inside Svelte.
 */
import { readFileSync, statSync } from 'node:fs';
import { formatKitIssue, KIT_LIMITS, readKitZip, type KitResult } from '../src/lib/kits/index';
import { localeFromEnv, readKitFolder } from '../src/lib/kits/kit-folder.server';
import { kitFailure, kitIssue } from '../src/lib/kits/kit-types';
import '../src/lib/i18n/all-catalogs';
import { translate } from '../src/lib/i18n/translate';

async function check(source: string): Promise<KitResult> {
	try {
		const stat = statSync(source);
		if (stat.isDirectory()) return readKitFolder(source);
		if (stat.size > KIT_LIMITS.zipBytes) {
			return kitFailure([kitIssue('', '', 'kits.issue.zipTooLarge', { max: KIT_LIMITS.zipBytes, size: stat.size })]);
		}
		return await readKitZip(new Uint8Array(readFileSync(source)));
	} catch {
		return kitFailure([kitIssue('', '', 'kits.issue.readError', { target: source })]);
	}
}

async function main(args: string[]): Promise<number> {
	const locale = localeFromEnv();
	if (args.length === 0) {
		console.error(translate(locale, 'kits.check.usage'));
		return 2;
	}
	let failed = false;
	for (const source of args) {
		const result = await check(source);
		if (result.ok) {
			const m = result.value.manifest;
			console.log(
				translate(locale, 'kits.check.valid', {
					source,
					format: result.value.format,
					id: m.id,
					version: m.version,
					agendas: m.agendas.length,
					posters: m.posters.length,
					terms: m.glossary.length,
					stations: m.stations.length,
					cards: m.grid?.dimensions.reduce((n, d) => n + d.cards.length, 0) ?? 0,
					cases: m.cases.length,
					files: result.value.files.size
				})
			);
		} else {
			failed = true;
			console.log(translate(locale, 'kits.check.invalid', { source, count: result.problem.detail.length }));
			for (const issue of result.problem.detail) console.log(`  ${formatKitIssue(issue, locale)}`);
		}
	}
	return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
