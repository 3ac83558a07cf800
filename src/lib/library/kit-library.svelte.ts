/**
 * The kit library as UI state: the list of kits on this device, import, export, delete, and the
 * open kits (parsed once, kept in memory while the app runs).
 */
import type { BundledKitEntry, KitProblem } from '$lib/kits';
import type { Result } from '$lib/result';
import { deleteKit as deleteStoredKit, getKit, listKits as listStoredKits, putKit } from '$lib/storage';
import {
	deleteKit,
	exportKit,
	importKit,
	importKitFromPeer,
	kitZipByHash,
	listKits,
	openKitByKey,
	type ImportOutcome,
	type PeerImportOutcome,
	type KitLibrarySources,
	type LibraryKit,
	type OpenedLibraryKit
} from './kit-library';

async function fetchBytes(url: string): Promise<Uint8Array> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
	return new Uint8Array(await response.arrayBuffer());
}

let bundledIndex: Promise<BundledKitEntry[]> | undefined;

export const browserSources: KitLibrarySources = {
	bundledIndex() {
		bundledIndex ??= fetch('/kits/index.json').then((r) => {
			if (!r.ok) throw new Error(`/kits/index.json: HTTP ${r.status}`);
			return r.json() as Promise<BundledKitEntry[]>;
		});
		// A failed fetch is retried next time rather than cached.
		bundledIndex.catch(() => (bundledIndex = undefined));
		return bundledIndex;
	},
	bundledZip: (file) => fetchBytes(`/${file}`),
	// Rows that fail validation are skipped by the store (storage is read like input).
	listStored: async () => (await listStoredKits()).items,
	getStored: (id, version) => getKit(id, version),
	putStored: async ({ key: _key, zip, ...kit }) => {
		await putKit({ ...kit, zip: new Uint8Array(zip) });
	},
	deleteStored: (id, version) => deleteStoredKit(id, version),
	now: () => Date.now()
};

/**
 * `library.open.unavailable` (`kitsUnavailable`): the list of kits could not be read (the bundled index is fetched from the page's
 * server, which may be a venue hub that is down): nothing is known about the kit, try again later.
 */
export type OpenKitResult = Result<OpenedKit, KitProblem>;

/** A kit opened from the library: its content and its listing. */
export type OpenedKit = OpenedLibraryKit;

/** True when the kit failed to open because the list of kits could not be read (see above). */
export function kitsUnavailable(problem: KitProblem): boolean {
	return problem.key === 'library.open.unavailable';
}

export class KitLibrary {
	kits = $state.raw<LibraryKit[]>([]);
	loaded = $state(false);
	/** Set when the list could not be read; a message key. */
	error = $state<string | undefined>(undefined);

	#open = new Map<string, Promise<OpenKitResult>>();
	#sources: KitLibrarySources;

	constructor(sources: KitLibrarySources = browserSources) {
		this.#sources = sources;
	}

	async refresh(): Promise<void> {
		try {
			this.kits = await listKits(this.#sources);
			this.error = undefined;
		} catch (error) {
			console.error(error);
			this.error = 'library.error.list';
		} finally {
			this.loaded = true;
		}
	}

	find(key: string): LibraryKit | undefined {
		return this.kits.find((k) => k.key === key);
	}

	/**
	 * Starts fetching what opening a kit needs first (the bundled index), so that it overlaps other
	 * reads (a session's row, which names the kit). Errors surface in `open`.
	 */
	prepare(): void {
		this.#sources.bundledIndex().catch(() => {});
	}

	/**
	 * Opens a kit by key (`id@version`), parsing it once per app run. The list of kits is not read
	 * for it (see `openKitByKey`); a failure (hub down) is not kept: the next call tries again.
	 */
	open(key: string): Promise<OpenKitResult> {
		let pending = this.#open.get(key);
		if (!pending) {
			pending = openKitByKey(this.#sources, key);
			pending.then((r) => !r.ok && this.#open.delete(key), () => this.#open.delete(key));
			this.#open.set(key, pending);
		}
		return pending;
	}

	async import(file: File): Promise<ImportOutcome> {
		return this.importZip(new Uint8Array(await file.arrayBuffer()));
	}

	/** Imports a kit zip made on this device (the studio's "use in the library"), same checks. */
	async importZip(bytes: Uint8Array): Promise<ImportOutcome> {
		const outcome = await importKit(this.#sources, bytes);
		if (outcome.ok) {
			this.#open.delete(outcome.value.kit.key);
			await this.refresh();
		}
		return outcome;
	}

	/** Stores a kit received from another device of a session whose kit has content hash `hash`. */
	async receive(bytes: Uint8Array, hash: string): Promise<PeerImportOutcome> {
		const outcome = await importKitFromPeer(this.#sources, bytes, hash);
		if (outcome.ok) {
			this.#open.delete(outcome.value.kit.key);
			await this.refresh();
		}
		return outcome;
	}

	/** The zip of the kit with content hash `hash`, to send to a device of the session that lacks it. */
	zipByHash(hash: string): Promise<Uint8Array | null> {
		return kitZipByHash(this.#sources, hash);
	}

	async export(kit: LibraryKit): Promise<Blob> {
		const bytes = await exportKit(this.#sources, kit);
		return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
	}

	async remove(kit: LibraryKit): Promise<void> {
		await deleteKit(this.#sources, kit);
		this.#open.delete(kit.key);
		await this.refresh();
	}
}

export const kitLibrary = new KitLibrary();
