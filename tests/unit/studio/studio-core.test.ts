import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { kitIdPattern, parseKit, readKitZip, writeKitZip, type KitPackage } from '$lib/kits';
import { readKitFolder } from '$lib/kits/kit-folder.server';
import {
	addItem,
	addPoster,
	checkDraft,
	draftToFiles,
	DraftHistory,
	fromKitPackage,
	manifestText,
	missingTranslations,
	moveItem,
	newKit,
	posterBody,
	removePoster,
	setField,
	setPosterBody,
	setText,
	slugify,
	toggleLanguage,
	uniqueId,
	versionToSave,
	type StudioDraft
} from '$lib/studio';

const QC = resolve('workshop-kits/dialogue-ia-services-publics');
const TEXTS = { title: 'Œuvres protégées', agendaTitle: 'Atelier', activityTitle: 'Accueil', consent: 'Vous participez librement.', licence: 'CC BY 4.0' };

function bundled(): KitPackage {
	const result = readKitFolder(QC);
	if (!result.ok) throw new Error('bundled kit does not load');
	return result.value;
}

async function zipRoundTrip(draft: StudioDraft): Promise<KitPackage> {
	const parsed = parseKit(draftToFiles(draft));
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
	const read = await readKitZip(writeKitZip(parsed.value));
	if (!read.ok) throw new Error(JSON.stringify(read.problem));
	return read.value;
}

describe('ids from titles', () => {
	it('transliterates letters instead of dropping them', () => {
		expect(slugify('Œuvres protégées')).toBe('oeuvres-protegees');
		expect(slugify('Æsthétique')).toBe('aesthetique');
		expect(slugify('Straße')).toBe('strasse');
		expect(slugify('  Qu’est-ce que l’IA?  ')).toBe('qu-est-ce-que-l-ia');
		expect(slugify('Søren & Łukasz')).toBe('soren-et-lukasz');
		expect(slugify('!!!')).toBe('');
	});

	it('makes ids unique within their list and always valid', () => {
		expect(uniqueId('Station', ['station'])).toBe('station-2');
		expect(uniqueId('Station', ['station', 'station-2'])).toBe('station-3');
		expect(uniqueId('???', [], 'carte')).toBe('carte');
		const long = uniqueId('a'.repeat(80), ['a'.repeat(64)]);
		expect(long).toMatch(kitIdPattern);
		expect(long.endsWith('-2')).toBe(true);
	});
});

