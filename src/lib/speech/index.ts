export { pickVoice, speakableText } from './voices';
export type { VoiceLike } from './voices';
export { speech, Speech } from './speech.svelte';
