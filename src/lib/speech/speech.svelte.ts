/**
 * Read-aloud through the Web Speech API. One shared instance tracks the device's voices (they
 * load asynchronously) and what is being read, so that only one text is spoken at a time.
 */
import { browser } from '$app/environment';
import { pickVoice, speakableText } from './voices';

export class Speech {
	#voices = $state.raw<SpeechSynthesisVoice[]>([]);
	/** Id of the text being read, or undefined. */
	speaking = $state<string | undefined>(undefined);

	constructor() {
		if (!browser || !('speechSynthesis' in window)) return;
		const load = () => (this.#voices = speechSynthesis.getVoices());
		load();
		speechSynthesis.addEventListener?.('voiceschanged', load);
	}

	/** True when the device has a voice for this language (the read-aloud button is shown only then). */
	canSpeak(lang: string): boolean {
		return pickVoice(this.#voices, lang) !== undefined;
	}

	speak(id: string, text: string, lang: string): void {
		const voice = pickVoice(this.#voices, lang);
		if (!voice) return;
		speechSynthesis.cancel();
		const utterance = new SpeechSynthesisUtterance(speakableText(text));
		utterance.voice = voice;
		utterance.lang = voice.lang;
		utterance.rate = 0.95;
		const done = () => {
			if (this.speaking === id) this.speaking = undefined;
		};
		utterance.onend = done;
		utterance.onerror = done;
		this.speaking = id;
		speechSynthesis.speak(utterance);
	}

	stop(): void {
		if (browser && 'speechSynthesis' in window) speechSynthesis.cancel();
		this.speaking = undefined;
	}
}

export const speech = new Speech();
