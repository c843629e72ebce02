import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blobStoreConformance } from './blob-store.conformance.js';
import { DiskBlobStore } from './disk-blob-store.js';
import { MemoryBlobStore } from './memory-blob-store.js';

async function listOrEmpty(dir: string): Promise<string[]> {
  return readdir(dir, { recursive: true }).catch(() => []);
}

blobStoreConformance('disk', async () => {
  const root = await mkdtemp(join(tmpdir(), 'gk-blobs-'));
  return {
    store: new DiskBlobStore(root),
    leftovers: () => listOrEmpty(join(root, 'tmp')),
    blobs: async () => (await listOrEmpty(join(root, 'sha256'))).filter((p) => /[0-9a-f]{64}$/.test(p)).map((p) => p.slice(-64)),
    streams: true,
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
});

blobStoreConformance('memory', async () => {
  const store = new MemoryBlobStore();
  return { store, leftovers: async () => [], blobs: async () => store.list(), streams: false, cleanup: async () => undefined };
});
