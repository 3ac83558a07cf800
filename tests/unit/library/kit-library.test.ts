import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { hashKitFiles, KIT_CHECKS_VERSION, type BundledKitEntry } from '$lib/kits';
import { deleteKit, exportKit, importKit, importKitFromPeer, kitZipByHash, listKits, openKit, openKitByKey, type KitLibrarySources, type StoredKit } from '$lib/library/kit-library';

const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

function manifest(id: string, version = '1.0.0') {
	return {
		format: 1,
		id,
		version,
		languages: ['en'],
		title: { en: `Kit ${id}` },
		summary: { en: 'A small kit for tests.' },
		authors: [{ name: 'Tests' }],
		sources: [],
		licence: { name: 'CC BY 4.0' },
		agendas: [{ id: 'short', title: { en: 'Short' }, activities: [{ id: 'hello', kind: 'welcome', title: { en: 'Hello' }, instructions: { en: 'Say hello.' }, durationMinutes: 5 }] }],
		posters: [],
		glossary: [],
		stations: [],
		cases: [],
		consent: { en: 'You take part freely.' },
		references: []
	};
}

const kitZip = (m: unknown) => zipSync({ 'kit.json': encode(m) });

function memorySources(bundled: { entry: BundledKitEntry; zip: Uint8Array }[] = []) {
	const stored = new Map<string, StoredKit>();
	let clock = 1000;
	const writes: string[] = [];
	const sources: KitLibrarySources = {
		bundledIndex: async () => bundled.map((b) => b.entry),
		bundledZip: async (file) => bundled.find((b) => b.entry.file === file)!.zip,
		listStored: async () => [...stored.values()].map(({ zip: _zip, ...summary }) => summary),
		getStored: async (id, version) => stored.get(`${id}@${version}`),
		putStored: async (kit) => {
			writes.push(kit.key);
			stored.set(kit.key, kit);
		},
		deleteStored: async (id, version) => void stored.delete(`${id}@${version}`),
		now: () => clock++
	};
	return { sources, stored, writes };
}

