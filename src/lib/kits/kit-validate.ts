/**
 * Checks that the schema cannot express: ids unique within their collection, ids that point to
 * something that exists, activity kinds that need a part of the kit, languages, and the files the
 * manifest names (existence, size, Markdown rules, CSV rules). Runs only on a manifest that passed
 * its format's schema, in format 2 and as written (before defaults, see kit-normalize.ts).
 */
import { KIT_LIMITS, KIT_LOCALES, kitPathPattern, type KitFormat, type KitLocale, type KitManifestV2 } from './kit-schema';
import { checkinScaleOf } from './kit-normalize';
import { kitIssue, type KitFiles, type KitIssue } from './kit-types';
import { inspectKitMarkdown, isWebLink } from './kit-markdown';
import { readReferenceCsv } from './kit-csv';
import { kitImageType, KIT_IMAGE_EXTENSIONS } from './kit-assets';
import { imageTooLarge, KIT_IMAGE_LIMITS, readImageSize } from './image-size';
import { parseHashedKit } from './kit-parse';
import { hashKitFiles } from './kit-hash';
import type { KitResult } from './kit-types';

const MANIFEST = 'kit.json';
const utf8 = new TextDecoder('utf-8', { fatal: true });

type Localized = Partial<Record<KitLocale, string>>;

function uniqueIds(issues: KitIssue[], items: readonly { id: string }[], at: (index: number) => string): void {
	const seen = new Set<string>();
	items.forEach((item, index) => {
		if (seen.has(item.id)) issues.push(kitIssue(MANIFEST, `${at(index)}.id`, 'kits.issue.duplicateId', { id: item.id }));
		seen.add(item.id);
	});
}

function checkIds(m: KitManifestV2, issues: KitIssue[]): void {
	uniqueIds(issues, m.agendas, (i) => `agendas[${i}]`);
	m.agendas.forEach((a, i) => uniqueIds(issues, a.activities, (j) => `agendas[${i}].activities[${j}]`));
	uniqueIds(issues, m.posters, (i) => `posters[${i}]`);
	uniqueIds(issues, m.glossary, (i) => `glossary[${i}]`);
	uniqueIds(issues, m.stations, (i) => `stations[${i}]`);
	m.stations.forEach((s, i) => uniqueIds(issues, s.categories ?? [], (j) => `stations[${i}].categories[${j}]`));
	if (m.grid) {
		uniqueIds(issues, m.grid.dimensions, (i) => `grid.dimensions[${i}]`);
		const cards = m.grid.dimensions.flatMap((d, i) => d.cards.map((c, j) => ({ id: c.id, at: `grid.dimensions[${i}].cards[${j}]` })));
		uniqueIds(issues, cards, (k) => cards[k]!.at);
	}
	uniqueIds(issues, m.cases, (i) => `cases[${i}]`);
	m.cases.forEach((c, i) => uniqueIds(issues, c.questions, (j) => `cases[${i}].questions[${j}]`));
	uniqueIds(issues, m.references, (i) => `references[${i}]`);
}

function checkReferences(m: KitManifestV2, issues: KitIssue[]): void {
	const stations = new Set(m.stations.map((s) => s.id));
	const references = new Set(m.references.map((r) => r.id));
	const terms = new Set(m.glossary.map((t) => t.id));
	m.agendas.forEach((agenda, i) =>
		agenda.activities.forEach((act, j) => {
			const at = `agendas[${i}].activities[${j}]`;
			act.stations?.forEach((id, k) => {
				if (!stations.has(id)) issues.push(kitIssue(MANIFEST, `${at}.stations[${k}]`, 'kits.issue.unknownStation', { id }));
			});
			if (act.reference !== undefined && !references.has(act.reference)) {
				issues.push(kitIssue(MANIFEST, `${at}.reference`, 'kits.issue.unknownReference', { id: act.reference }));
			}
			const kind = `${at}.kind`;
			if (act.kind === 'card-game' && !m.grid) issues.push(kitIssue(MANIFEST, kind, 'kits.issue.needsGrid'));
			if (act.kind === 'cases' && m.cases.length === 0) issues.push(kitIssue(MANIFEST, kind, 'kits.issue.needsCases'));
			if (act.kind === 'registry' && act.reference === undefined) issues.push(kitIssue(MANIFEST, kind, 'kits.issue.needsReference'));
			if (act.kind === 'checkin' && !m.checkin) issues.push(kitIssue(MANIFEST, kind, 'kits.issue.needsCheckin'));
			if (act.kind === 'checkin' && m.checkin && !act.checkin?.question && !m.checkin.question) {
				issues.push(kitIssue(MANIFEST, `${at}.checkin`, 'kits.issue.needsCheckinQuestion'));
			}
			if (act.kind !== 'checkin' && act.checkin) issues.push(kitIssue(MANIFEST, `${at}.checkin`, 'kits.issue.checkinNotCheckin', { kind: act.kind }));
			if (act.kind === 'gallery' && m.posters.length === 0) issues.push(kitIssue(MANIFEST, kind, 'kits.issue.needsPosters'));
		})
	);
	m.glossary.forEach((term, i) =>
		term.related?.forEach((id, k) => {
			if (!terms.has(id)) issues.push(kitIssue(MANIFEST, `glossary[${i}].related[${k}]`, 'kits.issue.unknownTerm', { id }));
		})
	);
	if (m.grid) {
		const cards = m.grid.dimensions.reduce((n, d) => n + d.cards.length, 0);
		if (m.grid.keep > cards + m.grid.blankCards) {
			issues.push(kitIssue(MANIFEST, 'grid.keep', 'kits.issue.gridKeep', { keep: m.grid.keep, cards, blank: m.grid.blankCards }));
		}
	}
}

