/**
 * The kits available on this device: the bundled kits (built into the app as zips, precached by
 * the service worker) and the kits imported by the user (stored in IndexedDB). Both are read by
 * the same safe zip reader and the same loader, `readKitZip` → `parseKit`.
 *
 * IO goes through `KitLibrarySources` so the logic is testable in Node.
 */
import { KIT_CHECKS_VERSION, KIT_LIMITS, readKitZip, writeKitZip, type BundledKitEntry, kitFailure, type KitIssue, type KitPackage, type KitProblem, type KitResult, type KitLocale } from '$lib/kits';
import type { Localized, MessageKey } from '$lib/i18n';
import { failWith, type Failure, type Problem, type Result } from '$lib/result';

export type KitOrigin = 'bundled' | 'imported';

/** One kit as the library lists it (no content: listing never unzips). */
export interface LibraryKit {
	/** `${id}@${version}`: unique on this device. */
	key: string;
	id: string;
	version: string;
	hash: string;
	title: Localized;
	summary: Localized;
	languages: KitLocale[];
	origin: KitOrigin;
	importedAt?: number;
}

/** An imported kit as listed from storage (no archive). */
export type StoredKitSummary = Omit<LibraryKit, 'origin' | 'importedAt'> & { importedAt: number };

/** An imported kit as stored: its listing plus the normalised zip it was validated from. */
export interface StoredKit extends StoredKitSummary {
	zip: Uint8Array;
	/** `KIT_CHECKS_VERSION` of the import checks that `hash` passed (absent on older rows). */
	checks?: number;
}

export interface KitLibrarySources {
	bundledIndex(): Promise<BundledKitEntry[]>;
	bundledZip(file: string): Promise<Uint8Array>;
	listStored(): Promise<StoredKitSummary[]>;
	getStored(id: string, version: string): Promise<StoredKit | undefined>;
	/** Stores one kit in a single write: a kit is either fully stored or not at all. */
	putStored(kit: StoredKit): Promise<void>;
	deleteStored(id: string, version: string): Promise<void>;
	now(): number;
}

/** A kit stored: its listing, and whether it replaced one of the same version. */
export interface ImportedKit {
	kit: LibraryKit;
	replaced: boolean;
}

export type ImportOutcome = Result<ImportedKit, KitProblem>;

export const kitKey = (id: string, version: string) => `${id}@${version}`;

function fromStored(kit: StoredKitSummary): LibraryKit {
	return {
		key: kit.key,
		id: kit.id,
		version: kit.version,
		hash: kit.hash,
		title: kit.title,
		summary: kit.summary,
		languages: kit.languages,
		origin: 'imported',
		importedAt: kit.importedAt
	};
}

function fromBundled(entry: BundledKitEntry): LibraryKit {
	return {
		key: kitKey(entry.id, entry.version),
		id: entry.id,
		version: entry.version,
		hash: entry.hash,
		title: entry.title,
		summary: entry.summary,
		languages: entry.languages,
		origin: 'bundled'
	};
}

/** Lists bundled kits first (in id order), then imported ones (newest first). */
export async function listKits(sources: KitLibrarySources): Promise<LibraryKit[]> {
	const [bundled, stored] = await Promise.all([sources.bundledIndex(), sources.listStored()]);
	const bundledKeys = new Set(bundled.map((e) => kitKey(e.id, e.version)));
	return [
		...bundled.map(fromBundled),
		...stored
			.filter((k) => !bundledKeys.has(k.key))
			.sort((a, b) => b.importedAt - a.importedAt)
			.map(fromStored)
	];
}

/** Reads and validates a kit zip chosen by the user; stores it only when the whole kit is valid. */
export async function importKit(sources: KitLibrarySources, bytes: Uint8Array): Promise<ImportOutcome> {
	const outcome = await checkAndStore(sources, bytes, null);
	return outcome.ok ? outcome : kitFailure(outcome.problem.detail.issues);
}

/**
 * Where a refused kit from a peer went wrong (the problem's `detail.fault`). `peer`: the bytes are not the kit asked for (not a
 * valid kit, or another content hash). `local`: this device cannot take it (storage, a bundled kit
 * of the same version with other content).
 */
export type PeerImportProblem = Problem<MessageKey, { fault: 'peer' | 'local'; issues: KitIssue[] }>;
export type PeerImportOutcome = Result<ImportedKit, PeerImportProblem>;

function refused(fault: 'peer' | 'local', issues: KitIssue[]): Failure<PeerImportProblem> {
	const { problem } = kitFailure(issues);
	return failWith({ key: problem.key, params: problem.params, detail: { fault, issues } });
}

/**
 * A kit zip received from another device for a session whose kit has content hash `hash`: the same
 * checks and single write as a user's import, plus the hash check before anything is stored.
 */
export async function importKitFromPeer(sources: KitLibrarySources, bytes: Uint8Array, hash: string): Promise<PeerImportOutcome> {
	return checkAndStore(sources, bytes, hash);
}

