import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TakeHomePublisher } from '$lib/live/take-home-publisher.svelte';
import type { TakeHomePublishOptions, TakeHomePublishResult } from '$lib/sync';

/**
 * `TakeHomePublisher`: first publish at once when the agenda is over, later changes debounced,
 * failures the hub may get over retried, refusals left until the next change.
 */
const target = { hubOrigin: 'http://192.168.1.10:8080', sessionId: 'atelier-1', key: 'AAAAAAAAAAAAAAAAAAAAAA' };

function fakeHub(answers: TakeHomePublishResult[] = []) {
	const calls: string[] = [];
	const publish = vi.fn(async (options: TakeHomePublishOptions): Promise<TakeHomePublishResult> => {
		calls.push(options.html);
		return answers.shift() ?? { ok: true, value: options.html.length };
	});
	return { calls, publish };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('TakeHomePublisher', () => {
	it('publishes at once, then at most once per debounce while the content changes', async () => {
		const hub = fakeHub();
		const p = new TakeHomePublisher({ publish: hub.publish, debounceMs: 10_000, now: () => 42 });
		p.update(null, null);
		expect(hub.calls).toEqual([]);
		p.update(target, 'v1');
		await vi.advanceTimersByTimeAsync(0);
		expect(hub.calls).toEqual(['v1']);
		expect(p.state).toEqual({ phase: 'published', at: 42, bytes: 2 });
		// The same content again: nothing to send.
		p.update(target, 'v1');
		await vi.advanceTimersByTimeAsync(20_000);
		expect(hub.calls).toEqual(['v1']);
		// Two changes inside the window: one publish of the latest, after the debounce.
		p.update(target, 'v2');
		await vi.advanceTimersByTimeAsync(3_000);
		p.update(target, 'v3');
		await vi.advanceTimersByTimeAsync(6_000);
		expect(hub.calls).toEqual(['v1']);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(hub.calls).toEqual(['v1', 'v3']);
		p.destroy();
	});

	it('retries a failure the hub may get over, not a refusal', async () => {
		const hub = fakeHub([{ ok: false, problem: { key: 'unreachable' } }, { ok: false, problem: { key: 'claimed' } }]);
		const p = new TakeHomePublisher({ publish: hub.publish, debounceMs: 10_000, retryMs: 15_000 });
		p.update(target, 'v1');
		await vi.advanceTimersByTimeAsync(0);
		expect(p.state).toEqual({ phase: 'failed', reason: 'unreachable' });
		await vi.advanceTimersByTimeAsync(15_000);
		expect(hub.calls).toEqual(['v1', 'v1']);
		expect(p.state).toEqual({ phase: 'failed', reason: 'claimed' });
		await vi.advanceTimersByTimeAsync(60_000);
		expect(hub.calls).toHaveLength(2);
		// A change tries again.
		p.update(target, 'v2');
		await vi.advanceTimersByTimeAsync(10_000);
		expect(hub.calls).toEqual(['v1', 'v1', 'v2']);
		expect(p.state.phase).toBe('published');
		p.destroy();
	});

	it('stops when the agenda is no longer over or the hub is left, and after destroy', async () => {
		const hub = fakeHub();
		const p = new TakeHomePublisher({ publish: hub.publish, debounceMs: 10_000 });
		p.update(target, 'v1');
		await vi.advanceTimersByTimeAsync(0);
		p.update(target, 'v2');
		p.update(null, null);
		await vi.advanceTimersByTimeAsync(20_000);
		expect(hub.calls).toEqual(['v1']);
		p.destroy();
		p.update(target, 'v3');
		await vi.advanceTimersByTimeAsync(20_000);
		expect(hub.calls).toEqual(['v1']);
	});
});
