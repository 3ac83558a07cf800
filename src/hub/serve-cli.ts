/**
 * `npm start`'s server: serves the built app (build/) on localhost with the same static-file
 * rules as the venue hub (no listing, nothing outside the app folder, fallback page), without the
 * hub's signaling and sync. Usage: node --import tsx src/hub/serve-cli.ts [--port 4173] [--host 127.0.0.1] [--root build]
 */
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createStaticHandler } from './static-files';

export const SERVE_USAGE = `Usage: node --import tsx src/hub/serve-cli.ts [--port 4173] [--host 127.0.0.1] [--root build]

Serves the built app (run "npm run build" first) without the venue hub's signaling and sync.
  --port <n>     port to listen on (default: $PORT, else 4173)
  --host <ip>    address to bind (default: 127.0.0.1)
  --root <dir>   built app folder (default: build)
  --help, -h     print this help and exit`;

const VALUE_FLAGS = new Set(['port', 'host', 'root']);

export type ServeArgs = { help: true } | { help: false; port: number; host: string; root: string } | { error: string };

/**
 * Reads the command line. `--help` wins over everything (it never binds a port), and an unknown
 * or incomplete option is an error rather than silently ignored, like the hub's CLI.
 */
export function parseServeArgs(argv: readonly string[], env: { PORT?: string } = {}): ServeArgs {
	if (argv.includes('--help') || argv.includes('-h')) return { help: true };
	const values = new Map<string, string>();
	for (let i = 0; i < argv.length; i++) {
		const name = argv[i]!.replace(/^--/, '');
		const value = argv[i + 1];
		if (!argv[i]!.startsWith('--') || !VALUE_FLAGS.has(name) || value === undefined) return { error: `Unknown or incomplete option: ${argv[i]}` };
		values.set(name, value);
		i++;
	}
	const portText = values.get('port') ?? env.PORT ?? '4173';
	const port = Number(portText);
	if (!/^\d+$/.test(portText) || port > 65535) return { error: `Invalid port: ${portText}` };
	return { help: false, port, host: values.get('host') ?? '127.0.0.1', root: values.get('root') ?? 'build' };
}

function main(): void {
	const args = parseServeArgs(process.argv.slice(2), process.env);
	if ('error' in args) {
		console.error(`${args.error}\n${SERVE_USAGE}`);
		process.exit(2);
	}
	if (args.help) {
		console.log(SERVE_USAGE);
		return;
	}
	const { port, host, root } = args;
	if (!existsSync(join(root, 'index.html'))) {
		console.error(`No built app in ${root}/. Build it first:\n  npm run build`);
		process.exit(1);
	}
	createServer(createStaticHandler(root)).listen(port, host, () => {
		console.log(`Tablée is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
	});
}

// Run only as a program, so tests can import the argument parser.
if (process.argv[1] && /serve-cli\.[cm]?[jt]s$/.test(process.argv[1])) main();
