import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DiskBlobStore } from './disk-blob-store.js';

// The shared contract is checked in blob-store.test.ts; these are the disk layout specifics.
describe('DiskBlobStore layout', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'gk-disk-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('files a blob under sha256/<2 hex>/<2 hex>/<hash>', async () => {
    const store = new DiskBlobStore(root);
    const { sha256 } = await store.put(Readable.from([Buffer.from('hello')]));
    assert.equal(sha256, '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    const path = join(root, 'sha256', '2c', 'f2', sha256);
    assert.equal(await readFile(path, 'utf8'), 'hello');
    assert.deepEqual(await readdir(join(root, 'tmp')), []);
  });

  it('keeps the first copy of a blob when the same content is put again', async () => {
    const store = new DiskBlobStore(root);
    const { sha256 } = await store.put(Readable.from([Buffer.from('same')]));
    const path = join(root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    const first = await stat(path);
    await store.put(Readable.from([Buffer.from('same')]));
    const second = await stat(path);
    assert.equal(second.ino, first.ino);
    assert.equal(second.nlink, 1); // the temporary link is gone
  });

  it('starts from a missing root directory', async () => {
    const store = new DiskBlobStore(join(root, 'not', 'yet'));
    const { size } = await store.put(Readable.from([Buffer.from('x')]));
    assert.equal(size, 1);
  });
});
