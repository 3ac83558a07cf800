/**
 * One result shape (`src/lib/result.ts`): whatever can fail on input returns `{ ok: true, value }`
 * or `{ ok: false, problem }`, the problem being a message key with params and, where needed, a
 * typed `detail`. A cheap static check over src: a type literal that spells out an `ok` union
 * with another field name (`error`, `issues`, `reason`, `refusal`…) fails here, naming the file.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
	});
}

/** Type literals (members end with `;` or `}`) that start with `ok: true` or `ok: false`. */
const TYPE_LITERAL = /\{\s*ok:\s*(true|false)\s*(?:;\s*(?:\/\*\*[^]*?\*\/\s*)?(\w+)\??\s*:|\})/g;

function offending(text: string): string[] {
	const found: string[] = [];
	for (const m of text.matchAll(TYPE_LITERAL)) {
		const [whole, flag, field] = m;
		const expected = flag === 'true' ? 'value' : 'problem';
		if (field !== expected) found.push(whole.replace(/\s+/g, ' '));
	}
	return found;
}

const files = sourceFiles(SRC);

describe('one result shape', () => {
	it('flags the shapes it is meant to refuse (the check is not vacuous)', () => {
		expect(offending('type A = { ok: true; kit: Kit } | { ok: false; issues: Issue[] };')).toEqual(['{ ok: true; kit:', '{ ok: false; issues:']);
		expect(offending('type B = { ok: true } | { ok: false; reason: string };')).toEqual(['{ ok: true }', '{ ok: false; reason:']);
		expect(offending('type C =\n\t| { ok: true; value: T }\n\t| { ok: false;\n\t\terror: Message };')).toEqual(['{ ok: false; error:']);
		expect(offending('type D = { ok: true; value: T } | { ok: false; problem: P };')).toEqual([]);
		// Object literals (values, with commas) are not types: the hub's JSON answers keep their form.
		expect(offending("res.end(JSON.stringify({ ok: false, reason: 'x' }))")).toEqual([]);
	});

	it('src defines results only as Result<T, P>: success carries `value`, failure carries `problem`', () => {
		expect(files.length).toBeGreaterThan(200);
		const wrong = files.flatMap((file) => offending(readFileSync(file, 'utf8')).map((shape) => `${relative(ROOT, file)}: ${shape}`));
		expect(wrong).toEqual([]);
	});

	it('the shared module is in use on both sides of the wire and across the domains', () => {
		const users = files.filter((file) => /from '(?:\$lib\/|(?:\.\.\/)+(?:lib\/)?)result'/.test(readFileSync(file, 'utf8'))).map((file) => relative(SRC, file));
		for (const folder of ['hub/', 'lib/protocol/', 'lib/sync/', 'lib/kits/', 'lib/session/', 'lib/connect/', 'lib/library/', 'lib/export/']) {
			expect(users.some((file) => file.startsWith(folder)), folder).toBe(true);
		}
	});
});
