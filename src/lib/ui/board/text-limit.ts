/**
 * Length limits on text people type, told instead of enforced silently. A `maxlength` attribute
 * cuts a paste at the limit without a word (a 2,100-character paste became a 2,000-character note
 * that stopped mid-word in every export): forms use `pasteOverflow` to refuse such a paste with a
 * message, and show the limit and a counter (`limitCounter`) as the text approaches it.
 */

/** The counter appears from this share of the limit (1,800 of 2,000). */
export const COUNTER_FROM = 0.9;

/** Length as the field holds it: a textarea stores every line break as one "\n". */
export function fieldLength(text: string): number {
	return text.replace(/\r\n?/g, '\n').length;
}

export type LimitCounter = { show: false } | { show: true; count: number; max: number; over: number };

/** What the counter shows for a text under a limit. */
export function limitCounter(text: string, max: number): LimitCounter {
	const count = fieldLength(text);
	if (count < Math.floor(max * COUNTER_FROM)) return { show: false };
	return { show: true, count, max, over: Math.max(0, count - max) };
}

/**
 * When pasting `pasted` over the selection `[start, end)` of `value` would pass `max`, the length
 * of the paste (to refuse it and say so); null when it fits.
 */
export function pasteOverflow(value: string, start: number, end: number, pasted: string, max: number): number | null {
	const after = fieldLength(value) - Math.max(0, end - start) + fieldLength(pasted);
	return after > max ? fieldLength(pasted) : null;
}

/** Paste handler for a textarea: refuses a paste that would pass `max` and reports its length. */
export function guardPaste(event: ClipboardEvent, max: number, refused: (pastedLength: number) => void): void {
	const field = event.currentTarget;
	const pasted = event.clipboardData?.getData('text/plain') ?? '';
	if (!(field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement)) return;
	const overflow = pasteOverflow(field.value, field.selectionStart ?? field.value.length, field.selectionEnd ?? field.value.length, pasted, max);
	if (overflow === null) return;
	event.preventDefault();
	refused(overflow);
}
