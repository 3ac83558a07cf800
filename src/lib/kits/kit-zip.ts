/**
 * Kit archives. Reading treats the zip as hostile: the central directory is checked first (names,
 * duplicates, symlinks, encryption, counts), then each entry is inflated either in one pass into a
 * buffer of its declared size (small entries that inflate to exactly that size), or in small chunks
 * with the output counted as it comes, so an archive bomb is stopped after at most one chunk's worth
 * of output past a limit, whatever its headers claim. All-or-nothing: any issue and no file is kept.
 *
 * Writing is deterministic (sorted paths, fixed dates and attributes), so a kit always gives the
 * same archive bytes.
 */
import { deflateSync, Inflate, inflateSync, zipSync, type ZipOptions } from 'fflate';
import { KIT_LIMITS } from './kit-schema';
import type { Result } from '../result';
import { kitFailure, kitIssue, type KitProblem, type KitFiles, type KitIssue, type KitPackage, type KitResult } from './kit-types';
import { crc32, isDirectoryMode, isSymlinkMode, readZipDirectory, type ZipEntry } from './kit-zip-directory';
import { isSystemJunk, kitPathProblem, stripSingleTopFolder, unsafePathReason } from './kit-paths';
import { capIssues } from './kit-issues';
import { hashKitFilesAsync, sortedPaths } from './kit-hash';
import { parseHashedKit } from './kit-parse';

/** Guards specific to archives, on top of `KIT_LIMITS`. */
export const ZIP_LIMITS = {
	/** Compressed bytes fed to the inflater at once: bounds the output produced between two checks. */
	chunkBytes: 4096,
	/** Highest expansion ratio accepted for an entry bigger than `ratioFloorBytes`. */
	maxRatio: 200,
	ratioFloorBytes: 1024 * 1024,
	/** Entries (directories and system files included) read from the directory at most. */
	maxEntries: KIT_LIMITS.files * 4,
	/**
	 * Compressed bytes up to which an entry is inflated in one pass into a buffer of its declared
	 * size (see `inflateWhole`). Deflate expands at most 1,032×, so an entry that lies about its
	 * size costs at most ≈ 66 M byte writes here before it is read again in chunks.
	 */
	wholeBytes: 64 * 1024
} as const;

class StopInflate extends Error {}

type Inflated = Result<Uint8Array, KitProblem>;

/**
 * The common case, fast: an entry of at most `wholeBytes` compressed whose declared size fits the
 * budget, inflated in one pass into a buffer of its declared size plus one byte. The inflater never
 * grows a buffer it is given (it drops what does not fit), so memory stays within the budget; more
 * output than declared fills the extra byte. Null when the entry does not qualify or does not
 * inflate to exactly its declared size: it is then read in chunks, which say precisely what is wrong.
 * (The chunked reader, safe for any input, allocates and copies a window of 160 KB or more per
 * chunk and per entry: most of the time of opening a kit.)
 */
function inflateWhole(input: Uint8Array, entry: ZipEntry, budget: number): Uint8Array | null {
	if (input.length === 0 || input.length > ZIP_LIMITS.wholeBytes || entry.declaredSize > budget) return null;
	const out = new Uint8Array(entry.declaredSize + 1);
	try {
		const bytes = inflateSync(input, { out });
		return bytes.length === entry.declaredSize ? out.slice(0, entry.declaredSize) : null;
	} catch {
		return null;
	}
}

