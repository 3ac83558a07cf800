import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseServeArgs, SERVE_USAGE } from '../../../src/hub/serve-cli';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('npm start’s server (serve-cli)', () => {
	it('reads its options, with --help first and unknown options refused', () => {
		expect(parseServeArgs([])).toEqual({ help: false, port: 4173, host: '127.0.0.1', root: 'build' });
		expect(parseServeArgs(['--port', '5000', '--host', '0.0.0.0', '--root', 'out'])).toEqual({ help: false, port: 5000, host: '0.0.0.0', root: 'out' });
		expect(parseServeArgs([], { PORT: '8000' })).toEqual({ help: false, port: 8000, host: '127.0.0.1', root: 'build' });
		expect(parseServeArgs(['--port', '5000', '--help'])).toEqual({ help: true });
		expect(parseServeArgs(['-h'])).toEqual({ help: true });
		expect(parseServeArgs(['--verbose'])).toEqual({ error: 'Unknown or incomplete option: --verbose' });
		expect(parseServeArgs(['--port'])).toEqual({ error: 'Unknown or incomplete option: --port' });
		expect(parseServeArgs(['--port', 'http'])).toEqual({ error: 'Invalid port: http' });
	});

	it('prints its help and exits without binding a port', () => {
		// A server that bound its port would keep running until the timeout: a prompt, clean exit
		// with the usage shows nothing was bound.
		const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/hub/serve-cli.ts', '--port', '1', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
		expect(run.status).toBe(0);
		expect(run.stdout.trim()).toBe(SERVE_USAGE);
		expect(run.stderr).toBe('');
	});

	it('exits with the usage on an unknown option', () => {
		const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/hub/serve-cli.ts', '--prot', '80'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
		expect(run.status).toBe(2);
		expect(run.stderr).toContain('Unknown or incomplete option: --prot');
		expect(run.stderr).toContain('Usage:');
	});
});
