import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';

/** Reads a kit folder into a path → bytes map (kit-relative POSIX paths). */
export function readFolder(folder: string): Record<string, Uint8Array> {
	const files: Record<string, Uint8Array> = {};
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else files[relative(folder, path).split('\\').join('/')] = new Uint8Array(readFileSync(path));
		}
	};
	walk(folder);
	return files;
}

/** Zips a kit folder, letting the test change kit.json on the way (another id, a broken field…). */
export function zipKit(folder: string, editManifest: (manifest: Record<string, unknown>) => void = () => {}): Buffer {
	const files = readFolder(folder);
	const manifest = JSON.parse(new TextDecoder().decode(files['kit.json']));
	editManifest(manifest);
	files['kit.json'] = new TextEncoder().encode(JSON.stringify(manifest, null, '\t'));
	return Buffer.from(zipSync(files));
}
