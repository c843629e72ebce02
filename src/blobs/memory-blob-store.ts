import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore, StoredBlob } from './blob-store.js';
import { blobNotFound, meteringTransform } from './disk-blob-store.js';

/**
 * A `BlobStore` in memory, for tests. Same contract as `DiskBlobStore` (checked by the shared
 * conformance suite) except that it necessarily holds every stored blob in memory; a blob being
 * put becomes visible only once complete and within the size limit.
 */
export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Buffer>();

  async put(input: Readable, opts: { maxBytes?: number } = {}): Promise<StoredBlob> {
    const { meter, result } = meteringTransform(opts.maxBytes ?? Infinity);
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
      // Not object mode: the writable side turns strings and Uint8Arrays into Buffers.
        chunks.push(chunk);
        done();
      },
    });
    await pipeline(input, meter, sink);
    const blob = result();
    if (!this.blobs.has(blob.sha256)) this.blobs.set(blob.sha256, Buffer.concat(chunks));
    return blob;
  }

  async open(sha256: string): Promise<Readable> {
    const b = this.blobs.get(sha256);
    if (!b) throw blobNotFound(sha256);
    return Readable.from([b]);
  }

  async stat(sha256: string): Promise<number | null> {
    return this.blobs.get(sha256)?.length ?? null;
  }

  /** The hashes stored, for tests. */
  list(): string[] {
    return [...this.blobs.keys()];
  }
}
