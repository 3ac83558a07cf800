/**
 * A Svelte action for the wall: shrinks a box's text until its content fits the box, so nothing
 * is cut on a projector whatever the kit's texts and the screen's size. The box must have a
 * bounded size (flex item with `min-height: 0`, or a `max-height`) and `overflow: hidden`; its
 * content sizes text in `em` under `font-size: calc(var(--fit, 1) * 1em)`.
 *
 * A binary search between `min` and 1 (about eight layouts), again whenever the box is resized or
 * its content changes. `data-fit` holds the scale; `data-overflow` is set when even `min` does not
 * fit (the tests look for it).
 */
export interface FitOptions {
	/** The smallest scale allowed (text no smaller than this share of its designed size). */
	min?: number;
	/**
	 * Parts that must fit their own width too (selector): a word wider than its grid column spills
	 * into the next column without making the box scroll, so such parts are styled
	 * `overflow: hidden` with no mid-word breaks, and checked one by one.
	 */
	parts?: string;
}

export function fitContent(node: HTMLElement, options: FitOptions = {}) {
	let min = options.min ?? 0.45;
	let parts = options.parts;
	let frame = 0;
	const fits = () =>
		node.scrollHeight <= node.clientHeight + 1 &&
		node.scrollWidth <= node.clientWidth + 1 &&
		(!parts || [...node.querySelectorAll<HTMLElement>(parts)].every((part) => part.scrollWidth <= part.clientWidth + 1));
	const apply = (scale: number) => node.style.setProperty('--fit', scale.toFixed(3));

	function fit() {
		frame = 0;
		apply(1);
		let scale = 1;
		if (!fits()) {
			let lo = min;
			let hi = 1;
			for (let i = 0; i < 8; i++) {
				const mid = (lo + hi) / 2;
				apply(mid);
				if (fits()) lo = mid;
				else hi = mid;
			}
			scale = lo;
			apply(scale);
		}
		node.dataset.fit = scale.toFixed(3);
		if (fits()) delete node.dataset.overflow;
		else node.dataset.overflow = 'true';
	}

	const schedule = () => {
		if (!frame) frame = requestAnimationFrame(fit);
	};
	const resized = new ResizeObserver(schedule);
	resized.observe(node);
	const changed = new MutationObserver(schedule);
	changed.observe(node, { subtree: true, childList: true, characterData: true });
	fit();

	return {
		update(next: FitOptions = {}) {
			min = next.min ?? 0.45;
			parts = next.parts;
			schedule();
		},
		destroy() {
			if (frame) cancelAnimationFrame(frame);
			resized.disconnect();
			changed.disconnect();
		}
	};
}
