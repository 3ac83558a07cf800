/**
 * Station tablets and phones load only the `participant` part of the catalog (catalogs.ts). This
 * proves that no key is ever shown raw there: every key the code reachable from those routes can
 * show (a source scan of their import graph, scripts/catalog-reach.ts) is in that part. Adding a
 * key of another domain to a participant screen fails here, naming the key: move it (both
 * languages) into a domain listed in `messages/<locale>/participant.ts`.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { catalogPartsFor, mergeDomains } from '$lib/i18n/catalogs';
import * as frAll from '$lib/i18n/messages/fr-CA';
import * as frParticipant from '$lib/i18n/messages/fr-CA/participant';
import * as frOthers from '$lib/i18n/messages/fr-CA/others';
import * as enAll from '$lib/i18n/messages/en';
import * as enParticipant from '$lib/i18n/messages/en/participant';
import * as enOthers from '$lib/i18n/messages/en/others';
import { keyDomains, keysUsed, participantEntries, participantKeys, reachableSources } from '../../../scripts/catalog-reach';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Keys used but missing from a catalog part, with the domain file that defines them. */
function keysOutside(used: Iterable<string>, part: Record<string, string>, domains: Map<string, string>): string[] {
	return [...used].filter((key) => !Object.hasOwn(part, key)).map((key) => `${key} (messages/*/${domains.get(key)}.ts)`);
}

describe('the participant catalog', () => {
	const participant = mergeDomains(frParticipant);

	it('holds every key the station and phone routes can show', () => {
		const { used, domains, files } = participantKeys();
		// The scan really walks those screens (a broken walk would find nothing and prove nothing).
		expect(files).toContain('src/lib/ui/board/NotesBoard.svelte');
		expect(files).toContain('src/lib/ui/phone/PhoneStation.svelte');
		expect(used.size).toBeGreaterThan(300);
		expect(keysOutside(used, participant, domains)).toEqual([]);
	});

	it('would fail for a key of another domain on a participant screen', () => {
		const domains = keyDomains();
		const used = keysUsed(["<p>{i18n.t('studio.lang.en')}</p>", 'i18n.t(`console.agenda.state.${state}`)', "t('board.heading')"], [...domains.keys()]);
		expect(used).toContain('studio.lang.en');
		expect(used).toContain('console.agenda.state.done');
		expect(keysOutside(used, participant, domains)).toContain('studio.lang.en (messages/*/studio.ts)');
		expect(keysOutside(used, participant, domains).some((k) => k.startsWith('board.'))).toBe(false);
	});

	it('follows a domain face only for the names imported from it', () => {
		const texts = reachableSources([join(ROOT, 'src/routes/(station)/activity/+page.svelte')]);
		const files = [...texts.keys()].map((f) => f.slice(ROOT.length + 1));
		// `$lib/live` is imported for OpenSessionGate and SyncBadge, not for TakeHomePublisher.
		expect(files).toContain('src/lib/live/OpenSessionGate.svelte');
		expect(files).not.toContain('src/lib/live/take-home-publisher.svelte.ts');
		expect(files.some((f) => f.startsWith('src/lib/ui/studio/'))).toBe(false);
		expect(participantEntries().some((f) => f.endsWith('(phone)/phone/+page.svelte'))).toBe(true);
	});

	it('and the other part split every domain between them, once, in both languages', () => {
		for (const [all, part, others] of [
			[frAll, frParticipant, frOthers],
			[enAll, enParticipant, enOthers]
		] as const) {
			expect([...Object.keys(part), ...Object.keys(others)].sort()).toEqual(Object.keys(all).sort());
			expect(Object.keys(part).filter((d) => Object.hasOwn(others, d))).toEqual([]);
		}
		expect(Object.keys(mergeDomains(enParticipant)).sort()).toEqual(Object.keys(participant).sort());
	});

	it('is what the station and phone routes load; every other route loads both parts', () => {
		expect(catalogPartsFor('/(station)/activity')).toEqual(['participant']);
		expect(catalogPartsFor('/(phone)/phone')).toEqual(['participant']);
		expect(catalogPartsFor('/(app)/sessions')).toEqual(['participant', 'others']);
		expect(catalogPartsFor('/(kiosk)/wall')).toEqual(['participant', 'others']);
		expect(catalogPartsFor(null)).toEqual(['participant', 'others']);
	});

	it('loads part by part; a whole load (loadCatalog, loadCatalogs) completes a partial one', async () => {
		vi.resetModules();
		// A fresh copy of the module: nothing registered (the test setup registered the shared one).
		const fresh = await import('$lib/i18n/catalogs');
		expect(fresh.loadedCatalog('en')).toBeUndefined();
		const part = await fresh.loadCatalog('en', ['participant']);
		expect(part['board.heading']).toBe('Notes');
		expect(Object.hasOwn(part, 'studio.lang.en')).toBe(false);
		await fresh.loadCatalogs(['en']);
		expect(fresh.loadedCatalog('en')?.['studio.lang.en']).toBe('English');
		expect(fresh.loadedCatalog('en')?.['board.heading']).toBe('Notes');
		expect(fresh.loadedCatalog('fr-CA')).toBeUndefined();
	});
});
