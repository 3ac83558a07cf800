import { describe, expect, it } from 'vitest';
import type { KitManifest } from '$lib/kits';
import { bundledManifest } from '../kits/kit-test-helpers';
import { agendaStations, planSheets, takeHomeLink } from '$lib/sheets';
import { generateSessionKey, parsePhoneLink, takeHomeId } from '$lib/sync';

const kit: KitManifest = bundledManifest('dialogue-ia-services-publics');
const agenda = (id: string) => kit.agendas.find((a) => a.id === id)!;
const key = generateSessionKey();
const hub = 'http://192.168.1.10:8080';

describe('sheet plan', () => {
	it('offers the join sheet, then each station of the agenda once, in agenda order, with its phone link', () => {
		const sheets = planSheets({ stations: kit.stations, agenda: agenda('imaginer'), hubOrigin: hub, sessionId: 'seance-1', key });
		const expected = [...new Set(agenda('imaginer').activities.flatMap((a) => a.stations ?? []))];
		expect(sheets.map((s) => s.id)).toEqual(['join', ...expected.map((id) => `station:${id}`)]);
		expect(parsePhoneLink(sheets[0]!.link)).toEqual({ ok: true, value: { view: 'join', sessionId: 'seance-1', key, station: '' } });
		for (const sheet of sheets.slice(1)) {
			if (sheet.kind !== 'station') throw new Error('station sheet expected');
			expect(sheet.link.startsWith(`${hub}/phone#p=`)).toBe(true);
			expect(parsePhoneLink(sheet.link)).toEqual({ ok: true, value: { view: 'station', sessionId: 'seance-1', key, station: sheet.station.id } });
		}
	});

	it('leaves out kit stations the agenda does not use', () => {
		const used = agendaStations(kit.stations, agenda('prototyper')).map((s) => s.id);
		expect(used).toEqual(['confiance-transparence', 'registre-impressions', 'question-cloture']);
		expect(agendaStations(kit.stations, { ...agenda('prototyper'), activities: [] })).toEqual([]);
	});

	it('builds the take-home link to the summary published on the hub, with no key in it', () => {
		const link = takeHomeLink(`${hub}/sheets?id=x#frag`, 'seance-1', key);
		expect(link).toBe(`${hub}/take-home/${takeHomeId('seance-1', key)}`);
		expect(link).not.toContain(key);
		expect(link).not.toContain('#');
		expect(parsePhoneLink(link).ok).toBe(false);
		// One id per session and key, the same on every device; another key gives another id.
		expect(takeHomeId('seance-1', key)).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(takeHomeId('seance-1', key)).toBe(takeHomeId('seance-1', key));
		expect(takeHomeId('seance-1', generateSessionKey())).not.toBe(takeHomeId('seance-1', key));
		expect(takeHomeId('seance-2', key)).not.toBe(takeHomeId('seance-1', key));
	});
});
