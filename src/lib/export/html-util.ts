/** Small helpers for the self-contained HTML documents (summary, synthesis). */

/** Escapes text for HTML content and attribute values. */
export function esc(text: string | number): string {
	return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Escapes participants' text and keeps its line breaks (as `<br>`), as they wrote it. */
export function escLines(text: string): string {
	return esc(text).replace(/\r\n|\r|\n/g, '<br>');
}

/** One bar of a horizontal bar chart. */
export interface Bar {
	label: string;
	value: number;
	/** Bars with the same group share a colour and a heading row. */
	group: string;
}

const PALETTE = ['#1d4ed8', '#047857', '#9a3412', '#6d28d9', '#0f766e', '#a21caf'];

/**
 * A horizontal bar chart as inline SVG: labelled (`role="img"`, title and description) and always
 * followed by a data table in the documents, so screen readers and printouts keep the numbers.
 */
export function barChart(bars: readonly Bar[], options: { id: string; title: string; description: string; max: number; axisLabel: string }): string {
	const labelWidth = 320;
	const barWidth = 300;
	const row = 26;
	const groups: string[] = [];
	for (const b of bars) if (!groups.includes(b.group)) groups.push(b.group);
	let y = 8;
	const parts: string[] = [];
	for (const [gi, group] of groups.entries()) {
		const colour = PALETTE[gi % PALETTE.length]!;
		parts.push(`<text x="0" y="${y + 16}" class="g" fill="${colour}">${esc(group)}</text>`);
		y += row;
		for (const b of bars.filter((x) => x.group === group)) {
			const w = options.max === 0 ? 0 : Math.round((b.value / options.max) * barWidth);
			const label = b.label.length > 46 ? `${b.label.slice(0, 45)}…` : b.label;
			parts.push(
				`<text x="8" y="${y + 17}">${esc(label)}</text>`,
				`<rect x="${labelWidth}" y="${y + 4}" width="${Math.max(w, 1)}" height="${row - 8}" fill="${colour}"/>`,
				`<text x="${labelWidth + Math.max(w, 1) + 6}" y="${y + 17}">${esc(b.value)}</text>`
			);
			y += row;
		}
	}
	parts.push(`<text x="${labelWidth}" y="${y + 18}" class="axis">${esc(options.axisLabel)}</text>`);
	const height = y + 28;
	const width = labelWidth + barWidth + 40;
	return (
		`<svg id="${esc(options.id)}" class="chart" role="img" viewBox="0 0 ${width} ${height}" width="100%" ` +
		`aria-labelledby="${esc(options.id)}-t ${esc(options.id)}-d"><title id="${esc(options.id)}-t">${esc(options.title)}</title>` +
		`<desc id="${esc(options.id)}-d">${esc(options.description)}</desc>${parts.join('')}</svg>`
	);
}

/** The inline stylesheet shared by the printable documents (screen and print). */
export const DOCUMENT_CSS = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 17px; line-height: 1.5; color: #111; background: #fff; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 2rem; margin: 0 0 .25rem; } h2 { font-size: 1.45rem; margin-top: 2rem; border-bottom: 2px solid #1d4ed8; padding-bottom: .2rem; }
h3 { font-size: 1.2rem; margin-top: 1.4rem; } h4 { font-size: 1.05rem; margin: 1rem 0 .3rem; }
.subtitle { font-size: 1.15rem; color: #333; margin: 0 0 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; } dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; } th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2ff; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
ul.notes { padding-left: 1.2rem; } ul.notes li { margin: .2rem 0; } .votes { font-weight: 600; color: #1e3a8a; white-space: nowrap; }
.muted { color: #444; } .empty { font-style: italic; color: #444; }
svg.chart { max-width: 44rem; font-size: 13px; } svg.chart text { fill: #111; } svg.chart text.g { font-weight: 700; font-size: 14px; }
blockquote { margin: .3rem 0 .6rem; padding: .2rem .8rem; border-left: 4px solid #94a3b8; }
section { break-inside: auto; } h2, h3, h4 { break-after: avoid; } tr, li, blockquote, svg { break-inside: avoid; }
@media print { body { font-size: 11pt; max-width: none; padding: 0; } h2 { border-color: #000; } a { color: inherit; text-decoration: none; } }
body { overflow-wrap: anywhere; } svg.chart { height: auto; }
@media screen and (max-width: 40rem) { body { font-size: 16px; padding: 1rem .8rem; } h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; } dl.facts { grid-template-columns: 1fr; gap: 0; } dl.facts dd { margin-bottom: .5rem; } th, td { padding: .25rem .35rem; } }
`;
