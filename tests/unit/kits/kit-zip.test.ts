import { describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import { hashKitFiles, KIT_LIMITS, readKitZip, writeKitZip, parseKit, type KitResult } from '$lib/kits';
import { readZipDirectory } from '$lib/kits/kit-zip-directory';
import { centralHeaders, fixtureFiles, patchHeaders, renameInZip, text, zipOf } from './kit-test-helpers';

function keys(result: KitResult): string[] {
	return result.ok ? [] : result.problem.detail.map((i) => i.key);
}

function validKit() {
	const result = parseKit(fixtureFiles('complete'));
	if (!result.ok) throw new Error('complete fixture invalid');
	return result.value;
}

describe('writeKitZip / readKitZip', () => {
	it('round-trips a kit to the same hash and files', async () => {
		const kit = validKit();
		const result = await readKitZip(writeKitZip(kit));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.hash).toBe(kit.hash);
		expect([...result.value.files.keys()].sort()).toEqual([...kit.files.keys()].sort());
		expect(result.value.manifest).toEqual(kit.manifest);
	});

	it('writes the same bytes for the same kit, whatever the insertion order of files', () => {
		const kit = validKit();
		const reversed = { ...kit, files: new Map([...kit.files].reverse()) };
		const a = writeKitZip(kit);
		expect(writeKitZip(reversed)).toEqual(a);
		expect(writeKitZip(kit)).toEqual(a);
	});

	it('stores sorted entries with regular-file Unix modes', () => {
		const zip = writeKitZip(validKit());
		const dir = readZipDirectory(zip, 100);
		expect(dir.ok).toBe(true);
		if (!dir.ok) return;
		const names = dir.value.map((e) => e.name);
		expect(names).toEqual([...names].sort());
		for (const e of dir.value) expect(e.unixMode).toBe(0o100644);
	});

	it('inflates large entries chunk by chunk without altering them', async () => {
		const seed = 20261122;
		const gen = prng.create(seed);
		const words = ['atelier', 'citoyen', 'données', 'service', 'public', 'IA', 'registre', 'confiance'];
		let body = '';
		while (body.length < 3 * 1024 * 1024) body += `${prng.oneOf(gen, words)} ${prng.uint32(gen, 0, 99999)}\n`;
		const files = fixtureFiles('minimal');
		files.set('notes/long.md', text(body));
		const kit = parseKit(files);
		expect(kit.ok, `seed ${seed}`).toBe(true);
		if (!kit.ok) return;
		const result = await readKitZip(writeKitZip(kit.value));
		expect(result.ok && result.value.hash, `seed ${seed}`).toBe(kit.value.hash);
	});

	it('strips a single top-level folder and ignores system files', async () => {
		const files = fixtureFiles('complete');
		const zip = zipOf({
			...Object.fromEntries([...files].map(([p, b]) => [`ma-trousse/${p}`, b])),
			'ma-trousse/': new Uint8Array(),
			'__MACOSX/ma-trousse/._kit.json': text('junk'),
			'ma-trousse/.DS_Store': text('junk')
		});
		const result = await readKitZip(zip);
		expect(keys(result)).toEqual([]);
		if (result.ok) expect(result.value.hash).toBe(validKit().hash);
	});

	it('reports kit issues found after unzipping', async () => {
		const files = fixtureFiles('minimal');
		files.set('kit.json', text('{ "format": 1, '));
		const result = await readKitZip(zipOf(files));
		expect(keys(result)).toEqual(['kits.issue.jsonSyntax']);
	});
});

