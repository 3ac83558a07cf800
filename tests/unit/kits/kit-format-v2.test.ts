import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kitDefaults as enDefaults } from '$lib/i18n/messages/en/kit-defaults';
import { kitDefaults as frDefaults } from '$lib/i18n/messages/fr-CA/kit-defaults';
import { ACTIVITY_KINDS, defaultInstructions, readKitSource, withKitDefaults, type KitManifest } from '$lib/kits';
import { readKitFolder } from '$lib/kits/kit-folder.server';
import { checkinActivityOf, checkinPhaseOf, planFor } from '$lib/session';

function read(folder: string): { manifest: KitManifest; format: number } {
	const result = readKitFolder(folder);
	if (!result.ok) throw new Error(JSON.stringify(result.problem));
	return { manifest: result.value.manifest, format: result.value.format };
}

const checkinsOf = (m: KitManifest, agenda = 0) => m.agendas[agenda]!.activities.filter((a) => a.kind === 'checkin');

describe('format 1 is read as format 2', () => {
	it('gives every check-in activity the kit question and scale, and keeps the values', () => {
		const { manifest, format } = read('workshop-kits/library-ai-conversation');
		expect(format).toBe(1);
		expect(manifest.format).toBe(2);
		expect('checkin' in manifest).toBe(false);
		const checkins = manifest.agendas.flatMap((a) => a.activities).filter((a) => a.kind === 'checkin');
		expect(checkins.length).toBeGreaterThan(0);
		for (const activity of checkins) {
			expect(activity.checkin?.scale).toEqual(manifest.checkinScale);
			expect(activity.checkin?.question).toEqual({ en: 'Today, how much do you feel you know about AI?' });
		}
		const questions = new Set(checkins.map((a) => JSON.stringify(a.checkin?.question)));
		expect(questions.size).toBe(1);
	});

	it('upgrades in one place: the written check-in becomes the activities’ and the scale keeps its values', () => {
		const v1 = {
			format: 1,
			id: 'v1',
			version: '1.0.0',
			languages: ['fr-CA'],
			title: { 'fr-CA': 'V1' },
			summary: { 'fr-CA': 'Trousse en format 1.' },
			authors: [{ name: 'Équipe' }],
			sources: [],
			licence: { name: 'CC BY 4.0' },
			agendas: [
				{
					id: 'a',
					title: { 'fr-CA': 'A' },
					activities: [
						{ id: 'debut', kind: 'checkin', title: { 'fr-CA': 'Début' }, instructions: { 'fr-CA': 'Lire.' }, durationMinutes: 5 },
						{ id: 'fin', kind: 'checkin', title: { 'fr-CA': 'Fin' }, instructions: { 'fr-CA': 'Lire.' }, durationMinutes: 5 }
					]
				}
			],
			posters: [],
			glossary: [],
			stations: [],
			cases: [],
			checkin: { question: { 'fr-CA': 'Vos connaissances ?' }, scale: [{ value: 0, label: { 'fr-CA': 'Peu' } }, { value: 10, label: { 'fr-CA': 'Beaucoup' } }] },
			consent: { 'fr-CA': 'Anonyme.' },
			references: []
		};
		const read = readKitSource(v1);
		if (!read.ok) throw new Error(JSON.stringify(read.problem));
		expect(read.value.format).toBe(1);
		expect(read.value.source.format).toBe(2);
		const manifest = withKitDefaults(read.value.source);
		expect(manifest.checkinScale?.map((s) => s.value)).toEqual([0, 10]);
		for (const a of checkinsOf(manifest)) expect(a.checkin?.question).toEqual({ 'fr-CA': 'Vos connaissances ?' });
		// Sessions created on a v1 kit keep their answers: same phases, same allowed values.
		const plan = planFor(manifest, 'a');
		expect(plan.checkinScale).toEqual([0, 10]);
		expect(checkinPhaseOf(plan.activities, 'debut')).toBe('start');
		expect(checkinPhaseOf(plan.activities, 'fin')).toBe('end');
		// A format-1 kit is still held to format 1: a version-2 field is unknown there.
		const withV2Field = structuredClone(v1);
		Object.assign(withV2Field.agendas[0]!.activities[0]!, { checkin: { question: { 'fr-CA': 'Autre ?' } } });
		expect(readKitSource(withV2Field).ok).toBe(false);
	});
});

describe('format 2 defaults', () => {
	const { manifest, format } = read('tests/fixtures/kits/valid/defaults-v2');

	it('reads format 2', () => {
		expect(format).toBe(2);
	});

	it('fills missing instructions with the app’s text for the kind, in both languages', () => {
		for (const activity of manifest.agendas[0]!.activities) {
			expect(activity.instructions).toEqual(defaultInstructions(activity.kind));
		}
		expect(manifest.agendas[0]!.activities[0]!.instructions).toEqual({
			'fr-CA': frDefaults['kitDefaults.instructions.checkin'],
			en: enDefaults['kitDefaults.instructions.checkin']
		});
		for (const kind of ACTIVITY_KINDS) expect(defaultInstructions(kind)['fr-CA']).toBeTruthy();
	});

	it('fills the grid title and the choice values (their position)', () => {
		expect(manifest.grid?.title).toEqual({ 'fr-CA': frDefaults['kitDefaults.gridTitle'], en: enDefaults['kitDefaults.gridTitle'] });
		expect(manifest.checkinScale?.map((s) => s.value)).toEqual([1, 2, 3]);
	});

	it('lets each check-in ask its own question, the kit question being the default', () => {
		const [opening, closing] = checkinsOf(manifest);
		expect(opening?.checkin?.question['fr-CA']).toBe('Comment vous sentez-vous face à l’IA dans les services publics ?');
		expect(closing?.checkin?.question['fr-CA']).toBe('Après cet atelier, vous sentez-vous capable d’en parler autour de vous ?');
		expect(opening?.checkin?.scale).toEqual(closing?.checkin?.scale);
		expect(checkinActivityOf(manifest.agendas[0]!.activities, 'start')?.id).toBe('arrivee');
		expect(checkinActivityOf(manifest.agendas[0]!.activities, 'end')?.id).toBe('depart');
		// Only check-in activities carry a check-in.
		expect(manifest.agendas[0]!.activities.filter((a) => a.checkin).map((a) => a.id)).toEqual(['arrivee', 'depart']);
	});

	it('keeps what the author wrote', () => {
		const json = JSON.parse(readFileSync('tests/fixtures/kits/valid/defaults-v2/kit.json', 'utf8'));
		json.agendas[0].activities[1].instructions = { 'fr-CA': 'Nos propres consignes.' };
		json.grid.title = { 'fr-CA': 'Notre grille' };
		json.checkin.scale = json.checkin.scale.map((choice: object, i: number) => ({ ...choice, value: 10 * i }));
		const read = readKitSource(json);
		if (!read.ok) throw new Error(JSON.stringify(read.problem));
		const written = withKitDefaults(read.value.source);
		expect(written.agendas[0]!.activities[1]!.instructions).toEqual({ 'fr-CA': 'Nos propres consignes.' });
		expect(written.grid?.title).toEqual({ 'fr-CA': 'Notre grille' });
		expect(written.checkinScale?.map((s) => s.value)).toEqual([0, 10, 20]);
		expect(written.agendas[0]!.activities[2]!.checkin?.scale.map((s) => s.value)).toEqual([0, 10, 20]);
	});
});
