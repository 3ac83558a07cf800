export { LiveSession } from './live-session.svelte';
export type { LiveSessionProblem, LiveSessionResult } from './live-session.svelte';
export { getLiveSession, setLiveSession } from './live-context';
export { default as LiveSessionGate } from './LiveSessionGate.svelte';
export { default as GroupPicker } from './GroupPicker.svelte';
export { default as ConsentGate } from './ConsentGate.svelte';
export { default as SyncBadge } from './SyncBadge.svelte';
export { deviceChoices } from './device-choices';
export type { ConsentAnswer } from './device-choices';
