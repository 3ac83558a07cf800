/**
 * `npm start`'s server: serves the built app (build/) on localhost with the same static-file
 * rules as the venue hub (no listing, nothing outside the app folder, fallback page), without the
 * hub's signaling and sync. Usage: node --import tsx src/hub/serve-cli.ts [--port 4173] [--host 127.0.0.1] [--root build]
 */
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createStaticHandler } from './static-files';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const port = Number(option('port', process.env.PORT || '4173'));
const host = option('host', '127.0.0.1');
const root = option('root', 'build');

if (!existsSync(join(root, 'index.html'))) {
	console.error(`No built app in ${root}/. Build it first:\n  npm run build`);
	process.exit(1);
}

createServer(createStaticHandler(root)).listen(port, host, () => {
	console.log(`Tablée is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
});
