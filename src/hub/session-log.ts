/**
 * The on-disk replica of one session: `snapshot.bin` (one checksummed record: the whole doc as a
 * Yjs update) plus `updates.log` (append-only checksummed records, one per doc update since the
 * snapshot).
 *
 * Durability: `append` resolves only after the record is written and `fdatasync`ed. Writes are
 * group-committed: while one fsync runs, new records queue and go out together in the next
 * write, so a burst of 60 phones costs a few fsyncs, not 60 (see docs/benchmarks.md).
 * `batchDelayMs` can add a wait before each write to batch more (bounded at 100 ms).
 *
 * Compaction (when the log passes `compactBytes`): the current doc is written as a new snapshot
 * (temp file, fsync, atomic rename, folder fsync), then the log is truncated. It runs between
 * two write batches, so no record is ever in flight during it. A crash between the rename and the
 * truncation leaves records that are also in the snapshot; replaying them is harmless (Yjs
 * updates are idempotent). SIGKILL at any instant therefore loses nothing `append` acknowledged.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeRecords, encodeRecord, fsyncDir, writeFileAtomic } from './durable-files';

export const SNAPSHOT_FILE = 'snapshot.bin';
export const LOG_FILE = 'updates.log';

export interface SessionLogOptions {
	/** Compact when the log grows past this many bytes. */
	compactBytes?: number;
	/** Wait this long (≤ 100 ms) before each write so more records share one fsync. */
	batchDelayMs?: number;
	/** Largest record accepted when reading back (larger = corruption). */
	maxRecordBytes?: number;
	/** Told `diskBytes` whenever it changes (the hub's disk quota follows it). */
	onSize?: (bytes: number) => void;
}

export interface LoadedLog {
	log: SessionLog;
	/** Snapshot first (if any), then log records, in order. */
	updates: Uint8Array[];
	/** Bytes of a torn or corrupt tail that were cut off. */
	discardedBytes: number;
}

interface Pending {
	record: Uint8Array;
	resolve: () => void;
	reject: (error: unknown) => void;
}

export class SessionLog {
	#dir: string;
	#handle: FileHandle;
	#size: number;
	#pending: Pending[] = [];
	#running: Promise<void> | null = null;
	#snapshot: () => Uint8Array;
	#snapshotBytes: number;
	/** Bytes of records accepted by `append` and not written yet. */
	#pendingBytes = 0;
	#onSize: (bytes: number) => void;
	#compactBytes: number;
	#batchDelayMs: number;
	#closed = false;
	#compactRequested = false;
	#compactionFailures = 0;
	#fsyncs = 0;
	#compactions = 0;

	private constructor(dir: string, handle: FileHandle, size: number, snapshotBytes: number, snapshot: () => Uint8Array, options: SessionLogOptions) {
		this.#dir = dir;
		this.#handle = handle;
		this.#size = size;
		this.#snapshotBytes = snapshotBytes;
		this.#onSize = options.onSize ?? (() => {});
		this.#snapshot = snapshot;
		this.#compactBytes = options.compactBytes ?? 4 * 1024 * 1024;
		this.#batchDelayMs = Math.min(100, Math.max(0, options.batchDelayMs ?? 0));
	}

	/**
	 * Opens (creating if needed) the log in `dir`, reads back its snapshot and records, and cuts a
	 * torn tail. `snapshot` returns the current full state when compaction needs it.
	 */
	static async open(dir: string, snapshot: () => Uint8Array, options: SessionLogOptions = {}): Promise<LoadedLog> {
		const maxRecordBytes = options.maxRecordBytes ?? 256 * 1024 * 1024;
		const updates: Uint8Array[] = [];
		const snap = await readOptional(join(dir, SNAPSHOT_FILE));
		if (snap) updates.push(...decodeRecords(snap, maxRecordBytes).records.slice(0, 1));
		const logPath = join(dir, LOG_FILE);
		const bytes = (await readOptional(logPath)) ?? new Uint8Array(0);
		const { records, validBytes } = decodeRecords(bytes, maxRecordBytes);
		updates.push(...records);
		const handle = await open(logPath, bytes.byteLength === 0 ? 'w' : 'r+', 0o600);
		if (validBytes < bytes.byteLength) {
			await handle.truncate(validBytes);
			await handle.datasync();
		}
		await fsyncDir(dir);
		const log = new SessionLog(dir, handle, validBytes, snap?.byteLength ?? 0, snapshot, options);
		log.#onSize(log.diskBytes);
		return { log, updates, discardedBytes: bytes.byteLength - validBytes };
	}

