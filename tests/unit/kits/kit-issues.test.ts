import { describe, expect, it } from 'vitest';
import { formatKitIssue, parseKit, KIT_LIMITS, type KitIssue } from '$lib/kits';
import { MAX_ISSUES_PER_FILE } from '$lib/kits/kit-issues';
import { fixtureFiles, text } from './kit-test-helpers';

function issuesOf(mutate: (manifest: Record<string, unknown>) => void, files = fixtureFiles('minimal')): KitIssue[] {
	const manifest = JSON.parse(new TextDecoder().decode(files.get('kit.json'))) as Record<string, unknown>;
	mutate(manifest);
	files.set('kit.json', text(JSON.stringify(manifest, null, 2)));
	const result = parseKit(files);
	return result.ok ? [] : result.problem.detail;
}

describe('kit issues', () => {
	it('name the file and key path, in both languages', () => {
		const [issue] = issuesOf((m) => {
			(m.agendas as { activities: { durationMinutes: number }[] }[])[0]!.activities[0]!.durationMinutes = 601;
		});
		expect(issue).toEqual({
			file: 'kit.json',
			path: 'agendas[0].activities[0].durationMinutes',
			key: 'kits.issue.integerRange',
			params: { min: 1, max: 600, value: '601' }
		});
		expect(formatKitIssue(issue!, 'fr-CA')).toBe(
			'kit.json — Le champ agendas[0].activities[0].durationMinutes doit être un nombre entier entre 1 et 600 (reçu : 601).'
		);
		expect(formatKitIssue(issue!, 'en')).toBe('kit.json — The field agendas[0].activities[0].durationMinutes must be a whole number between 1 and 600 (got: 601).');
	});

	it('give the line and column of a JSON syntax error', () => {
		const files = fixtureFiles('minimal');
		files.set('kit.json', text('{\n  "format": 1,\n  "id": "x"\n  "version": "1.0.0"\n}'));
		const result = parseKit(files);
		expect(result.ok ? [] : result.problem.detail).toEqual([{ file: 'kit.json', path: '', key: 'kits.issue.jsonSyntax', params: { line: 4, column: 3 } }]);
	});

	it('report kit.json that is not UTF-8, too large, or missing', () => {
		const files = fixtureFiles('minimal');
		files.set('kit.json', new Uint8Array([0x7b, 0xff, 0x7d]));
		expect(parseKit(files)).toMatchObject({ ok: false, problem: { detail: [{ key: 'kits.issue.encoding' }] } });
		files.set('kit.json', new Uint8Array(KIT_LIMITS.manifestBytes + 1));
		expect(parseKit(files)).toMatchObject({ ok: false, problem: { detail: [{ key: 'kits.issue.fileTooLarge' }] } });
		files.delete('kit.json');
		expect(parseKit(files)).toMatchObject({ ok: false, problem: { detail: [{ key: 'kits.issue.manifestMissing' }] } });
	});

	it('explain wrong types, unknown fields, missing fields and list sizes', () => {
		const issues = issuesOf((m) => {
			m.title = 'Pas un objet';
			m.auteurs = [];
			delete m.consent;
			m.agendas = [];
			m.languages = ['fr-CA', 'de'];
		});
		const found = issues.map(({ path, key }) => ({ path, key })).sort((a, b) => a.path.localeCompare(b.path));
		expect(found).toEqual([
			{ path: 'agendas', key: 'kits.issue.minItems' },
			{ path: 'auteurs', key: 'kits.issue.unknownField' },
			{ path: 'consent', key: 'kits.issue.required' },
			{ path: 'languages[1]', key: 'kits.issue.locale' },
			{ path: 'title', key: 'kits.issue.expectedObject' }
		]);
		for (const issue of issues) expect(formatKitIssue(issue, 'fr-CA')).not.toMatch(/\{\w+\}/);
	});

	it('summarise a flood of issues', () => {
		const issues = issuesOf((m) => {
			const agenda = (m.agendas as { activities: unknown[] }[])[0]!;
			agenda.activities = Array.from({ length: 50 }, () => ({ id: 'X', kind: 'nope', title: {}, instructions: {}, durationMinutes: -1 }));
		});
		expect(issues.length).toBe(MAX_ISSUES_PER_FILE + 1);
		expect(issues.at(-1)!.key).toBe('kits.issue.moreIssues');
		expect(formatKitIssue(issues.at(-1)!, 'en')).toMatch(/^kit\.json — … and \d+ more problems in this file\.$/);
	});

	it('refuse files with unsafe names or too many files, whatever their source', () => {
		const files = fixtureFiles('minimal');
		files.set('notes/ça va.md', text('x'));
		expect(parseKit(files)).toMatchObject({ ok: false, problem: { detail: [{ file: 'notes/ça va.md', key: 'kits.issue.fileName' }] } });
		const many = fixtureFiles('minimal');
		for (let i = 0; i < KIT_LIMITS.files; i++) many.set(`n/${i}.md`, text('x'));
		expect(parseKit(many)).toMatchObject({ ok: false, problem: { detail: [{ key: 'kits.issue.tooManyFiles' }] } });
		const deep = fixtureFiles('minimal');
		deep.set('a/b/c/d/e/f/g.md', text('x'));
		expect(parseKit(deep)).toMatchObject({ ok: false, problem: { detail: [{ key: 'kits.issue.pathTooDeep' }] } });
	});

	it('copy the file map, so later changes by the caller do not alter the kit', () => {
		const files = fixtureFiles('minimal');
		const result = parseKit(files);
		files.set('extra.md', text('x'));
		expect(result.ok && result.value.files.has('extra.md')).toBe(false);
	});
});