describe('drafts', () => {
	it('round trip: zip → draft → zip gives the same files, untouched posters byte-equal', async () => {
		const kit = bundled();
		const first = await zipRoundTrip(fromKitPackage(kit));
		const original = kit.files.get('kit.json')!;
		// kit.json is normalized once (two-space JSON); its content is the same.
		expect(JSON.parse(new TextDecoder().decode(first.files.get('kit.json')))).toEqual(JSON.parse(new TextDecoder().decode(original)));
		for (const [path, bytes] of kit.files) if (path !== 'kit.json') expect(first.files.get(path), path).toEqual(bytes);
		expect([...first.files.keys()].sort()).toEqual([...kit.files.keys()].sort());
		// From then on the round trip is byte-stable, archive included.
		const second = await zipRoundTrip(fromKitPackage(first));
		expect(writeKitZip(second)).toEqual(writeKitZip(first));
	});

	it('changing one card and one poster changes only kit.json and that poster file', async () => {
		const kit = bundled();
		let draft = fromKitPackage(kit);
		draft = setText(draft, ['grid', 'dimensions', 0, 'cards', 0, 'title'], 'fr-CA', 'Carte changée');
		draft = setPosterBody(draft, 1, 'fr-CA', '# Affiche changée\n');
		const changed = await zipRoundTrip(draft);
		const before = await zipRoundTrip(fromKitPackage(kit));
		const differ = [...changed.files.keys()].filter((p) => !equal(changed.files.get(p)!, before.files.get(p)));
		expect(differ.sort()).toEqual(['kit.json', kit.manifest.posters[1]!.body['fr-CA']!].sort());
	});

	it('a new kit is the format plus what the author must still write, and becomes valid once written', () => {
		const draft = newKit('fr-CA', TEXTS, ['oeuvres-protegees']);
		expect(draft.manifest.id).toBe('oeuvres-protegees-2');
		expect(draft.manifest.version).toBe('1.0.0');
		const check = checkDraft(draft);
		expect(check.ok).toBe(false);
		const fields = check.ok ? [] : check.problem.detail.map((i) => i.field);
		expect(fields).toContain('summary.fr-CA');
		expect(fields).toContain('authors');
		// Instructions are optional in format 2 (the app gives each kind of activity its own).
		expect(fields.filter((f) => f.includes('instructions'))).toEqual([]);
		expect(draft.manifest.format).toBe(2);
		expect(checkDraft(writtenKit())).toMatchObject({ ok: true });
	});

	it('a check-in activity asks its own question; clearing it leaves no empty check-in behind', () => {
		let draft = writtenKit();
		draft = setField(draft, ['checkin'], { scale: [{ label: { 'fr-CA': 'Peu' } }, { label: { 'fr-CA': 'Beaucoup' } }], question: { 'fr-CA': 'En arrivant?' } });
		draft = addItem(draft, ['agendas', 0, 'activities'], { id: 'meteo-fin', kind: 'checkin', title: { 'fr-CA': 'Météo de fin' }, durationMinutes: 5 });
		const question = ['agendas', 0, 'activities', 1, 'checkin', 'question'] as const;
		draft = setText(draft, question, 'fr-CA', 'Et maintenant?', true);
		expect(checkDraft(draft)).toMatchObject({ ok: true });
		const parsed = parseKit(draftToFiles(draft));
		expect(parsed.ok && parsed.value.manifest.agendas[0]!.activities[1]!.checkin?.question).toEqual({ 'fr-CA': 'Et maintenant?' });
		// Scale choices without values are worth their position.
		expect(parsed.ok && parsed.value.manifest.checkinScale?.map((c) => c.value)).toEqual([1, 2]);
		draft = setText(draft, question, 'fr-CA', '', true);
		expect(draft.manifest.agendas[0]!.activities[1]).not.toHaveProperty('checkin');
		expect(checkDraft(draft)).toMatchObject({ ok: true });
	});

	it('a format-1 kit adapted is written in format 2, its content otherwise unchanged', async () => {
		const result = readKitFolder(resolve('workshop-kits/library-ai-conversation'));
		if (!result.ok) throw new Error('bundled kit does not load');
		expect(result.value.format).toBe(1);
		const before = JSON.parse(new TextDecoder().decode(result.value.files.get('kit.json')));
		const draft = fromKitPackage(result.value);
		expect(draft.manifest.format).toBe(2);
		expect({ ...(draft.manifest as object), format: 1 }).toEqual(before);
		expect(Object.keys(draft.manifest)).toEqual(Object.keys(before));
		const again = await zipRoundTrip(draft);
		expect(again.format).toBe(2);
		expect(again.manifest.title).toEqual(result.value.manifest.title);
	});

	it('places issues of poster files on the poster body field', () => {
		let draft = writtenKit();
		draft = addPoster(draft, 'Première affiche');
		draft = setPosterBody(draft, 0, 'fr-CA', '<script>x</script>');
		const check = checkDraft(draft);
		const placed = check.ok ? [] : check.problem.detail.filter((i) => i.field === 'posters[0].body.fr-CA');
		expect(placed.map((p) => p.issue.key)).toContain('kits.issue.markdownHtml');
		expect(placed[0]?.section).toBe('posters');
		expect(posterBody(draft, 0, 'fr-CA')).toBe('<script>x</script>');
		const removed = removePoster(draft, 0);
		expect(Object.keys(removed.files)).toEqual([]);
	});

	it('a second-language poster body cleared is removed with its file', () => {
		let draft = toggleLanguage(newKit('fr-CA', TEXTS), 'en', true);
		draft = addPoster(draft, 'Affiche');
		draft = setPosterBody(draft, 0, 'en', '# Poster\n');
		expect(draft.manifest.posters[0]!.body.en).toBe('posters/affiche.en.md');
		draft = setPosterBody(draft, 0, 'en', '');
		expect(draft.manifest.posters[0]!.body.en).toBeUndefined();
		expect(draft.files['posters/affiche.en.md']).toBeUndefined();
	});

	it('saves under a new version when the version exists on the device', () => {
		expect(versionToSave('1.0.0', new Set(['1.0.0']))).toBe('1.0.1');
		expect(versionToSave('1.0.0', new Set(['1.0.0', '1.0.1']))).toBe('1.0.2');
		expect(versionToSave('2.0.0', new Set(['1.0.0']))).toBe('2.0.0');
		expect(versionToSave('x', new Set())).toBe('1.0.0');
	});

	it('writes kit.json as stable two-space JSON', () => {
		const draft = newKit('fr-CA', TEXTS);
		expect(manifestText(draft.manifest)).toBe(`${JSON.stringify(draft.manifest, null, 2)}\n`);
	});
});

