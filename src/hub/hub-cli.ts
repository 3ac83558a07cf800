/**
 * `npm run hub` (or the package's `tablee-hub` bin): starts the venue hub.
 *
 *   npm run hub -- [--port 8080] [--host 0.0.0.0|<ip>] [--data ./hub-data] [--app ./build]
 *                  [--session-quota 256M] [--total-quota 2G] [--new-hub-code] [--quiet]
 *
 * Prints the LAN address(es), a terminal QR code of the main one, the hub code (kept in the data
 * folder; `--new-hub-code` replaces it) with a QR code of the hub's address carrying it, for the
 * facilitator's tablet, and a warning when bound to every interface. Logs one line per
 * connection event: ids, counts and sizes, never contribution text nor the hub code. Stops
 * cleanly (logs flushed) on SIGINT / SIGTERM; SIGKILL loses nothing acknowledged.
 */
import os from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';
import { startHub } from './venue-hub';
import { isBuiltApp } from './static-files';
import { createConsoleLogger, silentLogger } from './hub-logger';
import { DEFAULT_QUOTAS, parseQuotaSize } from './disk-quota';
import { formatHubCode, hubLinkWithCode, SYNC_LIMITS } from '../lib/protocol';

const USAGE =
	'Usage: npm run hub -- [--port 8080] [--host 0.0.0.0|<ip>] [--data ./hub-data] [--app ./build]\n' +
	'                      [--session-quota 256M] [--total-quota 2G] [--new-hub-code] [--quiet]\n' +
	'  --session-quota, --total-quota: disk space one session / all sessions may take (M = MiB, G = GiB; a bare number is MiB)\n' +
	'  --new-hub-code: replace the hub code tablets use to bring new sessions (after a tablet that had it was lost)';
const VALUE_FLAGS = new Set(['port', 'host', 'data', 'app', 'session-quota', 'total-quota']);
const SWITCHES = new Set(['quiet', 'new-hub-code']);
const MIB = 1024 * 1024;

function parseArgs(argv: string[]): Map<string, string> {
	const args = new Map<string, string>();
	for (let i = 0; i < argv.length; i++) {
		const name = argv[i]!.replace(/^--/, '');
		if (argv[i] === '--help' || argv[i] === '-h') {
			console.log(USAGE);
			process.exit(0);
		}
		if (argv[i]!.startsWith('--') && SWITCHES.has(name)) {
			args.set(name, 'true');
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

function quotaArg(name: 'session-quota' | 'total-quota', fallback: number): number {
	const text = args.get(name);
	if (text === undefined) return fallback;
	const bytes = parseQuotaSize(text);
	if (bytes === null) {
		console.error(`Invalid --${name}: ${text} (examples: 512M, 4G)\n${USAGE}`);
		process.exit(2);
	}
	return bytes;
}

const mib = (bytes: number) => `${Math.round(bytes / MIB)} MiB`;

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
const sessionQuota = quotaArg('session-quota', DEFAULT_QUOTAS.sessionBytes);
const totalQuota = quotaArg('total-quota', DEFAULT_QUOTAS.totalBytes);
if (!isBuiltApp(appDir)) {
	console.error(`The app is not built yet (no ${appDir}/200.html). Build it first with:\n\n  npm run build\n`);
	process.exit(1);
}

const hub = await startHub({
	appDir,
	dataDir,
	port,
	host,
	newHubCode: args.has('new-hub-code'),
	quota: { sessionBytes: sessionQuota, totalBytes: totalQuota },
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
const signaling = `ws://${main}:${hub.port}/signaling`;
const lines = [
	'',
	'Tablée venue hub',
	`  App:   ${appDir}`,
	`  Data:  ${dataDir} (${hub.registry.size} session(s) loaded, ${mib(hub.quota.totalUsed)} used)`,
	`  Disk quotas: ${mib(hub.quota.limits.sessionBytes)} per session, ${mib(hub.quota.limits.totalBytes)} in total (--session-quota, --total-quota)`,
	'  Open on phones and tablets on this Wi-Fi:',
	...addresses.map((a) => `    ${url(a)}`),
	`  Signaling (y-webrtc): ${signaling}`,
	`  Sync endpoint:        ws://${main}:${hub.port}/sync`,
	`  Take-home summaries:  http://${main}:${hub.port}/take-home/<id> (${hub.takeHome.size} published; no key in these addresses)`,
	`  On this computer open http://localhost:${hub.port}/ (a secure context: offline app, camera).`,
	''
];
console.log(lines.join('\n'));
if (addresses.length > 0) console.log(await QRCode.toString(url(main), { type: 'terminal', small: true }));
// The code is shown here only (never in the log): whoever reads this terminal is the organiser.
console.log(
	[
		`Hub code: ${formatHubCode(hub.hubCode)}${hub.hubCodeCreated ? ' (new)' : ' (kept in the data folder; --new-hub-code replaces it)'}`,
		'  Only a tablet with this code can bring NEW sessions to this hub; phones and tablets joining a session do not need it.',
		'  On the facilitator\'s tablet, Réglages > Code du boîtier: type it, or scan this QR code (hub address and code):',
		''
	].join('\n')
);
console.log(await QRCode.toString(hubLinkWithCode(signaling, hub.hubCode), { type: 'terminal', small: true }));
if (all) {
	const names = lan.map((l) => `${l.name} ${l.address}`).join(', ') || 'none besides loopback';
	console.warn(
		`Warning: listening on ALL network interfaces (${names}). Anyone on these networks can load the app and reach the hub; ` +
			'sessions stay closed without their key. Use --host <ip> to bind one interface.'
	);
}
if (lan.length === 0 && all) console.warn('Warning: no LAN address found: phones cannot reach this computer yet.');
if (sessionQuota < 2 * SYNC_LIMITS.documentBytes) {
	console.warn(`Warning: --session-quota ${mib(sessionQuota)} is below ${mib(2 * SYNC_LIMITS.documentBytes)}: a large session within the sync limits may be refused.`);
}
if (hub.quota.full) console.warn(`Warning: the data folder already takes ${mib(hub.quota.totalUsed)}, at or over --total-quota: the hub stores nothing new until it has room.`);
console.log(`Hub listening on port ${hub.port}`);

const stop = () => void hub.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