describe('readKitZip refuses hostile archives', () => {
	const base = () => fixtureFiles('minimal');

	it('path traversal', async () => {
		const zip = renameInZip(zipOf({ ...Object.fromEntries(base()), 'aa/evil.md': text('x') }), 'aa/evil.md', '../evil.md');
		const result = await readKitZip(zip);
		expect(keys(result)).toEqual(['kits.issue.zipTraversal']);
		if (!result.ok) expect(result.problem.detail[0]!.params.target).toBe('../evil.md');
	});

	it('absolute paths and drive letters', async () => {
		expect(keys(await readKitZip(renameInZip(zipOf({ ...Object.fromEntries(base()), 'xetc/passwd': text('x') }), 'xetc/passwd', '/etc/passwd')))).toEqual([
			'kits.issue.zipAbsolutePath'
		]);
		expect(keys(await readKitZip(renameInZip(zipOf({ ...Object.fromEntries(base()), 'Cxevil.md': text('x') }), 'Cxevil.md', 'C:evil.md')))).toEqual([
			'kits.issue.zipAbsolutePath'
		]);
	});

	it('backslashes', async () => {
		const zip = renameInZip(zipOf({ ...Object.fromEntries(base()), 'posters/a.md': text('x') }), 'posters/a.md', 'posters\\a.md');
		expect(keys(await readKitZip(zip))).toEqual(['kits.issue.zipBackslash']);
	});

	it('symlinks (S_IFLNK in the external attributes)', async () => {
		const files = base();
		const zip = zipOf(
			{ 'kit.json': files.get('kit.json')!, 'lien.md': text('/etc/passwd') },
			{ os: 3, attrs: 0o120777 << 16 }
		);
		expect(keys(await readKitZip(zip))).toEqual(['kits.issue.symlink', 'kits.issue.symlink']);
	});

	it('duplicate paths', async () => {
		const files = base();
		const zip = renameInZip(zipOf({ 'kit.json': files.get('kit.json')!, 'kit.jsoX': text('{}') }), 'kit.jsoX', 'kit.json');
		expect(keys(await readKitZip(zip))).toEqual(['kits.issue.zipDuplicate']);
	});

	it('encrypted entries', async () => {
		const zip = patchHeaders(zipOf(base()), { central: 8, local: 6, size: 2 }, 1);
		expect(keys(await readKitZip(zip))).toEqual(['kits.issue.zipEncrypted']);
	});

	it('unsupported compression methods', async () => {
		const zip = patchHeaders(zipOf(base(), { level: 6 }), { central: 10, local: 8, size: 2 }, 12);
		expect(keys(await readKitZip(zip))).toEqual(['kits.issue.zipUnsupported']);
	});

	it('too many files', async () => {
		const files: Record<string, Uint8Array> = Object.fromEntries(base());
		for (let i = 0; i < KIT_LIMITS.files; i++) files[`notes/n${i}.md`] = text('x');
		expect(keys(await readKitZip(zipOf(files)))).toEqual(['kits.issue.tooManyFiles']);
	});

	it('a deflate bomb whose headers lie about its size, stopped by counting', async () => {
		const bomb = new Uint8Array(40 * 1024 * 1024);
		const honest = zipOf({ ...Object.fromEntries(base()), 'bomb.csv': bomb }, { level: 9 });
		expect(honest.length).toBeLessThan(200 * 1024);
		const lying = patchHeaders(honest, { central: 24, local: 22, size: 4 }, 10, (i) => i === 1);
		const result = await readKitZip(lying);
		expect(keys(result)).toEqual(['kits.issue.zipBomb']);
		expect(keys(await readKitZip(honest))).toEqual(['kits.issue.fileTooLarge']);
	});

	it('a small deflated entry whose header is one byte off its content, either way', async () => {
		const content = text('Une affiche en texte, assez longue pour être compressée. '.repeat(20));
		const files = { ...Object.fromEntries(base()), 'posters/a.md': content };
		const zip = zipOf(files, { level: 9 });
		expect((await readKitZip(zip)).ok).toBe(true);
		const poster = Object.keys(files).indexOf('posters/a.md');
		for (const size of [content.length - 1, content.length + 1]) {
			const lying = patchHeaders(zip, { central: 24, local: 22, size: 4 }, size, (i) => i === poster);
			expect(keys(await readKitZip(lying))).toEqual(['kits.issue.zipCorrupt']);
		}
	});

	it('a file over the per-file limit even with a plausible ratio', async () => {
		const big = new Uint8Array(KIT_LIMITS.fileBytes + 1);
		for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
		const zip = patchHeaders(zipOf({ ...Object.fromEntries(base()), 'big.bin': big }, { level: 0 }), { central: 24, local: 22, size: 4 }, 1, (i) => i === 1);
		const result = await readKitZip(zip);
		expect(keys(result)).toEqual(['kits.issue.fileTooLarge']);
	});

	it('a kit over the total limit', async () => {
		const files: Record<string, Uint8Array> = Object.fromEntries(base());
		const chunk = new Uint8Array(KIT_LIMITS.fileBytes - 1024);
		for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 2654435761) >>> 24;
		const count = Math.ceil(KIT_LIMITS.totalBytes / chunk.length);
		for (let i = 0; i < count; i++) files[`data/part${i}.bin`] = chunk;
		const zip = zipOf(files, { level: 0 });
		// Honest sizes: refused from the directory, before reading any content.
		expect(keys(await readKitZip(zip))).toEqual(['kits.issue.kitTooLarge']);
		// Sizes that lie: the first entry whose counted size differs from its header is refused.
		const lying = patchHeaders(zip, { central: 24, local: 22, size: 4 }, 1, (i) => i > 0);
		expect(keys(await readKitZip(lying))).toEqual(['kits.issue.zipCorrupt']);
	});

	it('corrupt content (CRC mismatch) and non-zip input', async () => {
		const zip = zipOf(base(), { level: 0 });
		const corrupted = zip.slice();
		corrupted[40] = corrupted[40]! ^ 0xff;
		expect(keys(await readKitZip(corrupted))).toEqual(['kits.issue.zipCorrupt']);
		expect(keys(await readKitZip(text('not a zip at all')))).toEqual(['kits.issue.zipNotZip']);
		expect(keys(await readKitZip(zip.subarray(0, zip.length - 30)))).toEqual(['kits.issue.zipNotZip']);
	});

	it('an archive over the zip size limit, before opening it', async () => {
		const result = await readKitZip(new Uint8Array(KIT_LIMITS.zipBytes + 1));
		expect(keys(result)).toEqual(['kits.issue.zipTooLarge']);
	});

	it('keeps nothing when any entry is refused (all-or-nothing)', async () => {
		const zip = renameInZip(zipOf({ ...Object.fromEntries(base()), 'aa/evil.md': text('x') }), 'aa/evil.md', '../evil.md');
		const result = await readKitZip(zip);
		expect(result.ok).toBe(false);
		expect('kit' in result).toBe(false);
		expect(centralHeaders(zip).length).toBe(2);
	});
});

