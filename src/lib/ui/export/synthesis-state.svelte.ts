/**
 * The synthesis screen's state: the trace files read so far (each validated; bad files and
 * duplicates reported, never counted), the kit used for labels, and the synthesis itself.
 */
import { synthesise, type Synthesis, type Trace } from '$lib/export';
import { translate, type Locale } from '$lib/i18n';
import type { KitManifest } from '$lib/kits';
import { kitLibrary } from '$lib/library';
import { issueMessages, readTraceFile } from './trace-files';

export interface FileProblem {
	file: string;
	messages: string[];
}

export class SynthesisState {
	traces = $state.raw<Trace[]>([]);
	problems = $state.raw<FileProblem[]>([]);
	kit = $state.raw<KitManifest | null>(null);
	working = $state(false);
	readonly synthesis: Synthesis = $derived(synthesise(this.traces));

	/** Reads the chosen files; replaces the current selection. */
	async read(files: readonly File[], locale: Locale): Promise<void> {
		this.working = true;
		const traces: Trace[] = [];
		const problems: FileProblem[] = [];
		try {
			for (const file of files) {
				const result = await readTraceFile(file);
				if (!result.ok) problems.push({ file: file.name, messages: [translate(locale, 'export.synthesis.fileFailed', { file: file.name }), ...issueMessages(result, locale)] });
				else if (traces.some((t) => t.session.id === result.value.session.id)) problems.push({ file: file.name, messages: [translate(locale, 'export.synthesis.duplicate', { file: file.name })] });
				else traces.push(result.value);
			}
			const first = traces[0];
			const kit = first ? await kitLibrary.open(`${first.kit.id}@${first.kit.version}`) : null;
			this.kit = kit?.ok ? kit.value.kit.manifest : null;
			this.traces = traces;
			this.problems = problems;
		} finally {
			this.working = false;
		}
	}
}
