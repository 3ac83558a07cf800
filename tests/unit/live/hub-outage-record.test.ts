import { describe, expect, it } from 'vitest';
import { HubOutageRecord, RESUME_WITHIN_MS, type OutageStorage } from '$lib/live/hub-outage-record';

/** A `Storage` stand-in that can also refuse every call, as private modes do. */
function memoryStorage(refuse = false): OutageStorage & { items: Map<string, string> } {
	const items = new Map<string, string>();
	const check = () => {
		if (refuse) throw new Error('SecurityError');
	};
	return {
		items,
		getItem: (k) => (check(), items.get(k) ?? null),
		setItem: (k, v) => (check(), void items.set(k, v)),
		removeItem: (k) => (check(), void items.delete(k))
	};
}

const HUB = 'ws://192.168.1.10:8080/sync';

describe('HubOutageRecord', () => {
	it('resumes an outage seen a moment ago, from its start', () => {
		const record = new HubOutageRecord(memoryStorage());
		record.seen(HUB, 1_000, 130_000);
		expect(record.resume(HUB, 130_000 + RESUME_WITHIN_MS)).toBe(1_000);
		expect(record.resume('ws://other:8080/sync', 131_000)).toBeNull();
	});

	it('does not resume an outage last seen too long ago, nor a cleared one', () => {
		const record = new HubOutageRecord(memoryStorage());
		record.seen(HUB, 1_000, 130_000);
		expect(record.resume(HUB, 130_001 + RESUME_WITHIN_MS)).toBeNull();
		record.seen(HUB, 1_000, 130_000);
		record.clear(HUB);
		expect(record.resume(HUB, 130_000)).toBeNull();
	});

	it('ignores what it cannot trust: bad JSON, wrong shapes, a start after its sighting, a sighting in the future', () => {
		const storage = memoryStorage();
		const record = new HubOutageRecord(storage);
		const key = [...(record.seen(HUB, 1, 2), storage.items.keys())][0]!;
		for (const bad of ['{', 'null', '42', '{"since":"1","seen":2}', '{"since":1}', '{"since":5,"seen":2}', '{"since":1,"seen":9e9}', '{"since":1e400,"seen":2}']) {
			storage.items.set(key, bad);
			expect(record.resume(HUB, 3), bad).toBeNull();
		}
	});

	it('keeps nothing, and throws nothing, where storage refuses or does not exist', () => {
		for (const record of [new HubOutageRecord(memoryStorage(true)), new HubOutageRecord(null)]) {
			record.seen(HUB, 1_000, 2_000);
			expect(record.resume(HUB, 2_000)).toBeNull();
			record.clear(HUB);
		}
	});
});
