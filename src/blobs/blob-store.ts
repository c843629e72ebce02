/**
 * Content-addressed storage for attachment bytes. Blobs are named by the SHA-256 (lower-case hex)
 * of their content, so identical files are stored once and a blob never changes.
 *
 * Consistency contract (every implementation, checked by the shared conformance suite):
 * - `put` streams its input; it never holds the whole content in memory. It resolves only after
 *   the blob is durably stored under its hash; on every failure (including the size limit) nothing
 *   remains visible under a name.
 * - Putting content that is already stored succeeds and leaves the stored blob untouched.
 * - `open` of a missing blob rejects with an error whose `code` is 'ENOENT'.
 * - Blobs are never deleted by the application (published attachments are kept for ever).
 */
import type { Readable } from 'node:stream';

export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface BlobStore {
  /**
   * Stores the stream's bytes. With `maxBytes`, more bytes than that abort the write and reject
   * with an AppError `file_too_large`.
   */
  put(input: Readable, opts?: { maxBytes?: number }): Promise<StoredBlob>;
  /** Reads a stored blob. */
  open(sha256: string): Promise<Readable>;
  /** Size of a stored blob, or null when absent. */
  stat(sha256: string): Promise<number | null>;
}
