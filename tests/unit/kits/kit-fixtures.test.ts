import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCatalogs as catalogs } from '$lib/i18n/all-catalogs';
import { formatKitIssue, type KitIssue } from '$lib/kits';
import { readKitFolder } from '$lib/kits/kit-folder.server';

const root = 'tests/fixtures/kits';
const folders = (dir: string) => readdirSync(join(root, dir)).sort();

function expectReadable(issue: KitIssue) {
	for (const locale of ['fr-CA', 'en'] as const) {
		expect(Object.hasOwn(catalogs[locale], issue.key), `${issue.key} in ${locale}`).toBe(true);
		const text = formatKitIssue(issue, locale);
		expect(text, `unfilled placeholder in ${text}`).not.toMatch(/\{\w+\}/);
	}
}

describe('valid kit fixtures', () => {
	it.each(folders('valid'))('%s passes every check', (name) => {
		const result = readKitFolder(join(root, 'valid', name));
		if (!result.ok) expect.fail(result.problem.detail.map((i) => formatKitIssue(i, 'en')).join('\n'));
		expect(result.value.manifest.id).toBe(name);
		expect(result.value.hash).toMatch(/^[0-9a-f]{64}$/);
	});
});

describe('invalid kit fixtures', () => {
	const names = folders('invalid');

	it('cover every rule with at least 15 cases', () => {
		expect(names.length).toBeGreaterThanOrEqual(15);
	});

	it.each(names)('%s is refused with exactly the expected issue', (name) => {
		const expected = JSON.parse(readFileSync(join(root, 'invalid', name, 'expected.json'), 'utf8')) as Pick<KitIssue, 'file' | 'path' | 'key'>;
		const result = readKitFolder(join(root, 'invalid', name, 'kit'));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const found = result.problem.detail.map(({ file, path, key }) => ({ file, path, key }));
		expect(found).toEqual([expected]);
		result.problem.detail.forEach(expectReadable);
	});
});
