import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import type { BundledKitEntry } from '$lib/kits';
import { deleteKit, exportKit, importKit, importKitFromPeer, kitZipByHash, listKits, openKit, type KitLibrarySources, type StoredKit } from '$lib/library/kit-library';

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
		if (!outcome.ok) expect(outcome.issues[0]).toMatchObject({ file: 'kit.json', path: 'agendas[0].activities[0].durationMinutes' });
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
		expect(clash.ok ? 'ok' : clash.issues[0]!.key).toBe('library.import.bundledVersion');
		expect((await importKit(sources, kitZip(manifest('other')))).ok).toBe(true);
		const again = await importKit(sources, kitZip(manifest('other')));
		expect(again.ok && again.replaced).toBe(true);
	});

	it('re-validates a stored kit when opening it, and exports the same kit back', async () => {
		const { sources, stored } = memorySources();
		await importKit(sources, kitZip(manifest('roundtrip')));
		const [entry] = await listKits(sources);
		const opened = await openKit(sources, entry!);
		expect(opened.ok && opened.kit.manifest.id).toBe('roundtrip');
		const exported = await exportKit(sources, entry!);
		const reimported = await importKit(memorySources().sources, exported);
		expect(reimported.ok && opened.ok && reimported.kit.hash === opened.kit.hash).toBe(true);

		// A damaged row is reported, not shown as a kit.
		stored.get('roundtrip@1.0.0')!.zip = encode('damaged');
		expect((await openKit(sources, entry!)).ok).toBe(false);

		await deleteKit(sources, entry!);
		expect(await listKits(sources)).toEqual([]);
	});

	it('imports a kit from a peer only when its content hash is the session’s, and serves a kit by hash', async () => {
		const { sources, writes } = memorySources();
		const zip = kitZip(manifest('from-peer'));
		const wrong = await importKitFromPeer(sources, zip, '0'.repeat(64));
		expect(wrong.ok ? 'ok' : [wrong.fault, wrong.issues[0]!.key]).toEqual(['peer', 'library.import.otherContent']);
		const broken = await importKitFromPeer(sources, encode('not a zip'), '0'.repeat(64));
		expect(broken.ok ? 'ok' : broken.fault).toBe('peer');
		expect(writes).toEqual([]);

		const first = await importKit(memorySources().sources, zip);
		const hash = first.ok ? first.kit.hash : '';
		const right = await importKitFromPeer(sources, zip, hash);
		expect(right.ok && right.kit.hash).toBe(hash);
		expect(writes).toEqual(['from-peer@1.0.0']);

		const served = await kitZipByHash(sources, hash);
		expect(served && (await importKit(memorySources().sources, served)).ok).toBe(true);
		expect(await kitZipByHash(sources, 'f'.repeat(64))).toBeNull();
	});
});
