/**
 * Taking in one uploaded attachment (issue 3, §6 Attachments): the whole acceptance pipeline in
 * one call, so routes and commands cannot skip a step or get the order wrong.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ArchiveLimits } from './archive-check.js';
import type { BlobStore } from './blob-store.js';
import { meteringTransform } from './disk-blob-store.js';
import { checkFileName, classifyFile, type FileKind } from './file-policy.js';

/** Options of `ingestUpload`. */
export interface IngestOptions {
  /** The name the uploader gave (from the multipart part); checked by `checkFileName`. */
  filename: string;
  /** Size limit in bytes; one byte more refuses the upload with `file_too_large`. */
  maxBytes: number;
  /** Directory for the temporary copy (created when missing); should be on the blob store's disk. */
  tmpDir: string;
  /** Limits of the zip-bomb check (defaults in `archive-check.ts`; `verifyContent` defaults to true here). */
  archiveLimits?: Partial<ArchiveLimits>;
}

/** An accepted, stored attachment: what the `blobs` and `revision_attachments` rows need. */
export interface IngestedFile {
  sha256: string;
  size: number;
  /** Media type from the content, to serve the file with. */
  mime: string;
  /** Canonical extension from the content (`jpg` for a `.jpeg` name). */
  ext: string;
  kind: FileKind;
  /** The cleaned name (NFC, trimmed) to show and to offer for download. */
  filename: string;
}

/**
 * Checks and stores one upload, in this order: the file name (before reading a byte), the size
 * (streamed to a temporary file in `tmpDir`, never buffered), the type by content, the zip-bomb
 * check for zip-based types (inside `classifyFile`; declared sizes verified by inflating, bounded
 * by the archive limits), then `store.put` from the temporary file.
 * Refuses with the AppError of the failing step (`file_name_invalid`, `file_too_large`,
 * `file_type_not_allowed`, `file_type_mismatch`, `archive_suspicious`); input stream errors are
 * passed on as they are. On refusal or failure nothing is added to the store. The temporary file
 * is always deleted. The input is consumed or destroyed in every case (a refused name destroys it
 * unread), so callers need not drain it.
 */
export async function ingestUpload(store: BlobStore, input: Readable, opts: IngestOptions): Promise<IngestedFile> {
  let filename: string;
  try {
    filename = checkFileName(opts.filename);
  } catch (e) {
    input.destroy();
    throw e;
  }
  await mkdir(opts.tmpDir, { recursive: true });
  const tmp = join(opts.tmpDir, `upload-${randomUUID()}`);
  try {
    const { meter } = meteringTransform(opts.maxBytes);
    // Owner-only: the bytes are untrusted and not yet published.
    await pipeline(input, meter, createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
    // Content verified too: text extraction will inflate these entries later.
    const cls = await classifyFile(tmp, filename, { archiveLimits: { verifyContent: true, ...opts.archiveLimits } });
    const blob = await store.put(createReadStream(tmp), { maxBytes: opts.maxBytes });
    return { sha256: blob.sha256, size: blob.size, mime: cls.mime, ext: cls.ext, kind: cls.kind, filename };
  } finally {
    await rm(tmp, { force: true });
  }
}