/** Inflates one entry, counting output bytes against the per-file and remaining total budgets. */
function inflateEntry(archive: Uint8Array, entry: ZipEntry, path: string, totalLeft: number): Inflated {
	const input = archive.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
	const budget = Math.min(KIT_LIMITS.fileBytes, totalLeft);
	const tooLarge = (size: number): KitIssue =>
		size > KIT_LIMITS.fileBytes
			? kitIssue(path, '', 'kits.issue.fileTooLarge', { max: KIT_LIMITS.fileBytes, size })
			: kitIssue('', '', 'kits.issue.kitTooLarge', { max: KIT_LIMITS.totalBytes, size: KIT_LIMITS.totalBytes - totalLeft + size });
	if (entry.method === 0) {
		if (entry.compressedSize > budget) return kitFailure([tooLarge(entry.compressedSize)]);
		return { ok: true, value: input.slice() };
	}
	const whole = inflateWhole(input, entry, budget);
	if (whole) return { ok: true, value: whole };
	const chunks: Uint8Array[] = [];
	let size = 0;
	let consumed = 0;
	let failure: KitIssue | undefined;
	const inflater = new Inflate((data) => {
		size += data.length;
		if (size > budget) failure = tooLarge(size);
		else if (size > ZIP_LIMITS.ratioFloorBytes && size > consumed * ZIP_LIMITS.maxRatio) {
			failure = kitIssue(path, '', 'kits.issue.zipBomb', { ratio: ZIP_LIMITS.maxRatio });
		} else if (size > entry.declaredSize && size > ZIP_LIMITS.ratioFloorBytes) {
			// More bytes than the header announced: stop now rather than at the end of the entry.
			failure = kitIssue(path, '', 'kits.issue.zipCorrupt');
		}
		if (failure) throw new StopInflate();
		chunks.push(data);
	});
	try {
		for (let at = 0; at < input.length || at === 0; at += ZIP_LIMITS.chunkBytes) {
			const end = Math.min(input.length, at + ZIP_LIMITS.chunkBytes);
			consumed = end;
			inflater.push(input.subarray(at, end), end >= input.length);
			if (end >= input.length) break;
		}
	} catch {
		// Either a limit stopped the inflater (StopInflate) or the Deflate data is broken.
		return kitFailure([failure ?? kitIssue(path, '', 'kits.issue.zipCorrupt')]);
	}
	const bytes = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, at);
		at += chunk.length;
	}
	return { ok: true, value: bytes };
}

interface PlannedEntry {
	entry: ZipEntry;
	name: string;
}

/** Directory-level checks; returns the file entries to read, or the issues found. */
function planEntries(entries: ZipEntry[]): Result<PlannedEntry[], KitProblem> {
	const issues: KitIssue[] = [];
	const seen = new Set<string>();
	const plan: PlannedEntry[] = [];
	for (const entry of entries) {
		const name = entry.name;
		const unsafe = unsafePathReason(name);
		if (unsafe) {
			issues.push(kitIssue(name, '', unsafe, { target: name }));
			continue;
		}
		if (seen.has(name)) issues.push(kitIssue(name, '', 'kits.issue.zipDuplicate', { target: name }));
		seen.add(name);
		if (entry.flags & 0x41) issues.push(kitIssue(name, '', 'kits.issue.zipEncrypted', { target: name }));
		if (isSymlinkMode(entry.unixMode)) issues.push(kitIssue(name, '', 'kits.issue.symlink', { target: name }));
		else if (name.endsWith('/') || isDirectoryMode(entry.unixMode)) continue;
		else if (entry.method !== 0 && entry.method !== 8) issues.push(kitIssue(name, '', 'kits.issue.zipUnsupported', { target: name }));
		else if (entry.declaredSize > KIT_LIMITS.fileBytes) {
			issues.push(kitIssue(name, '', 'kits.issue.fileTooLarge', { max: KIT_LIMITS.fileBytes, size: entry.declaredSize }));
		}
		if (isSystemJunk(name)) continue;
		plan.push({ entry, name });
	}
	if (plan.length > KIT_LIMITS.files) issues.push(kitIssue('', '', 'kits.issue.tooManyFiles', { max: KIT_LIMITS.files, count: plan.length }));
	const declared = plan.reduce((n, p) => n + p.entry.declaredSize, 0);
	if (declared > KIT_LIMITS.totalBytes) issues.push(kitIssue('', '', 'kits.issue.kitTooLarge', { max: KIT_LIMITS.totalBytes, size: declared }));
	return issues.length > 0 ? kitFailure(issues) : { ok: true, value: plan };
}

const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface ReadKitZipOptions {
	/**
	 * The content hash of a kit known to have passed every check of `KIT_CHECKS_VERSION`: a bundled
	 * kit's hash from the app's own index (written at build by this loader), or the hash an imported
	 * kit's row recorded after its import checks. Only when the archive's files hash to exactly this
	 * value are the cross-checks skipped (see `parseHashedKit`); any other archive is checked in full.
	 */
	checkedHash?: string;
}

/**
 * Opens a kit archive and validates it with `parseKit`. A single top-level folder around the kit
 * is removed. Yields to the event loop between large entries so that a page stays responsive.
 */
