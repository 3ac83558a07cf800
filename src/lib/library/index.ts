export { listKits, importKit, importKitFromPeer, kitZipByHash, openKit, exportKit, deleteKit, kitKey } from './kit-library';
export type { LibraryKit, StoredKit, StoredKitSummary, KitOrigin, KitLibrarySources, ImportedKit, ImportOutcome, PeerImportOutcome, PeerImportProblem } from './kit-library';
export { createKitAssets } from './kit-assets';
export type { KitAssets } from './kit-assets';
export { kitLibrary, KitLibrary, browserSources, kitsUnavailable } from './kit-library.svelte';
export type { OpenKitResult, OpenedKit } from './kit-library.svelte';
export { KitView } from './kit-view';
export { KitOpening } from './kit-opening.svelte';
