/**
 * Starts the signaling server standalone:
 *   npx tsx src/hub/signaling-cli.ts [--port 4444] [--host 127.0.0.1]
 * Loopback by default; pass `--host 0.0.0.0` to serve the LAN. Logs the address only.
 */
import { startSignalingServer } from './signaling-server';

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

const port = Number(arg('port') ?? process.env.PORT ?? 4444);
const host = arg('host') ?? '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
	console.error(`Invalid port: ${arg('port') ?? process.env.PORT}`);
	process.exit(2);
}

const server = await startSignalingServer({ port, host });
console.log(`Tablée signaling server on ws://${host}:${server.port}`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
