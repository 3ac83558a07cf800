/**
 * `npm run hub` (or the package's `tablee-hub` bin): starts the venue hub.
 *
 *   npm run hub -- [--port 8080] [--host 0.0.0.0|<ip>] [--data ./hub-data] [--app ./build] [--quiet]
 *
 * Prints the LAN address(es), a terminal QR code of the main one, and a warning when bound to
 * every interface. Logs one line per connection event: ids, counts and sizes, never contribution
 * text. Stops cleanly (logs flushed) on SIGINT / SIGTERM; SIGKILL loses nothing acknowledged.
 */
import os from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';
import { startHub } from './venue-hub';
import { isBuiltApp } from './static-files';
import { createConsoleLogger, silentLogger } from './hub-logger';

const USAGE = 'Usage: npm run hub -- [--port 8080] [--host 0.0.0.0|<ip>] [--data ./hub-data] [--app ./build] [--quiet]';
const VALUE_FLAGS = new Set(['port', 'host', 'data', 'app']);

function parseArgs(argv: string[]): Map<string, string> {
	const args = new Map<string, string>();
	for (let i = 0; i < argv.length; i++) {
		const name = argv[i]!.replace(/^--/, '');
		if (argv[i] === '--help' || argv[i] === '-h') {
			console.log(USAGE);
			process.exit(0);
		}
		if (argv[i] === '--quiet') {
			args.set('quiet', 'true');
			continue;
		}
		const value = argv[i + 1];
		if (!argv[i]!.startsWith('--') || !VALUE_FLAGS.has(name) || value === undefined) {
			console.error(`Unknown or incomplete option: ${argv[i]}\n${USAGE}`);
			process.exit(2);
		}
		args.set(name, value);
		i++;
	}
	return args;
}

/** Non-internal IPv4 addresses, by interface name. */
export function lanAddresses(): { name: string; address: string }[] {
	const found: { name: string; address: string }[] = [];
	for (const [name, list] of Object.entries(os.networkInterfaces())) {
		for (const info of list ?? []) if (info.family === 'IPv4' && !info.internal) found.push({ name, address: info.address });
	}
	return found;
}

const args = parseArgs(process.argv.slice(2));
const port = Number(args.get('port') ?? process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
	console.error(`Invalid port: ${args.get('port') ?? process.env.PORT}`);
	process.exit(2);
}
const host = args.get('host') ?? '0.0.0.0';
const appDir = resolve(args.get('app') ?? fileURLToPath(new URL('../../build', import.meta.url)));
const dataDir = resolve(args.get('data') ?? 'hub-data');
if (!isBuiltApp(appDir)) {
	console.error(`The app is not built yet (no ${appDir}/200.html). Build it first with:\n\n  npm run build\n`);
	process.exit(1);
}

const hub = await startHub({
	appDir,
	dataDir,
	port,
	host,
	logger: args.has('quiet') ? silentLogger : createConsoleLogger()
}).catch((error: NodeJS.ErrnoException) => {
	console.error(`The hub could not start on ${host}:${port}: ${error.code ?? error.message}`);
	process.exit(1);
});

const all = host === '0.0.0.0' || host === '::';
const lan = lanAddresses();
const addresses = all ? lan.map((l) => l.address) : [host];
const main = addresses[0] ?? '127.0.0.1';
const url = (a: string) => `http://${a}:${hub.port}/`;
const lines = [
	'',
	'Tablée venue hub',
	`  App:   ${appDir}`,
	`  Data:  ${dataDir} (${hub.registry.size} session(s) loaded)`,
	'  Open on phones and tablets on this Wi-Fi:',
	...addresses.map((a) => `    ${url(a)}`),
	`  Signaling (y-webrtc): ws://${main}:${hub.port}/signaling`,
	`  Sync endpoint:        ws://${main}:${hub.port}/sync`,
	`  Take-home summaries:  http://${main}:${hub.port}/take-home/<id> (${hub.takeHome.size} published; no key in these addresses)`,
	`  On this computer open http://localhost:${hub.port}/ (a secure context: offline app, camera).`,
	''
];
console.log(lines.join('\n'));
if (addresses.length > 0) console.log(await QRCode.toString(url(main), { type: 'terminal', small: true }));
if (all) {
	const names = lan.map((l) => `${l.name} ${l.address}`).join(', ') || 'none besides loopback';
	console.warn(
		`Warning: listening on ALL network interfaces (${names}). Anyone on these networks can load the app and reach the hub; ` +
			'sessions stay closed without their key. Use --host <ip> to bind one interface.'
	);
}
if (lan.length === 0 && all) console.warn('Warning: no LAN address found: phones cannot reach this computer yet.');
console.log(`Hub listening on port ${hub.port}`);

const stop = () => void hub.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
