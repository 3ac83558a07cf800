/**
 * The studio validates the draft as the author types, with the full kit loader (`parseKit`, every
 * Markdown text parsed). Budget: one check of the larger bundled kit (13 posters in two languages,
 * 30+ glossary terms) within 100 ms, so a debounced check never lags typing. Run with `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { readKitFolder } from '$lib/kits/kit-folder.server';
import { checkDraft, fromKitPackage, setText } from '$lib/studio';

const BUDGET_MS = 100;

function best(runs: number, run: () => void): number {
	let out = Infinity;
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		run();
		out = Math.min(out, performance.now() - start);
	}
	return out;
}

describe('studio benchmark', () => {
	it('checks the Québec kit draft after one edit', () => {
		const kit = readKitFolder(resolve('workshop-kits/dialogue-ia-services-publics'));
		if (!kit.ok) throw new Error('bundled kit does not load');
		let draft = fromKitPackage(kit.value);
		let n = 0;
		const ms = best(10, () => {
			draft = setText(draft, ['stations', 0, 'title'], 'fr-CA', `Station ${n++}`);
			expect(checkDraft(draft).ok).toBe(true);
		});
		console.log(`studio check of the Québec kit draft, wall: ${ms.toFixed(1)} ms (budget ${BUDGET_MS} ms) ${ms <= BUDGET_MS ? 'OK' : 'OVER'}`);
	});
});
