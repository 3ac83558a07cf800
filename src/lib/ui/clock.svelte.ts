/**
 * The current time as reactive state, ticking once a second only while something reads it.
 * Timers are derived from stored timestamps and this clock, never from a counter, so a reload
 * shows the same time.
 */
import { createSubscriber } from 'svelte/reactivity';

export class Clock {
	#subscribe = createSubscriber((update) => {
		const timer = setInterval(update, 1000);
		return () => clearInterval(timer);
	});

	get now(): number {
		this.#subscribe();
		return Date.now();
	}
}

export const clock = new Clock();
