/**
 * Zip-bomb and malformed-archive check for ZIP and the zip-based Office Open XML / OpenDocument
 * formats (issue 3, §6 Attachments). Reads only the central directory (the archive's table of
 * contents at its end), never inflates an entry, so checking a hostile file costs a few kilobytes
 * of reading whatever it declares.
 *
 * The central directory can lie about sizes. With `verifyContent` the check also inflates each
 * entry into nothing, stopping at the first byte past its declared size (yauzl's size
 * validation), so afterwards the declared sizes can be trusted; the cost is bounded by
 * `maxTotalBytes` of inflation. Text extraction also runs in a worker with limits of its own.
 */
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { AppError } from '../domain/errors.js';

/** Limits of the check, and whether to verify the content against them. */
export interface ArchiveLimits {
  /** Largest declared total of uncompressed sizes, in bytes. */
  maxTotalBytes: number;
  /** Largest ratio uncompressed / compressed for one entry larger than `ratioMinBytes`. */
  maxRatio: number;
  /** Entries up to this uncompressed size are exempt from the ratio rule (small text compresses well). */
  ratioMinBytes: number;
  /** Most entries an archive may hold. */
  maxEntries: number;
  /** Also inflate every stored or deflated entry (discarding the output) to prove the declared sizes true. */
  verifyContent: boolean;
}

/** Defaults: 200 MB in total, 100:1 above 1 MB, 10,000 entries; central directory only. */
export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxTotalBytes: 200 * 1024 * 1024,
  maxRatio: 100,
  ratioMinBytes: 1024 * 1024,
  maxEntries: 10_000,
  verifyContent: false,
});

/** What the central directory declares, for callers that want to log it. */
export interface ArchiveSummary {
  entries: number;
  totalUncompressedBytes: number;
}

function suspicious(reason: string): AppError {
  // The reason is for logs only; users see the catalogue message of `archive_suspicious`.
  return new AppError('archive_suspicious', { message: `archive_suspicious: ${reason}` });
}

/**
 * Refuses (with `AppError('archive_suspicious')`, whose message gives the reason for logs) an
 * archive that declares more than `maxTotalBytes` uncompressed in total, an entry above
 * `ratioMinBytes` compressed more than `maxRatio`:1, more than `maxEntries` entries, an entry name
 * that is absolute or climbs out with `..` (zip-slip), or that cannot be read as a ZIP at all;
 * with `verifyContent`, also an entry whose content is larger than declared or corrupt.
 * `source` is a file path or the whole archive in memory. Resolves with the declared totals.
 */
export async function checkArchive(
  source: string | Buffer,
  limits: Partial<ArchiveLimits> = {},
): Promise<ArchiveSummary> {
  const lim: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, ...limits };
  const opts = { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: false };
  let zip: ZipFile;
  try {
    zip = typeof source === 'string' ? await yauzl.openPromise(source, opts) : await yauzl.fromBufferPromise(source, opts);
  } catch (e) {
    if (typeof source === 'string' && e instanceof Error && 'code' in e && e.code === 'ENOENT') throw e;
    throw suspicious(e instanceof Error ? e.message : 'unreadable');
  }
  try {
    if (zip.entryCount > lim.maxEntries) throw suspicious(`${zip.entryCount} entries`);
    const total = await walkEntries(zip, lim);
    return { entries: zip.entryCount, totalUncompressedBytes: total };
  } finally {
    if (zip.isOpen) zip.close();
  }
}

/** Visits each central-directory record in turn, failing at the first one that breaks a limit. */
function walkEntries(zip: ZipFile, lim: ArchiveLimits): Promise<number> {
  return new Promise((resolve, reject) => {
    let total = 0;
    let done = false;
    const fail = (err: Error): void => {
      if (done) return;
      done = true;
      reject(err instanceof AppError ? err : suspicious(err.message));
    };
    zip.on('error', fail);
    zip.on('end', () => {
      if (done) return;
      done = true;
      resolve(total);
    });
    zip.on('entry', (entry: Entry) => {
      const problem = entryProblem(entry, lim);
      if (problem) return fail(suspicious(`${problem}: ${entry.fileName}`));
      total += entry.uncompressedSize;
      if (total > lim.maxTotalBytes) return fail(suspicious(`declares ${total} bytes uncompressed`));
      if (!lim.verifyContent || !verifiable(entry)) return zip.readEntry();
      zip.openReadStream(entry, (err, stream) => {
        if (err) return fail(err);
        // yauzl (validateEntrySizes) fails the stream at the first byte past the declared size.
        stream.on('error', fail);
        stream.on('end', () => zip.readEntry());
        stream.resume();
      });
    });
    zip.readEntry();
  });
}

/**
 * Entries our consumers could inflate: stored or deflated (APPNOTE 4.4.5 methods 0 and 8), not
 * encrypted, not a directory. Others are never opened by this application, so not verified.
 */
function verifiable(entry: Entry): boolean {
  return (entry.compressionMethod === 0 || entry.compressionMethod === 8) && !entry.isEncrypted() && !entry.fileName.endsWith('/');
}

/** Why one entry is refused, or null. */
function entryProblem(entry: Entry, lim: ArchiveLimits): string | null {
  const name = entry.fileName;
  // yauzl already refuses these names (after turning backslashes into slashes); checked again
  // so the rule does not hang on a library default. Backslashes are separators, as on Windows.
  if (name.startsWith('/') || name.startsWith('\\') || /^[a-zA-Z]:/.test(name)) return 'absolute path';
  if (name.split(/[/\\]/).includes('..')) return 'path traversal';
  if (entry.uncompressedSize > lim.ratioMinBytes) {
    const ratio = entry.compressedSize === 0 ? Infinity : entry.uncompressedSize / entry.compressedSize;
    if (ratio > lim.maxRatio) return `compression ratio ${Math.round(ratio)}:1`;
  }
  return null;
}
