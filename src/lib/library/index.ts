export { listKits, importKit, importKitFromPeer, kitZipByHash, openKit, exportKit, deleteKit, kitKey } from './kit-library';
export type { LibraryKit, StoredKit, StoredKitSummary, KitOrigin, KitLibrarySources, ImportOutcome, PeerImportOutcome } from './kit-library';
export { createKitAssets } from './kit-assets';
export type { KitAssets } from './kit-assets';
export { kitLibrary, KitLibrary, browserSources } from './kit-library.svelte';
export type { OpenKitResult } from './kit-library.svelte';
export { KitView } from './kit-view';
export { OpenedKit } from './opened-kit.svelte';
