/**
 * Per-file cleanup for hub tests (vitest only: the fixtures file is also loaded by a benchmark's
 * child process, outside the test runner).
 */
import { afterEach } from 'vitest';
import { removeDir, startDevice, startTestHub, type Device } from './hub-fixtures';

/**
 * Cleans up after each test of the calling file (register at the file's top level) and returns
 * helpers whose hubs, temp folders and devices are closed then; `cleanups` takes any other undo.
 */
export function useHubCleanup() {
	const cleanups: (() => unknown)[] = [];
	afterEach(async () => {
		while (cleanups.length) await cleanups.pop()!();
	});
	async function hubFor(options: Parameters<typeof startTestHub>[0] = {}) {
		const h = await startTestHub(options);
		if (!options.appDir) cleanups.push(() => removeDir(h.appDir));
		if (!options.dataDir) cleanups.push(() => removeDir(h.dataDir));
		cleanups.push(() => h.hub.close());
		return h;
	}
	function device(...args: Parameters<typeof startDevice>): Device {
		const d = startDevice(...args);
		cleanups.push(() => d.destroy());
		return d;
	}
	return { cleanups, hubFor, device };
}