export async function readKitZip(bytes: Uint8Array, options: ReadKitZipOptions = {}): Promise<KitResult> {
	if (bytes.length > KIT_LIMITS.zipBytes) {
		return kitFailure([kitIssue('', '', 'kits.issue.zipTooLarge', { max: KIT_LIMITS.zipBytes, size: bytes.length })]);
	}
	const directory = readZipDirectory(bytes, ZIP_LIMITS.maxEntries);
	if (!directory.ok) return kitFailure([kitIssue('', '', directory.problem.key, directory.problem.params)]);
	const planned = planEntries(directory.value);
	if (!planned.ok) return kitFailure(capIssues(planned.problem.detail));
	const { paths } = stripSingleTopFolder(planned.value.map((p) => p.name));
	const pathIssues = paths.flatMap((path) => {
		const problem = kitPathProblem(path);
		return problem ? [kitIssue(path, '', problem, { target: path, value: path, max: problem === 'kits.issue.pathTooDeep' ? KIT_LIMITS.pathDepth : KIT_LIMITS.pathLength })] : [];
	});
	if (pathIssues.length > 0) return kitFailure(capIssues(pathIssues));
	const files: KitFiles = new Map();
	const crcs: { path: string; crc: number; data: Uint8Array }[] = [];
	let total = 0;
	let sinceYield = 0;
	for (const [index, { entry }] of planned.value.entries()) {
		const path = paths[index]!;
		const result = inflateEntry(bytes, entry, path, KIT_LIMITS.totalBytes - total);
		if (!result.ok) return result;
		if (result.value.length !== entry.declaredSize) return kitFailure([kitIssue(path, '', 'kits.issue.zipCorrupt')]);
		total += result.value.length;
		files.set(path, result.value);
		crcs.push({ path, crc: entry.crc, data: result.value });
		sinceYield += result.value.length;
		if (sinceYield > 4 * 1024 * 1024) {
			sinceYield = 0;
			await yieldToUi();
		}
	}
	const hash = await hashKitFilesAsync(files);
	const checkedBefore = options.checkedHash !== undefined && hash === options.checkedHash;
	// Files whose SHA-256 is the one recorded after their checks are exactly the files checked then,
	// so their CRCs can add nothing (and cost a station's open about 16 ms of script, 4 times that on
	// a slow tablet). Any other archive has every entry's CRC checked, in archive order.
	if (!checkedBefore) {
		for (const { path, crc, data } of crcs) if (crc32(data) !== crc) return kitFailure([kitIssue(path, '', 'kits.issue.zipCorrupt')]);
	}
	// The cross-checks bring the Markdown parser: loaded only for a kit checked in full (an import).
	return parseHashedKit(files, hash, checkedBefore ? undefined : (await import('./kit-validate')).crossCheckKit);
}

/** Fixed entry date (local time, as zip stores it): same kit, same bytes, in any time zone. */
const FIXED_DATE = new Date(2000, 0, 1, 0, 0, 0);
const STORED_EXTENSIONS = /\.(?:png|jpe?g|gif|webp|avif|zip)$/i;

export interface WriteKitZipOptions {
	/**
	 * Deflate images (and zips) too when that makes them at least 1 KB smaller. Images are stored
	 * by default (compressing them again costs a tablet time for little); the bundled kits, zipped
	 * once at build and downloaded by every phone, take the smaller form. The kit's hash is over
	 * the files' contents, never the zip's bytes, so either way it is the same kit.
	 */
	compressImages?: boolean;
}

/** Whether deflating bytes at level 9 saves at least 1 KB. */
function deflateSaves(bytes: Uint8Array): boolean {
	return deflateSync(bytes, { level: 9 }).length <= bytes.length - 1024;
}

/** Writes a kit as a deterministic zip (files at the root, sorted, fixed dates and modes). */
export function writeKitZip(kit: KitPackage, options: WriteKitZipOptions = {}): Uint8Array {
	const input: Record<string, [Uint8Array, ZipOptions]> = {};
	for (const path of sortedPaths(kit.files)) {
		const bytes = kit.files.get(path)!;
		const stored = STORED_EXTENSIONS.test(path) && !(options.compressImages && deflateSaves(bytes));
		input[path] = [bytes, { level: stored ? 0 : 9, mtime: FIXED_DATE, os: 3, attrs: 0o100644 << 16 }];
	}
	return zipSync(input);
}
