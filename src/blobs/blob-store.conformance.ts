/**
 * The one conformance suite every `BlobStore` implementation must pass (house style: Hono's
 * `common.case.test.ts`). Each implementation's test file calls `blobStoreConformance` with a
 * factory; the suite checks the consistency contract stated in `blob-store.ts`.
 */
import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AppError } from '../domain/errors.js';
import type { BlobStore } from './blob-store.js';

/** A fresh, empty store with probes into its storage. */
export interface BlobStoreHarness {
  store: BlobStore;
  /** Partial or temporary files left in the store's storage (must stay empty after every put). */
  leftovers(): Promise<string[]>;
  /** Hashes of the blobs physically stored. */
  blobs(): Promise<string[]>;
  /** False when the implementation keeps content in memory by design (the memory store). */
  streams: boolean;
  cleanup(): Promise<void>;
}

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

async function readAll(r: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

/** A stream of `parts` separate chunks (so implementations see more than one write). */
function chunked(b: Buffer, parts = 4): Readable {
  const size = Math.ceil(b.length / parts);
  return Readable.from(Array.from({ length: parts }, (_, i) => b.subarray(i * size, (i + 1) * size)));
}

/** The V8 collector, so heap figures measure live data rather than garbage not yet collected. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  // `gc` is a function in a context created after --expose-gc is set.
  return runInNewContext('gc') as () => void;
}

/** Runs the shared suite against the implementation that `open` builds. */
export function blobStoreConformance(name: string, open: () => Promise<BlobStoreHarness>): void {
  describe(`BlobStore conformance: ${name}`, () => {
    let h: BlobStoreHarness;
    beforeEach(async () => {
      h = await open();
    });
    afterEach(() => h.cleanup());

    it('returns what was stored, named by its SHA-256', async () => {
      const content = randomBytes(100_000);
      const put = await h.store.put(chunked(content));
      assert.deepEqual(put, { sha256: sha(content), size: content.length });
      assert.deepEqual(await readAll(await h.store.open(put.sha256)), content);
      assert.equal(await h.store.stat(put.sha256), content.length);
      assert.deepEqual(await h.blobs(), [put.sha256]);
    });

    it('stores an empty file', async () => {
      const put = await h.store.put(Readable.from([]));
      assert.deepEqual(put, { sha256: sha(new Uint8Array()), size: 0 });
      assert.equal((await readAll(await h.store.open(put.sha256))).length, 0);
    });

    it('stores identical content once, even when put concurrently', async () => {
      const content = Buffer.from('关于2025年预算的说明'.repeat(1000));
      const [a, b] = await Promise.all([h.store.put(chunked(content)), h.store.put(chunked(content, 7))]);
      const c = await h.store.put(chunked(content, 2));
      assert.equal(a.sha256, b.sha256);
      assert.equal(a.sha256, c.sha256);
      assert.deepEqual(await h.blobs(), [a.sha256]);
      assert.deepEqual(await readAll(await h.store.open(a.sha256)), content);
      assert.deepEqual(await h.leftovers(), []);
    });

    it('refuses content over the size limit and leaves nothing behind', async () => {
      const content = randomBytes(5000);
      await assert.rejects(h.store.put(chunked(content, 10), { maxBytes: 4999 }), (e) => e instanceof AppError && e.code === 'file_too_large');
      assert.equal(await h.store.stat(sha(content)), null);
      assert.deepEqual(await h.blobs(), []);
      assert.deepEqual(await h.leftovers(), []);
      // Exactly at the limit is allowed.
      assert.equal((await h.store.put(chunked(content), { maxBytes: 5000 })).size, 5000);
    });

    it('stops reading the input once the limit is passed', async () => {
      let produced = 0;
      async function* endless(): AsyncGenerator<Buffer> {
        for (;;) {
          produced += 65536;
          yield Buffer.alloc(65536, 1);
        }
      }
      await assert.rejects(h.store.put(Readable.from(endless()), { maxBytes: 1024 * 1024 }), (e) => e instanceof AppError && e.code === 'file_too_large');
      assert.ok(produced < 4 * 1024 * 1024, `read ${produced} bytes for a 1 MB limit`);
      assert.deepEqual(await h.leftovers(), []);
    });

    it('leaves nothing behind when the input fails', async () => {
      async function* failing(): AsyncGenerator<Buffer> {
        yield Buffer.from('partial upload');
        throw new Error('connection reset');
      }
      await assert.rejects(h.store.put(Readable.from(failing())), /connection reset/);
      assert.deepEqual(await h.blobs(), []);
      assert.deepEqual(await h.leftovers(), []);
    });

    it('says ENOENT for a missing blob, including for names that are not hashes', async () => {
      for (const name of [sha(Buffer.from('never stored')), '../../etc/passwd', '', 'ABC']) {
        await assert.rejects(h.store.open(name), (e) => e instanceof Error && 'code' in e && e.code === 'ENOENT', name);
        assert.equal(await h.store.stat(name), null);
      }
    });

    it('streams a 20 MB upload', async () => {
      const gc = collector();
      const hash = createHash('sha256');
      const chunkSize = 64 * 1024;
      const total = 20 * 1024 * 1024;
      const live = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
      gc();
      const baseline = live();
      let peak = 0;
      async function* generated(): AsyncGenerator<Buffer> {
        for (let i = 0; i < total / chunkSize; i++) {
          const b = Buffer.alloc(chunkSize, i % 251);
          hash.update(b);
          if (i % 16 === 0) {
            gc();
            peak = Math.max(peak, live() - baseline);
          }
          yield b;
        }
      }
      const put = await h.store.put(Readable.from(generated()));
      assert.deepEqual(put, { sha256: hash.digest('hex'), size: total });
      assert.equal(await h.store.stat(put.sha256), total);
      // A store that buffered the upload would hold up to 20 MB by the last chunk.
      if (h.streams) assert.ok(peak < 8 * 1024 * 1024, `live memory grew by ${peak} bytes`);
    });
  });
}
