export { pwa, Pwa } from './pwa.svelte';
export type { PersistState } from './pwa.svelte';
