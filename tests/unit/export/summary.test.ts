import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildTrace, summaryHtml, traceBundle } from '$lib/export';
import { fullSession, manifest, T0 } from './export-fixtures';

const build = () => {
	const s = fullSession();
	return { s, trace: buildTrace({ session: s.info, kit: manifest, doc: s.doc, exportedAt: T0 + 5 * 3_600_000 }) };
};

describe('the printable summary', () => {
	it('is self-contained: inline CSS, no script, no remote load', () => {
		const html = summaryHtml(build().trace, manifest);
		expect(html.startsWith('<!doctype html><html lang="fr-CA">')).toBe(true);
		expect(html).toContain('<style>');
		expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|url\(/i);
		expect(html).not.toMatch(/(?:src|href|action)=["']?(?:https?:)?\/\//i);
	});

	it('shows context, themes as organised, top votes, the grid chart with its table, cases, check-in and follow-up', () => {
		const { trace, s } = build();
		const html = summaryHtml(trace, manifest);
		for (const id of ['context', 'contributions', 'top-voted', 'grid', 'cases', 'checkin', 'follow-up']) expect(html).toContain(`<section id="${id}"`);
		expect(html).toContain('<dt>Personnes participantes</dt><dd>6</dd>');
		expect(html).toContain('<dt>Équipes</dt><dd>3</dd>');
		// The check-in names each check-in and the question it asked (they differ in kit format 2).
		expect(html).toContain(
			'<dl class="facts" data-checkin-questions><dt>Au début — Où en êtes-vous? (début)</dt><dd>En arrivant, comment évaluez-vous vos connaissances sur l&#39;IA dans les services publics?</dd>' +
				'<dt>À la fin — Où en êtes-vous? (fin)</dt><dd>Après cet atelier, comment évaluez-vous vos connaissances sur l&#39;IA dans les services publics?</dd></dl>'
		);
		expect(html).toContain('<h4>Reddition de comptes</h4>');
		// Hidden and deleted notes are left out; merged duplicates are folded into their root.
		expect(html).not.toContain('pensez aux aînés');
		expect(html).not.toContain('colonne B');
		expect(html).not.toContain('+1 pour la transparence');
		expect(html).toContain('(+ 1 idée semblable)');
		expect(html).toMatch(/<svg[^>]+role="img"[^>]+aria-labelledby="grid-chart-t grid-chart-d"/);
		expect(html).toContain('<table id="grid-table">');
		const card = manifest.grid!.dimensions[1]!.cards[0]!.title['fr-CA']!;
		expect(html).toContain(`<td>${card.replace(/'/g, '&#39;')}</td><td class="num">3</td>`);
		expect(html).toContain('Droit de refus');
		expect(html).toContain('Conditions de l’équipe 2');
		expect(html).toContain('Comité de la bibliothèque');
		expect(html).not.toContain('Le groupe 2 a eu besoin du glossaire');
		expect(html.indexOf('Savoir qui décide')).toBeLessThan(html.indexOf('top-voted'));
		expect(s.ids.note0).toBeDefined();
	});

	it('reads the grid and the cases the way the pilot report did, in plain sentences', () => {
		const html = summaryHtml(build().trace, manifest);
		const title = (i: number) => manifest.grid!.dimensions.flatMap((d) => d.cards)[i]!.title['fr-CA']!.replace(/'/g, '&#39;');
		// 3 groups: card 5 kept by all, 8, 9 and 10 by two, 0, 1, 7 and 12 by one.
		expect(html).toContain(`<li>Retenues par tous les groupes (3) : ${title(5)}.</li>`);
		expect(html).toContain(`<li>Retenues par plus de la moitié des groupes, mais pas par tous : ${[8, 9, 10].map(title).join(', ')}.</li>`);
		expect(html).toContain(`<li>Retenues par moins de la moitié des groupes : ${[0, 1, 7, 12].map(title).join(', ')}.</li>`);
		expect(html).toContain('<li>7 cartes n’ont été retenues par aucun groupe.</li>');
		expect(html).toContain('Cartes citées d’une démarche de groupe à l’autre (sur 3 démarches) :');
		expect(html).toContain(`<li>« ${title(8)} » : citée dans 3 sur 3</li>`);
		expect(html).toContain('<li>« Droit de refus » : citée dans 1 sur 3</li>');
	});

	it('escapes participants’ text', () => {
		const s = fullSession();
		s.model.addContribution({ activityId: 'registre', stationId: 'registre-impressions', text: '<script>alert(1)</script> & <b>gras</b>' });
		const html = summaryHtml(buildTrace({ session: s.info, kit: manifest, doc: s.doc, exportedAt: T0 }), manifest);
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;gras&lt;/b&gt;');
	});

	it('is written in the session’s language, with ids as labels when the kit is missing', () => {
		const { trace } = build();
		const en = summaryHtml({ ...trace, session: { ...trace.session, language: 'en' } }, manifest);
		expect(en).toContain('<h2 id="context-h">Context</h2>');
		expect(summaryHtml(trace, null)).toContain('confiance-transparence');
	});
});

describe('the bundle', () => {
	it('is one deterministic zip with the JSON, both CSV files, the spreadsheet and the summary', () => {
		const { trace } = build();
		const a = traceBundle(trace, manifest, { locale: 'fr-CA', separator: ';' });
		const b = traceBundle(trace, manifest, { locale: 'fr-CA', separator: ';' });
		expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
		const files = unzipSync(a);
		const stem = 'tablee-2026-10-14-atelier-prototyper-rimouski';
		expect(Object.keys(files).sort()).toEqual([`${stem}-contributions.csv`, `${stem}-group-work.csv`, `${stem}-summary.html`, `${stem}.json`, `${stem}.xlsx`]);
		expect(JSON.parse(strFromU8(files[`${stem}.json`]!)).format).toBe('tablee-trace');
	});
});