describe('kit library', () => {
	it('imports a valid kit in one write and lists it after the bundled kits', async () => {
		const bundledZip = kitZip(manifest('bundled-kit'));
		const { sources, writes } = memorySources([
			{ entry: { id: 'bundled-kit', version: '1.0.0', hash: 'h', title: { en: 'Bundled' }, summary: { en: 'B' }, languages: ['en'], file: 'kits/bundled-kit.zip', bytes: bundledZip.byteLength }, zip: bundledZip }
		]);
		const outcome = await importKit(sources, kitZip(manifest('mine')));
		expect(outcome.ok).toBe(true);
		expect(writes).toEqual(['mine@1.0.0']);
		const list = await listKits(sources);
		expect(list.map((k) => [k.key, k.origin])).toEqual([
			['bundled-kit@1.0.0', 'bundled'],
			['mine@1.0.0', 'imported']
		]);
	});

	it('stores nothing when the kit is invalid, and says which field is wrong', async () => {
		const { sources, writes } = memorySources();
		const broken = manifest('broken');
		broken.agendas[0]!.activities[0]!.durationMinutes = 0;
		const outcome = await importKit(sources, kitZip(broken));
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.problem.detail[0]).toMatchObject({ file: 'kit.json', path: 'agendas[0].activities[0].durationMinutes' });
		expect(writes).toEqual([]);
	});

	it('refuses a file that is not a zip without storing anything', async () => {
		const { sources, writes } = memorySources();
		const outcome = await importKit(sources, encode('this is not a zip'));
		expect(outcome.ok).toBe(false);
		expect(writes).toEqual([]);
	});

	it('refuses to shadow a bundled kit version, and replaces an imported one', async () => {
		const zip = kitZip(manifest('shared'));
		const { sources } = memorySources([
			{ entry: { id: 'shared', version: '1.0.0', hash: 'h', title: { en: 'S' }, summary: { en: 'S' }, languages: ['en'], file: 'kits/shared.zip', bytes: zip.byteLength }, zip }
		]);
		const clash = await importKit(sources, kitZip(manifest('shared')));
		expect(clash.ok ? 'ok' : clash.problem.detail[0]!.key).toBe('library.import.bundledVersion');
		expect((await importKit(sources, kitZip(manifest('other')))).ok).toBe(true);
		const again = await importKit(sources, kitZip(manifest('other')));
		expect(again.ok && again.value.replaced).toBe(true);
	});

	it('re-validates a stored kit when opening it, and exports the same kit back', async () => {
		const { sources, stored } = memorySources();
		await importKit(sources, kitZip(manifest('roundtrip')));
		const [entry] = await listKits(sources);
		const opened = await openKit(sources, entry!);
		expect(opened.ok && opened.value.manifest.id).toBe('roundtrip');
		const exported = await exportKit(sources, entry!);
		const reimported = await importKit(memorySources().sources, exported);
		expect(reimported.ok && opened.ok && reimported.value.kit.hash === opened.value.hash).toBe(true);

		// A damaged row is reported, not shown as a kit.
		stored.get('roundtrip@1.0.0')!.zip = encode('damaged');
		expect((await openKit(sources, entry!)).ok).toBe(false);

		await deleteKit(sources, entry!);
		expect(await listKits(sources)).toEqual([]);
	});

	it('opens a kit by key without listing the library, reading an imported kit’s row once', async () => {
		const zip = kitZip(manifest('bundled-kit'));
		const { sources } = memorySources([
			{ entry: { id: 'bundled-kit', version: '1.0.0', hash: 'h', title: { en: 'Bundled' }, summary: { en: 'B' }, languages: ['en'], file: 'kits/bundled-kit.zip', bytes: zip.byteLength }, zip }
		]);
		await importKit(sources, kitZip(manifest('mine')));
		const reads: string[] = [];
		const counted: KitLibrarySources = {
			...sources,
			listStored: () => Promise.reject(new Error('the library is not listed to open one kit')),
			getStored: (id, version) => {
				reads.push(`${id}@${version}`);
				return sources.getStored(id, version);
			}
		};
		const bundled = await openKitByKey(counted, 'bundled-kit@1.0.0');
		expect(bundled.ok && [bundled.value.entry.origin, bundled.value.kit.manifest.id]).toEqual(['bundled', 'bundled-kit']);
		expect(reads).toEqual([]);
		const mine = await openKitByKey(counted, 'mine@1.0.0');
		expect(mine.ok && [mine.value.entry.origin, mine.value.entry.key, mine.value.kit.manifest.id]).toEqual(['imported', 'mine@1.0.0', 'mine']);
		expect(reads).toEqual(['mine@1.0.0']);
		const missing = await openKitByKey(counted, 'other@1.0.0');
		expect(missing.ok ? 'ok' : missing.problem.key).toBe('library.open.missing');
		const down = await openKitByKey({ ...counted, bundledIndex: () => Promise.reject(new TypeError('Failed to fetch')) }, 'mine@1.0.0');
		expect(down.ok ? 'ok' : down.problem.key).toBe('library.open.unavailable');
	});

	it('imports a kit from a peer only when its content hash is the session’s, and serves a kit by hash', async () => {
		const { sources, writes } = memorySources();
		const zip = kitZip(manifest('from-peer'));
		const wrong = await importKitFromPeer(sources, zip, '0'.repeat(64));
		expect(wrong.ok ? 'ok' : [wrong.problem.detail.fault, wrong.problem.detail.issues[0]!.key]).toEqual(['peer', 'library.import.otherContent']);
		const broken = await importKitFromPeer(sources, encode('not a zip'), '0'.repeat(64));
		expect(broken.ok ? 'ok' : broken.problem.detail.fault).toBe('peer');
		expect(writes).toEqual([]);

		const first = await importKit(memorySources().sources, zip);
		const hash = first.ok ? first.value.kit.hash : '';
		const right = await importKitFromPeer(sources, zip, hash);
		expect(right.ok && right.value.kit.hash).toBe(hash);
		expect(writes).toEqual(['from-peer@1.0.0']);

		const served = await kitZipByHash(sources, hash);
		expect(served && (await importKit(memorySources().sources, served)).ok).toBe(true);
		expect(await kitZipByHash(sources, 'f'.repeat(64))).toBeNull();
	});

	describe('opening a kit checked before', () => {
		// Passes the schema, fails a cross-check (two agendas with the same id).
		function crossBroken(id: string) {
			const m = manifest(id);
			m.agendas.push({ ...m.agendas[0]! });
			return m;
		}
		const filesOf = (m: unknown) => new Map([['kit.json', encode(m)]]);
		const bundledEntry = (id: string, zip: Uint8Array, hash: string, checks?: number): BundledKitEntry => ({
			id,
			version: '1.0.0',
			hash,
			title: { en: id },
			summary: { en: id },
			languages: ['en'],
			file: `kits/${id}.zip`,
			bytes: zip.byteLength,
			...(checks === undefined ? {} : { checks })
		});

		it('records the checks version on import and opens the same kit as a full check would', async () => {
			const { sources, stored } = memorySources();
			const outcome = await importKit(sources, kitZip(manifest('checked')));
			expect(outcome.ok).toBe(true);
			const row = stored.get('checked@1.0.0')!;
			expect(row.checks).toBe(KIT_CHECKS_VERSION);
			const [entry] = await listKits(sources);
			const opened = await openKit(sources, entry!);
			// The same package as when the recorded version is unknown (every check runs).
			delete row.checks;
			expect(opened).toEqual(await openKit(sources, entry!));
			expect(opened.ok && opened.value.hash).toBe(row.hash);
		});

		it('refuses a stored kit whose archive was changed after its import checks', async () => {
			const { sources, stored } = memorySources();
			await importKit(sources, kitZip(manifest('tampered')));
			const [entry] = await listKits(sources);
			// Another archive under the same row: its files no longer hash to the recorded hash.
			stored.get('tampered@1.0.0')!.zip = kitZip(crossBroken('tampered'));
			const opened = await openKit(sources, entry!);
			expect(opened.ok ? 'ok' : opened.problem.detail[0]!.key).toBe('kits.issue.duplicateId');
		});

		it('checks in full a row stored before the checks version was recorded, or by another version', async () => {
			const { sources, stored } = memorySources();
			await importKit(sources, kitZip(manifest('old-row')));
			const [entry] = await listKits(sources);
			const row = stored.get('old-row@1.0.0')!;
			const broken = crossBroken('old-row');
			// Even with a hash that matches the stored files, no (or another) checks version means full checks.
			row.zip = kitZip(broken);
			row.hash = hashKitFiles(filesOf(broken));
			for (const checks of [undefined, KIT_CHECKS_VERSION + 1]) {
				row.checks = checks;
				const opened = await openKit(sources, entry!);
				expect(opened.ok ? 'ok' : opened.problem.detail[0]!.key).toBe('kits.issue.duplicateId');
			}
		});

		it('still checks the schema of a stored kit whose hash matches', async () => {
			const { sources, stored } = memorySources();
			await importKit(sources, kitZip(manifest('schema')));
			const [entry] = await listKits(sources);
			const row = stored.get('schema@1.0.0')!;
			const invalid = manifest('schema');
			invalid.agendas[0]!.activities[0]!.durationMinutes = 0;
			row.zip = kitZip(invalid);
			row.hash = hashKitFiles(filesOf(invalid));
			const opened = await openKit(sources, entry!);
			expect(opened.ok).toBe(false);
			if (!opened.ok) expect(opened.problem.detail[0]).toMatchObject({ file: 'kit.json', path: 'agendas[0].activities[0].durationMinutes' });
		});

		it('checks a bundled kit in full unless its files hash to the index entry of this checks version', async () => {
			const broken = crossBroken('bundled-broken');
			const zip = kitZip(broken);
			const hash = hashKitFiles(filesOf(broken));
			const open = async (entry: BundledKitEntry) => {
				const { sources } = memorySources([{ entry, zip }]);
				const [kit] = await listKits(sources);
				const opened = await openKit(sources, kit!);
				return opened.ok ? 'ok' : opened.problem.detail[0]!.key;
			};
			expect(await open(bundledEntry('bundled-broken', zip, hash))).toBe('kits.issue.duplicateId');
			expect(await open(bundledEntry('bundled-broken', zip, 'f'.repeat(64), KIT_CHECKS_VERSION))).toBe('kits.issue.duplicateId');
			// The build checked exactly these files with this version's checks (the index says so): not again.
			expect(await open(bundledEntry('bundled-broken', zip, hash, KIT_CHECKS_VERSION))).toBe('ok');
		});
	});
});