/**
 * The check-in scale's values are distinct (a value is what an answer stores), and, in format 2,
 * an agenda has at most two check-ins: answers are stored as "start" (the first) and "end" (any
 * later one), so a third check-in asking its own question would mix its answers with the second's.
 * Format 1 kits, whose check-ins all ask the one kit question, keep loading as they did.
 */
function checkCheckins(m: KitManifestV2, format: KitFormat, issues: KitIssue[]): void {
	const seen = new Set<number>();
	checkinScaleOf(m)?.forEach((choice, k) => {
		if (seen.has(choice.value)) issues.push(kitIssue(MANIFEST, `checkin.scale[${k}].value`, 'kits.issue.duplicateScaleValue', { value: choice.value }));
		seen.add(choice.value);
	});
	if (format === 1) return;
	m.agendas.forEach((agenda, i) => {
		const count = agenda.activities.filter((a) => a.kind === 'checkin').length;
		if (count > 2) issues.push(kitIssue(MANIFEST, `agendas[${i}].activities`, 'kits.issue.tooManyCheckins', { count }));
	});
}

function isLocalizedObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const keys = Object.keys(value);
	return keys.length > 0 && keys.every((k) => (KIT_LOCALES as readonly string[]).includes(k));
}

/** Every text (and every per-language file) has the primary language and no undeclared language. */
function checkLanguages(m: KitManifestV2, issues: KitIssue[]): void {
	const [primary] = m.languages;
	const declared = new Set<string>(m.languages);
	const walk = (value: unknown, path: string): void => {
		if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${path}[${i}]`));
		if (typeof value !== 'object' || value === null) return;
		if (isLocalizedObject(value)) {
			const main = value[primary!];
			if (typeof main !== 'string' || main.trim() === '') {
				issues.push(kitIssue(MANIFEST, path, 'kits.issue.missingPrimaryLanguage', { language: primary! }));
			}
			for (const lang of Object.keys(value)) {
				if (!declared.has(lang)) issues.push(kitIssue(MANIFEST, `${path}.${lang}`, 'kits.issue.undeclaredLanguage', { language: lang }));
			}
			return;
		}
		for (const [key, child] of Object.entries(value)) walk(child, path === '' ? key : `${path}.${key}`);
	};
	walk(m, '');
	m.posters.forEach((p, i) => {
		if (Object.keys(p.body).length === 0) {
			issues.push(kitIssue(MANIFEST, `posters[${i}].body`, 'kits.issue.missingPrimaryLanguage', { language: primary! }));
		}
	});
}

/** The Localized fields whose text is Markdown, with their key paths. */
function markdownTexts(m: KitManifestV2): { path: string; text: Localized }[] {
	const out: { path: string; text: Localized }[] = [{ path: 'summary', text: m.summary }, { path: 'consent', text: m.consent }];
	if (m.credits) out.push({ path: 'credits', text: m.credits });
	m.agendas.forEach((a, i) => {
		if (a.summary) out.push({ path: `agendas[${i}].summary`, text: a.summary });
		a.activities.forEach((act, j) => {
			if (act.instructions) out.push({ path: `agendas[${i}].activities[${j}].instructions`, text: act.instructions });
		});
	});
	m.glossary.forEach((t, i) => out.push({ path: `glossary[${i}].definition`, text: t.definition }));
	m.stations.forEach((s, i) => {
		if (s.help) out.push({ path: `stations[${i}].help`, text: s.help });
	});
	if (m.grid?.instructions) out.push({ path: 'grid.instructions', text: m.grid.instructions });
	m.cases.forEach((c, i) => {
		out.push({ path: `cases[${i}].description`, text: c.description }, { path: `cases[${i}].context`, text: c.context });
	});
	m.references.forEach((r, i) => out.push({ path: `references[${i}].description`, text: r.description }));
	return out;
}

function checkImageFile(files: KitFiles, target: string, file: string, path: string, issues: KitIssue[]): void {
	const bytes = files.get(target);
	if (!bytes) return void issues.push(kitIssue(file, path, 'kits.issue.fileMissing', { target }));
	if (bytes.length > KIT_LIMITS.fileBytes) return void issues.push(kitIssue(target, '', 'kits.issue.fileTooLarge', { max: KIT_LIMITS.fileBytes, size: bytes.length }));
	const type = kitImageType(target, bytes);
	if (!type) return void issues.push(kitIssue(target, '', 'kits.issue.imageType', { extensions: KIT_IMAGE_EXTENSIONS.join(', ') }));
	// A small file can hold a huge image: refuse what a tablet cannot decode, before it shows broken.
	const size = readImageSize(type, bytes);
	if (!size) return void issues.push(kitIssue(target, '', 'kits.issue.imageUnreadable', { target }));
	if (imageTooLarge(size)) {
		issues.push(
			kitIssue(target, '', 'kits.issue.imageTooLarge', {
				target,
				width: size.width,
				height: size.height,
				side: KIT_IMAGE_LIMITS.side,
				megapixels: KIT_IMAGE_LIMITS.pixels / 1_000_000
			})
		);
	}
}

function checkMarkdown(markdown: string, file: string, path: string, ctx: { files: KitFiles; terms: Set<string> }, issues: KitIssue[]): void {
	for (const f of inspectKitMarkdown(markdown)) {
		if (f.kind === 'html') issues.push(kitIssue(file, path, 'kits.issue.markdownHtml', { snippet: f.snippet }));
		else if (f.kind === 'term') {
			if (!ctx.terms.has(f.id)) issues.push(kitIssue(file, path, 'kits.issue.markdownTerm', { id: f.id }));
		} else if (f.kind === 'link') {
			if (!isWebLink(f.href)) issues.push(kitIssue(file, path, 'kits.issue.markdownLink', { target: f.href }));
		} else if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(f.href)) {
			issues.push(kitIssue(file, path, 'kits.issue.markdownRemoteImage', { target: f.href }));
		} else if (!kitPathPattern.test(f.href)) {
			issues.push(kitIssue(file, path, 'kits.issue.markdownImagePath', { target: f.href }));
		} else {
			checkImageFile(ctx.files, f.href, file, path, issues);
		}
	}
}

function checkFiles(m: KitManifestV2, files: KitFiles, issues: KitIssue[]): void {
	const ctx = { files, terms: new Set(m.glossary.map((t) => t.id)) };
	for (const { path, text } of markdownTexts(m)) {
		for (const [lang, value] of Object.entries(text)) {
			if (typeof value === 'string') checkMarkdown(value, MANIFEST, `${path}.${lang}`, ctx, issues);
		}
	}
	m.posters.forEach((poster, i) => {
		for (const [lang, target] of Object.entries(poster.body)) {
			if (target === undefined) continue;
			const bytes = files.get(target);
			if (!bytes) {
				issues.push(kitIssue(MANIFEST, `posters[${i}].body.${lang}`, 'kits.issue.fileMissing', { target }));
				continue;
			}
			if (bytes.length > KIT_LIMITS.markdownBytes) {
				issues.push(kitIssue(target, '', 'kits.issue.fileTooLarge', { max: KIT_LIMITS.markdownBytes, size: bytes.length }));
				continue;
			}
			let markdown: string;
			try {
				markdown = utf8.decode(bytes);
			} catch {
				issues.push(kitIssue(target, '', 'kits.issue.encoding'));
				continue;
			}
			checkMarkdown(markdown, target, '', ctx, issues);
		}
		if (poster.image) checkImageFile(files, poster.image.src, MANIFEST, `posters[${i}].image.src`, issues);
	});
	m.references.forEach((ref, i) => {
		const bytes = files.get(ref.file);
		if (!bytes) return void issues.push(kitIssue(MANIFEST, `references[${i}].file`, 'kits.issue.fileMissing', { target: ref.file }));
		const result = readReferenceCsv(bytes, ref);
		if (!result.ok) issues.push(kitIssue(ref.file, '', result.problem.key, result.problem.params));
	});
}

/** All cross-checks of a manifest that passed its schema (upgraded to format 2), against the kit's files. */
export function crossCheckKit(manifest: KitManifestV2, files: KitFiles, format: KitFormat): KitIssue[] {
	const issues: KitIssue[] = [];
	checkIds(manifest, issues);
	checkReferences(manifest, issues);
	checkCheckins(manifest, format, issues);
	checkLanguages(manifest, issues);
	checkFiles(manifest, files, issues);
	// A file used twice (an image on a poster and in its text) is reported once.
	const seen = new Set<string>();
	return issues.filter((issue) => {
		const id = JSON.stringify([issue.file, issue.path, issue.key, issue.params]);
		if (seen.has(id)) return false;
		seen.add(id);
		return true;
	});
}

/**
 * Validates a kit's files and returns the package, or every issue found. Never throws on bad
 * input. The returned `files` map is a copy: later changes to the caller's map do not affect it.
 */
export function parseKit(files: KitFiles): KitResult {
	return parseHashedKit(files, hashKitFiles(files), crossCheckKit);
}
