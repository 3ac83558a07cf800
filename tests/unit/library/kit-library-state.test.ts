import { describe, expect, it, vi } from 'vitest';
import { zipSync } from 'fflate';
import type { BundledKitEntry } from '$lib/kits';
import type { KitLibrarySources } from '$lib/library/kit-library';
import { KitLibrary, kitsUnavailable } from '$lib/library/kit-library.svelte';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const manifest = {
	format: 1,
	id: 'bundled-kit',
	version: '1.0.0',
	languages: ['en'],
	title: { en: 'Bundled' },
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

describe('the kit library when its list cannot be read (venue hub down)', () => {
	it('says the list is unavailable, not that the kit is missing, and reads it again next time', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const zip = zipSync({ 'kit.json': encode(manifest) });
		const entry: BundledKitEntry = { id: 'bundled-kit', version: '1.0.0', hash: 'h', title: { en: 'Bundled' }, summary: { en: 'B' }, languages: ['en'], file: 'kits/bundled-kit.zip', bytes: zip.byteLength };
		let hubUp = false;
		const sources: KitLibrarySources = {
			bundledIndex: async () => {
				if (!hubUp) throw new TypeError('Failed to fetch');
				return [entry];
			},
			bundledZip: async () => zip,
			listStored: async () => [],
			getStored: async () => undefined,
			putStored: async () => {},
			deleteStored: async () => {},
			now: () => 1
		};
		const library = new KitLibrary(sources);
		const down = await library.open('bundled-kit@1.0.0');
		expect(down).toMatchObject({ ok: false, problem: { key: 'library.open.unavailable', detail: [{ key: 'library.open.unavailable' }] } });
		expect(!down.ok && kitsUnavailable(down.problem)).toBe(true);

		hubUp = true;
		const back = await library.open('bundled-kit@1.0.0');
		expect(back.ok).toBe(true);
		expect(library.error).toBeUndefined();
		// A kit that really is not there is still called missing.
		const other = await library.open('other-kit@1.0.0');
		expect(other).toMatchObject({ ok: false, problem: { key: 'library.open.missing', detail: [{ key: 'library.open.missing' }] } });
		expect(!other.ok && kitsUnavailable(other.problem)).toBe(false);
	});
});
