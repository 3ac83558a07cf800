import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KIT_LIMITS } from '$lib/kits';
import { localeFromEnv, readKitFolder } from '$lib/kits/kit-folder.server';

const temps: string[] = [];
function copyOf(fixture: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'tablee-kit-'));
	temps.push(dir);
	cpSync(`tests/fixtures/kits/valid/${fixture}`, dir, { recursive: true });
	return dir;
}
afterEach(() => {
	for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('readKitFolder', () => {
	it('refuses symlinks, to files or to folders outside the kit', () => {
		const dir = copyOf('minimal');
		symlinkSync('/etc/passwd', join(dir, 'passwd.md'));
		symlinkSync(tmpdir(), join(dir, 'outside'));
		const result = readKitFolder(dir);
		expect(result.ok ? [] : result.problem.detail.map((i) => [i.file, i.key])).toEqual([
			['outside', 'kits.issue.symlink'],
			['passwd.md', 'kits.issue.symlink']
		]);
	});

	it('ignores hidden and system files', () => {
		const dir = copyOf('minimal');
		writeFileSync(join(dir, '.DS_Store'), 'x');
		mkdirSync(join(dir, '.git'));
		writeFileSync(join(dir, '.git', 'HEAD'), 'x');
		writeFileSync(join(dir, 'Thumbs.db'), 'x');
		const result = readKitFolder(dir);
		expect(result.ok && [...result.value.files.keys()]).toEqual(['kit.json']);
	});

	it('checks file sizes before reading them', () => {
		const dir = copyOf('minimal');
		writeFileSync(join(dir, 'huge.bin'), new Uint8Array(KIT_LIMITS.fileBytes + 1));
		expect(readKitFolder(dir)).toMatchObject({ ok: false, problem: { detail: [{ file: 'huge.bin', key: 'kits.issue.fileTooLarge' }] } });
	});

	it('reports a missing folder', () => {
		expect(readKitFolder('/nonexistent/kit')).toMatchObject({ ok: false, problem: { detail: [{ key: 'kits.issue.readError' }] } });
	});
});

describe('localeFromEnv', () => {
	it('follows LC_ALL, then LC_MESSAGES, then LANG', () => {
		expect(localeFromEnv({ LANG: 'en_US.UTF-8' })).toBe('en');
		expect(localeFromEnv({ LC_ALL: 'fr_CA.UTF-8', LANG: 'en_US.UTF-8' })).toBe('fr-CA');
		expect(localeFromEnv({ LC_MESSAGES: 'en_GB', LANG: 'fr_FR' })).toBe('en');
		expect(localeFromEnv({ LANG: 'C' })).toBe('fr-CA');
	});
});
