import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatKitIssue, readKitZip, writeKitZip, type BundledKitEntry } from '$lib/kits';
import { readKitFolder } from '$lib/kits/kit-folder.server';
import { buildBundledKits, listKitFolders, pendingKitWarnings } from '$lib/kits/kit-bundle.server';

const kitsDir = 'workshop-kits';

describe('kits in workshop-kits/', () => {
	const folders = listKitFolders(kitsDir);

	it('each have a kit.json', () => {
		expect(pendingKitWarnings(kitsDir)).toEqual([]);
	});

	it.each(folders)('%s passes every check and round-trips through a zip', async (folder) => {
		const result = readKitFolder(join(kitsDir, folder));
		if (!result.ok) expect.fail(result.problem.detail.map((i) => formatKitIssue(i, 'en')).join('\n'));
		const reread = await readKitZip(writeKitZip(result.value));
		expect(reread.ok && reread.value.hash).toBe(result.value.hash);
		// The bundled zips deflate images too where that pays: the same files, so the same kit.
		const compressed = writeKitZip(result.value, { compressImages: true });
		const again = await readKitZip(compressed);
		expect(again.ok && again.value.hash).toBe(result.value.hash);
		expect(again.ok && [...again.value.files.keys()]).toEqual([...result.value.files.keys()]);
		expect(compressed.length).toBeLessThanOrEqual(writeKitZip(result.value).length);
	});

	it('the Québec kit’s zip is smaller with its image deflated (the hub serves it to every phone)', () => {
		const result = readKitFolder(join(kitsDir, 'dialogue-ia-services-publics'));
		if (!result.ok) return expect.fail('kit did not read');
		expect(writeKitZip(result.value, { compressImages: true }).length).toBeLessThan(writeKitZip(result.value).length - 4000);
	});
});

describe('buildBundledKits', () => {
	const temps: string[] = [];
	const temp = () => {
		const dir = mkdtempSync(join(tmpdir(), 'tablee-bundle-'));
		temps.push(dir);
		return dir;
	};
	afterEach(() => {
		for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
	});

	it('writes one zip per kit and a sorted index, rewriting only what changed', async () => {
		const kits = temp();
		const out = join(temp(), 'kits');
		cpSync('tests/fixtures/kits/valid/minimal', join(kits, 'b-minimal'), { recursive: true });
		cpSync('tests/fixtures/kits/valid/complete', join(kits, 'a-complete'), { recursive: true });
		mkdirSync(join(kits, 'en-cours'));
		mkdirSync(out, { recursive: true });
		writeFileSync(join(out, 'ancienne.zip'), 'stale');

		const entries = buildBundledKits(kits, out);
		expect(entries.map((e) => e.id)).toEqual(['complete', 'minimal']);
		const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as BundledKitEntry[];
		expect(index).toEqual(entries);
		expect(existsSync(join(out, 'ancienne.zip'))).toBe(false);
		for (const entry of index) {
			expect(entry.file).toBe(`kits/${entry.id}.zip`);
			const zip = new Uint8Array(readFileSync(join(out, `${entry.id}.zip`)));
			expect(zip.length).toBe(entry.bytes);
			const result = await readKitZip(zip);
			expect(result.ok && result.value.hash).toBe(entry.hash);
		}
		const complete = index[0]!;
		expect(complete).toMatchObject({ version: '2.1.0', languages: ['fr-CA', 'en'], title: { 'fr-CA': 'Trousse complète', en: 'Complete kit' } });

		const before = statSync(join(out, 'complete.zip')).mtimeMs;
		await new Promise((resolve) => setTimeout(resolve, 20));
		buildBundledKits(kits, out);
		expect(statSync(join(out, 'complete.zip')).mtimeMs).toBe(before);
	});

	it('writes an empty index when there is no kit yet', () => {
		const out = join(temp(), 'kits');
		expect(buildBundledKits(join(temp(), 'absent'), out)).toEqual([]);
		expect(readFileSync(join(out, 'index.json'), 'utf8')).toBe('[]\n');
	});

	it('fails loudly with every issue of an invalid kit', () => {
		const kits = temp();
		cpSync('tests/fixtures/kits/invalid/duration-range/kit', join(kits, 'cassee'), { recursive: true });
		expect(() => buildBundledKits(kits, join(temp(), 'kits'))).toThrow(/workshop-kits\/cassee: kit\.json — .*agendas\[0\]\.activities\[0\]\.durationMinutes/);
	});

	it('refuses two kits with the same id', () => {
		const kits = temp();
		cpSync('tests/fixtures/kits/valid/minimal', join(kits, 'un'), { recursive: true });
		cpSync('tests/fixtures/kits/valid/minimal', join(kits, 'deux'), { recursive: true });
		expect(() => buildBundledKits(kits, join(temp(), 'kits'))).toThrow(/workshop-kits\/un: .*« minimal »|workshop-kits\/un: .*“minimal”/);
	});
});
