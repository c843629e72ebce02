/**
 * The attachment store on local disk (issue 3, §6 Attachments): content-addressed files under a
 * root directory. Layout:
 *   <root>/tmp/<uuid>.part                        while being written
 *   <root>/sha256/<hex 0-2>/<hex 2-4>/<sha256>    once complete (read-only by convention)
 * Two levels of 256 directories keep each directory small even with millions of attachments.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../domain/errors.js';
import type { BlobStore, StoredBlob } from './blob-store.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** An error shaped like the file system's "no such file" (`code` 'ENOENT'), as the contract asks. */
export function blobNotFound(sha256: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`blob not found: ${sha256}`), { code: 'ENOENT' });
}

/**
 * Counts and hashes the bytes passing through, failing with `file_too_large` at the first byte
 * past `maxBytes` (the pipeline then destroys the input, so the rest is never read).
 */
export function meteringTransform(maxBytes: number): { meter: Transform; result: () => StoredBlob } {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      // Not object mode: the writable side turns strings and Uint8Arrays into Buffers.
      size += chunk.length;
      if (size > maxBytes) return done(new AppError('file_too_large'));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { meter, result: () => ({ sha256: hash.digest('hex'), size }) };
}

function isErrno(e: unknown, code: string): boolean {
  return e instanceof Error && 'code' in e && e.code === code;
}

/**
 * A `BlobStore` on the local file system. `put` writes to a temporary file while hashing, fsyncs
 * it, then links it under its hash (a hard link never replaces an existing blob; where the file
 * system has no hard links, a rename after an existence check); the temporary file is always
 * removed. Durable once `put` resolves (file and directory entry fsynced).
 */
export class DiskBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  /** Final path of a blob (the hash must already be validated). */
  private pathOf(sha256: string): string {
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(input: Readable, opts: { maxBytes?: number } = {}): Promise<StoredBlob> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    const { meter, result } = meteringTransform(opts.maxBytes ?? Infinity);
    try {
      await pipeline(input, meter, createWriteStream(tmp, { flags: 'wx' }));
      await syncPath(tmp, 'r+');
      const blob = result();
      const dest = this.pathOf(blob.sha256);
      await mkdir(dirname(dest), { recursive: true });
      await publish(tmp, dest);
      await syncPath(dirname(dest), 'r').catch(() => undefined); // best effort: not every platform can fsync a directory
      return blob;
    } finally {
      await unlink(tmp).catch(() => undefined); // gone already when renamed, or never created
    }
  }

  async open(sha256: string): Promise<Readable> {
    if (!SHA256_HEX.test(sha256)) throw blobNotFound(sha256);
    // Opening first makes a missing blob reject here, not later as a stream error.
    const fh = await open(this.pathOf(sha256), 'r');
    return fh.createReadStream();
  }

  async stat(sha256: string): Promise<number | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch (e) {
      if (isErrno(e, 'ENOENT')) return null;
      throw e;
    }
  }
}

async function syncPath(path: string, flags: 'r' | 'r+'): Promise<void> {
  const fh = await open(path, flags);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Makes the finished temporary file visible under `dest`, keeping an existing blob untouched. */
async function publish(tmp: string, dest: string): Promise<void> {
  try {
    await link(tmp, dest);
    return;
  } catch (e) {
    if (isErrno(e, 'EEXIST')) return; // same hash, same content: keep the stored one
    if (!isErrno(e, 'EPERM') && !isErrno(e, 'ENOTSUP') && !isErrno(e, 'EOPNOTSUPP') && !isErrno(e, 'ENOSYS')) throw e;
  }
  // No hard links here (some network and FUSE file systems): rename unless already stored. A
  // concurrent put of the same content may still rename over it, with identical bytes.
  try {
    await stat(dest);
  } catch (e) {
    if (!isErrno(e, 'ENOENT')) throw e;
    await rename(tmp, dest);
  }
}
