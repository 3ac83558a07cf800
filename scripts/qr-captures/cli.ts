/**
 * Writes the synthetic capture set as image files, to look at what the QR benchmark decodes:
 *
 *   npm run qr:captures -- [--seed N] [--per-cell N] [--out folder]
 *
 * One grey-level PGM per capture, named after its id (resolution, code kind, degradation, index),
 * and an index.json of the shots. Prints the seed: the same seed gives the same files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { captureSet, render } from './capture-set';

const { values } = parseArgs({
	options: {
		seed: { type: 'string', default: String(Date.now() % 1_000_000) },
		'per-cell': { type: 'string', default: '1' },
		out: { type: 'string', default: 'qr-captures' }
	}
});
const seed = Number(values.seed);
const perCell = Number(values['per-cell']);
if (!Number.isInteger(seed) || !Number.isInteger(perCell) || perCell < 1) {
	console.error('--seed and --per-cell take whole numbers (--per-cell at least 1)');
	process.exit(2);
}
console.log(`qr-captures: seed ${seed}, ${perCell} per code kind × resolution × degradation → ${values.out}`);
mkdirSync(values.out, { recursive: true });
const specs = captureSet({ seed, perCell });
for (const spec of specs) {
	const { rgba } = render(spec);
	const { width, height } = spec.resolution;
	const grey = new Uint8Array(width * height);
	for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4]!;
	writeFileSync(join(values.out, `${spec.id.replaceAll('/', '_')}.pgm`), Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`), grey]));
}
writeFileSync(join(values.out, 'index.json'), JSON.stringify({ seed, perCell, captures: specs.map(({ id, code, shot, modules, modulePixels }) => ({ id, kind: code.kind, level: code.level, text: code.text, modules, modulePixels, shot })) }, null, '\t'));
console.log(`qr-captures: wrote ${specs.length} captures (seed ${seed})`);