	get sizeBytes(): number {
		return this.#size;
	}
	/** Bytes on disk (snapshot and log) plus records on their way there: what the quota counts. */
	get diskBytes(): number {
		return this.#snapshotBytes + this.#size + this.#pendingBytes;
	}
	get fsyncs(): number {
		return this.#fsyncs;
	}
	get compactions(): number {
		return this.#compactions;
	}
	get compactionFailures(): number {
		return this.#compactionFailures;
	}

	/** Resolves once `update` is on disk (fsynced). */
	append(update: Uint8Array): Promise<void> {
		if (this.#closed) return Promise.reject(new Error('session log closed'));
		return new Promise<void>((resolve, reject) => {
			const record = encodeRecord(update);
			this.#pending.push({ record, resolve, reject });
			this.#pendingBytes += record.byteLength;
			this.#onSize(this.diskBytes);
			this.#running ??= this.#drain();
		});
	}

	/** Resolves when everything appended so far is on disk. */
	async flushed(): Promise<void> {
		while (this.#running) await this.#running;
	}

	/** Writes a snapshot now and empties the log (after pending writes). */
	async compact(): Promise<void> {
		if (this.#closed) return;
		this.#compactRequested = true;
		this.#running ??= this.#drain();
		await this.flushed();
	}

	async close(): Promise<void> {
		await this.flushed();
		this.#closed = true;
		await this.#handle.close();
	}

	/** The only writer: write batches and compactions run one at a time, in order. */
	async #drain(): Promise<void> {
		try {
			while (this.#pending.length > 0 || this.#compactRequested) {
				if (this.#pending.length > 0) {
					if (this.#batchDelayMs > 0) await new Promise((r) => setTimeout(r, this.#batchDelayMs));
					const batch = this.#pending.splice(0);
					const bytes = batch.reduce((n, p) => n + p.record.byteLength, 0);
					try {
						await this.#write(batch.map((p) => p.record));
					} catch (error) {
						this.#pendingBytes -= bytes;
						this.#onSize(this.diskBytes);
						for (const p of batch) p.reject(error);
						continue;
					}
					this.#pendingBytes -= bytes;
					this.#onSize(this.diskBytes);
					for (const p of batch) p.resolve();
				}
				if (this.#compactRequested || this.#size >= this.#compactBytes) {
					this.#compactRequested = false;
					try {
						await this.#compact();
					} catch {
						// The log stays valid (the snapshot is replaced atomically or not at all);
						// the next batch retries.
						this.#compactionFailures++;
					}
				}
			}
		} finally {
			this.#running = null;
		}
	}

	async #write(records: Uint8Array[]): Promise<void> {
		const total = records.reduce((n, r) => n + r.byteLength, 0);
		const buffer = new Uint8Array(total);
		let at = 0;
		for (const r of records) {
			buffer.set(r, at);
			at += r.byteLength;
		}
		let written = 0;
		while (written < total) {
			const { bytesWritten } = await this.#handle.write(buffer, written, total - written, this.#size + written);
			written += bytesWritten;
		}
		await this.#handle.datasync();
		this.#fsyncs++;
		this.#size += total;
	}

	async #compact(): Promise<void> {
		const record = encodeRecord(this.#snapshot());
		await writeFileAtomic(join(this.#dir, SNAPSHOT_FILE), record);
		this.#snapshotBytes = record.byteLength;
		this.#onSize(this.diskBytes);
		await this.#handle.truncate(0);
		await this.#handle.datasync();
		this.#size = 0;
		this.#onSize(this.diskBytes);
		this.#compactions++;
	}
}

async function readOptional(path: string): Promise<Uint8Array | null> {
	try {
		return new Uint8Array(await readFile(path));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
}