async function checkAndStore(sources: KitLibrarySources, bytes: Uint8Array, expectedHash: string | null): Promise<PeerImportOutcome> {
	if (bytes.byteLength > KIT_LIMITS.zipBytes) {
		return refused('peer', [{ file: '', path: '', key: 'library.import.tooLarge', params: { max: Math.round(KIT_LIMITS.zipBytes / 1024 / 1024) } }]);
	}
	const result = await readKitZip(bytes);
	if (!result.ok) return refused('peer', result.problem.detail);
	const { manifest, hash } = result.value;
	if (expectedHash !== null && hash !== expectedHash) {
		return refused('peer', [{ file: '', path: '', key: 'library.import.otherContent', params: { id: manifest.id, version: manifest.version } }]);
	}
	const key = kitKey(manifest.id, manifest.version);
	const bundled = await sources.bundledIndex();
	if (bundled.some((e) => kitKey(e.id, e.version) === key)) {
		return refused('local', [{ file: 'kit.json', path: 'version', key: 'library.import.bundledVersion', params: { id: manifest.id, version: manifest.version } }]);
	}
	const existing = await sources.getStored(manifest.id, manifest.version);
	const stored: StoredKit = {
		key,
		id: manifest.id,
		version: manifest.version,
		hash,
		title: manifest.title,
		summary: manifest.summary,
		languages: manifest.languages,
		importedAt: sources.now(),
		zip: writeKitZip(result.value),
		checks: KIT_CHECKS_VERSION
	};
	await sources.putStored(stored);
	return { ok: true, value: { kit: fromStored(stored), replaced: existing !== undefined } };
}

/** The zip of the kit with content hash `hash` on this device (to send to a peer), or null. */
export async function kitZipByHash(sources: KitLibrarySources, hash: string): Promise<Uint8Array | null> {
	const kit = (await listKits(sources)).find((k) => k.hash === hash);
	if (!kit) return null;
	const opened = await openKit(sources, kit);
	return opened.ok && opened.value.hash === hash ? writeKitZip(opened.value) : null;
}

/**
 * Opens a kit's full content. The zip is read again like input, bundled or stored: archive checks,
 * file limits, JSON and schema every time. The cross-checks between manifest and files are skipped
 * only when the unzipped files hash to the hash recorded when this kit passed them with the same
 * checks version (the bundled index, or the imported kit's row): then they are the same bytes. A
 * changed archive, an older row or an older index gets every check.
 */
export async function openKit(sources: KitLibrarySources, kit: LibraryKit): Promise<KitResult> {
	if (kit.origin === 'bundled') {
		const entry = (await sources.bundledIndex()).find((e) => kitKey(e.id, e.version) === kit.key);
		return entry ? readBundled(sources, entry) : missingKit(kit.key);
	}
	const stored = await sources.getStored(kit.id, kit.version);
	return stored?.zip ? readStored(stored) : missingKit(kit.key);
}

function missingKit(key: string) {
	return kitFailure([{ file: '', path: '', key: 'library.open.missing', params: { key } }]);
}

/** A bundled kit's zip, read like input (cross-checks skipped as `openKit` says). */
async function readBundled(sources: KitLibrarySources, entry: BundledKitEntry): Promise<KitResult> {
	return readKitZip(await sources.bundledZip(entry.file), { checkedHash: entry.checks === KIT_CHECKS_VERSION ? entry.hash : undefined });
}

/** An imported kit's stored zip, read like input (cross-checks skipped as `openKit` says). */
function readStored(stored: StoredKit): Promise<KitResult> {
	return readKitZip(stored.zip, { checkedHash: stored.checks === KIT_CHECKS_VERSION ? stored.hash : undefined });
}

/** A kit opened by key: its content and its listing. */
export interface OpenedLibraryKit {
	kit: KitPackage;
	entry: LibraryKit;
}

/**
 * Opens the kit `key` (`id@version`) without listing the library, with the checks of `openKit`:
 * the bundled index (fetched once per page), then, for a kit not bundled, its stored row, read
 * once (listing every stored kit would read every archive). An index that cannot be fetched (the
 * page's server, maybe a venue hub that is down) gives `library.open.unavailable`.
 */
export async function openKitByKey(sources: KitLibrarySources, key: string): Promise<Result<OpenedLibraryKit, KitProblem>> {
	let bundled: BundledKitEntry[];
	try {
		bundled = await sources.bundledIndex();
	} catch (error) {
		console.error(error);
		return kitFailure([{ file: '', path: '', key: 'library.open.unavailable', params: {} }]);
	}
	const withEntry = (result: KitResult, entry: LibraryKit): Result<OpenedLibraryKit, KitProblem> => (result.ok ? { ok: true, value: { kit: result.value, entry } } : result);
	const inIndex = bundled.find((e) => kitKey(e.id, e.version) === key);
	if (inIndex) return withEntry(await readBundled(sources, inIndex), fromBundled(inIndex));
	const at = key.indexOf('@');
	const stored = at > 0 ? await sources.getStored(key.slice(0, at), key.slice(at + 1)) : undefined;
	return stored?.zip ? withEntry(await readStored(stored), fromStored(stored)) : missingKit(key);
}

/** The kit as a `.zip` file to share or back up (the same normalised form the app stores). */
export async function exportKit(sources: KitLibrarySources, kit: LibraryKit): Promise<Uint8Array> {
	const opened = await openKit(sources, kit);
	if (!opened.ok) throw new Error(`Kit ${kit.key} cannot be opened`);
	return writeKitZip(opened.value);
}

/** Removes an imported kit. Bundled kits are part of the app and cannot be removed. */
export async function deleteKit(sources: KitLibrarySources, kit: LibraryKit): Promise<void> {
	if (kit.origin !== 'imported') throw new Error('Bundled kits cannot be deleted');
	await sources.deleteStored(kit.id, kit.version);
}
