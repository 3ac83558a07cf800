/**
 * A kit travelling with the session: real SessionSyncEngine devices with LinkTransports over Node
 * MessageChannel ports (structured clone, like a browser MessagePort). Measured: the time from
 * `requestKit` until the kit is validated and stored (A→B, then relayed B→C), for the ~260 KB
 * realistic kit of the unit tests; and the throughput of an 8 MiB transfer, which the sender paces
 * at 1 MiB/s (`KIT_TRANSFER_LIMITS`) so that a receiver's rate limit is never reached.
 * Budgets: 2 s per hop for the realistic kit; at least 0.9 MiB/s for the large one.
 */
import { describe, expect, it } from 'vitest';
import { closeAllPorts, connect, realisticKit, startKitDevice, stopKitDevice } from '../unit/sync/kit-fixtures';

function report(name: string, value: number, unit: string, ok: boolean, budget: string): void {
	console.log(`${name}: ${value.toFixed(unit === 'ms' ? 0 : 2)} ${unit} (budget ${budget}) ${ok ? 'OK' : 'OVER'}`);
}

describe('kit transfer', () => {
	it('moves a realistic kit along A–B–C and 8 MiB at the paced rate', async () => {
		const { kit, zip } = await realisticKit();
		const ref = { id: kit.manifest.id, version: kit.manifest.version, hash: kit.hash };
		const [a, b, c] = [1, 2, 3].map((i) => startKitDevice(i));
		connect(a!, b!);
		connect(b!, c!);
		a!.sync.provideKit(kit.hash, async () => zip);
		let t = performance.now();
		expect(await b!.sync.requestKit(ref, { accept: b!.library.accept(kit.hash) })).toEqual({ ok: true });
		const hop1 = performance.now() - t;
		b!.sync.provideKit(kit.hash, async () => b!.library.stored.get(`${ref.id}@${ref.version}`)!.zip);
		t = performance.now();
		expect(await c!.sync.requestKit(ref, { accept: c!.library.accept(kit.hash) })).toEqual({ ok: true });
		const hop2 = performance.now() - t;
		report(`realistic kit (${(zip.byteLength / 1024).toFixed(0)} KiB) A→B, validated and stored`, hop1, 'ms', hop1 <= 2000, '2000 ms');
		report('same kit relayed B→C', hop2, 'ms', hop2 <= 2000, '2000 ms');

		const big = new Uint8Array(8 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24);
		const bigHash = 'b'.repeat(64);
		a!.sync.provideKit(bigHash, async () => big);
		t = performance.now();
		let size = 0;
		const outcome = await b!.sync.requestKit({ id: 'big', version: '1.0.0', hash: bigHash }, {
			accept: async (bytes) => {
				size = bytes.byteLength;
				return { ok: true, value: undefined };
			}
		});
		const seconds = (performance.now() - t) / 1000;
		expect(outcome).toEqual({ ok: true });
		expect(size).toBe(big.byteLength);
		const rate = big.byteLength / 1024 / 1024 / seconds;
		report('8 MiB transfer, paced', rate, 'MiB/s', rate >= 0.9, '≥ 0.9 MiB/s');
		for (const d of [a!, b!, c!]) stopKitDevice(d);
		closeAllPorts();
	});
});
