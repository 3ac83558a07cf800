/**
 * A Svelte action that gives an element of fixed size the largest type of `steps` (points,
 * largest first) at which its content fits, e.g. a card's text; the smallest if none does.
 */
import { largestFitting } from '$lib/print';

export interface FitTypeOptions {
	steps: readonly number[];
	/** Changes when the content does (language, paper): the fit runs again. */
	key: string;
}

export function fitType(node: HTMLElement, options: FitTypeOptions) {
	const run = ({ steps }: FitTypeOptions) => {
		const fits = (pt: number) => {
			node.style.fontSize = `${pt}pt`;
			return node.scrollHeight <= node.clientHeight + 1;
		};
		const pt = largestFitting(steps, fits) ?? (steps[steps.length - 1] as number);
		node.style.fontSize = `${pt}pt`;
		node.dataset.typePt = String(pt);
	};
	run(options);
	return { update: run };
}