describe('edit operations and history', () => {
	it('sets, moves and removes without touching the previous draft', () => {
		const start = newKit('fr-CA', TEXTS);
		let draft = addItem(start, ['stations'], { id: 'a', title: { 'fr-CA': 'A' }, question: { 'fr-CA': 'A?' } });
		draft = addItem(draft, ['stations'], { id: 'b', title: { 'fr-CA': 'B' }, question: { 'fr-CA': 'B?' } });
		const moved = moveItem(draft, ['stations'], 1, -1);
		expect(moved.manifest.stations.map((s) => s.id)).toEqual(['b', 'a']);
		expect(moveItem(moved, ['stations'], 0, -1)).toBe(moved);
		expect(draft.manifest.stations.map((s) => s.id)).toEqual(['a', 'b']);
		expect(start.manifest.stations).toEqual([]);
		const optional = setText(draft, ['stations', 0, 'help'], 'fr-CA', '', true);
		expect('help' in optional.manifest.stations[0]!).toBe(false);
		const numeric = setField(draft, ['agendas', 0, 'activities', 0, 'durationMinutes'], 25);
		expect(numeric.manifest.agendas[0]!.activities[0]!.durationMinutes).toBe(25);
	});

	it('undoes and redoes, typing in one field being one step', () => {
		const history = new DraftHistory(0);
		history.push(1, 'title');
		history.push(2, 'title');
		history.push(3, 'summary');
		expect(history.undo()).toBe(2);
		expect(history.undo()).toBe(0);
		expect(history.canUndo).toBe(false);
		expect(history.redo()).toBe(2);
		history.push(9);
		expect(history.canRedo).toBe(false);
		expect(history.present).toBe(9);
	});
});

describe('missing translations', () => {
	it('counts per section what the second language lacks', () => {
		const kit = bundled();
		expect(missingTranslations(fromKitPackage(kit)).total).toBe(0);
		let draft = fromKitPackage(kit);
		draft = setText(draft, ['stations', 0, 'question'], 'en', '');
		draft = setPosterBody(draft, 0, 'en', '');
		const missing = missingTranslations(draft);
		expect(missing.language).toBe('en');
		expect(missing.bySection.stations).toBe(1);
		expect(missing.bySection.posters).toBe(1);
		expect(missing.fields.has('stations[0].question.en')).toBe(true);
		expect(missing.fields.has('posters[0].body.en')).toBe(true);
		expect(missingTranslations(newKit('fr-CA', TEXTS)).total).toBe(0);
	});
});

/** A new kit with the texts the format requires written in. */
function writtenKit(): StudioDraft {
	let draft = newKit('fr-CA', TEXTS);
	draft = setText(draft, ['summary'], 'fr-CA', 'Un atelier.');
	draft = addItem(draft, ['authors'], { name: 'Bibliothèque' });
	return setText(draft, ['agendas', 0, 'activities', 0, 'instructions'], 'fr-CA', 'Accueillir.');
}

function equal(a: Uint8Array, b: Uint8Array | undefined): boolean {
	return b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}