describe('readKitZip with the hash of a kit checked before', () => {
	it('gives exactly the package of a full read, with the same hash', async () => {
		const kit = validKit();
		const zip = writeKitZip(kit);
		const known = await readKitZip(zip, { checkedHash: kit.hash });
		expect(known).toEqual(await readKitZip(zip));
		expect(known.ok && known.value.hash).toBe(kit.hash);
	});

	it('checks a changed archive in full: its files no longer hash to the known value', async () => {
		const kit = validKit();
		const files = new Map(kit.files);
		const m = JSON.parse(new TextDecoder().decode(files.get('kit.json')));
		m.agendas.push(m.agendas[0]);
		files.set('kit.json', text(JSON.stringify(m)));
		expect(keys(await readKitZip(zipOf(Object.fromEntries(files)), { checkedHash: kit.hash }))).toContain('kits.issue.duplicateId');
		// Only the exact files recorded as checked skip the cross-checks.
		expect((await readKitZip(zipOf(Object.fromEntries(files)), { checkedHash: hashKitFiles(files) })).ok).toBe(true);
	});

	it('trusts an entry’s CRC to the SHA-256 only when the files hash to the checked value', async () => {
		const kit = validKit();
		// Entry 1's CRC field, in both headers, no longer matches its (unchanged) content.
		const lying = patchHeaders(writeKitZip(kit), { central: 16, local: 14, size: 4 }, 0x1234_5678, (i) => i === 1);
		expect(keys(await readKitZip(lying))).toEqual(['kits.issue.zipCorrupt']);
		expect(keys(await readKitZip(lying, { checkedHash: 'sha256-of-some-other-kit' }))).toEqual(['kits.issue.zipCorrupt']);
		// The files are byte for byte the ones checked before: the SHA-256 says so, the CRC adds nothing.
		const known = await readKitZip(lying, { checkedHash: kit.hash });
		expect(known.ok && known.value.hash).toBe(kit.hash);
	});

	it('checks the schema and the archive even when the hash matches', async () => {
		const kit = validKit();
		const files = new Map(kit.files);
		const m = JSON.parse(new TextDecoder().decode(files.get('kit.json')));
		m.format = 99;
		files.set('kit.json', text(JSON.stringify(m)));
		const result = await readKitZip(zipOf(Object.fromEntries(files)), { checkedHash: hashKitFiles(files) });
		expect(result.ok).toBe(false);
		const corrupted = writeKitZip(kit);
		const middle = corrupted.length >> 1;
		corrupted[middle] = corrupted[middle]! ^ 0xff;
		expect((await readKitZip(corrupted, { checkedHash: kit.hash })).ok).toBe(false);
	});
});
