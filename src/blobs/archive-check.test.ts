import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../domain/errors.js';
import { checkArchive } from './archive-check.js';
import { deflateZeros, makeDocx, makeZip, type Deflated } from '../../test/helpers/make-zip.js';

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.code, 'archive_suspicious');
    return e.message;
  }
}

describe('checkArchive', () => {
  let bomb300: Deflated;
  before(async () => {
    // 300 MB of zeros deflate to about 300 KB: a ratio near 1000:1, sizes declared honestly.
    bomb300 = await deflateZeros(300 * 1024 * 1024);
  });

  it('accepts an ordinary archive and a Word document, reporting the declared totals', async () => {
    const zip = makeZip([{ name: '附件/说明.txt', data: '预算说明' }, { name: 'data/a.csv', data: 'a,b\n1,2\n' }]);
    assert.deepEqual(await checkArchive(zip), { entries: 2, totalUncompressedBytes: 12 + 8 });
    assert.equal((await checkArchive(makeDocx(['hello']))).entries, 3);
  });

  it('reads the archive from disk without loading it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gk-zip-'));
    try {
      const p = join(dir, 'bomb.zip');
      await writeFile(p, makeZip([{ name: 'zeros.bin', deflated: bomb300 }]));
      assert.match(await reason(checkArchive(p)), /compression ratio/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a highly compressed entry above 1 MB but not a small one', async () => {
    assert.match(await reason(checkArchive(makeZip([{ name: 'z', deflated: await deflateZeros(2 * 1024 * 1024) }]))), /ratio/);
    const small = await deflateZeros(1024 * 1024);
    assert.equal((await checkArchive(makeZip([{ name: 'z', deflated: small }]))).totalUncompressedBytes, 1024 * 1024);
  });

  it('refuses an archive declaring more than the total limit, even at ordinary ratios', async () => {
    // Ten stored 30 KB entries: ratio 1:1, but with a 200 KB limit the total is too much.
    const entries = Array.from({ length: 10 }, (_, i) => ({ name: `f${i}`, data: Buffer.alloc(30 * 1024, i + 1), store: true }));
    assert.match(await reason(checkArchive(makeZip(entries), { maxTotalBytes: 200 * 1024 })), /declares/);
    assert.equal((await checkArchive(makeZip(entries))).entries, 10);
    // The 300 MB bomb breaks the default 200 MB total on its own, whatever its ratio.
    assert.match(await reason(checkArchive(makeZip([{ name: 'z', deflated: bomb300 }]), { maxRatio: Infinity })), /declares/);
  });

  it('refuses too many entries', async () => {
    const entries = Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' }));
    assert.match(await reason(checkArchive(makeZip(entries), { maxEntries: 20 })), /30 entries/);
    const many = Array.from({ length: 10_001 }, (_, i) => ({ name: `${i}`, store: true }));
    assert.match(await reason(checkArchive(makeZip(many))), /10001 entries/);
  });

  it('refuses zip-slip names', async () => {
    for (const name of ['../../etc/passwd', 'a/../../b', '/etc/passwd', 'C:/Windows/x.dll', '..\\..\\evil.exe']) {
      assert.notEqual(await reason(checkArchive(makeZip([{ name, data: 'x' }]))), 'accepted', name);
    }
  });

  it('with verifyContent, refuses an entry larger than its central directory record says', async () => {
    const real = await deflateZeros(5 * 1024 * 1024);
    // Declares 60 KB, a ratio under 100:1 and far below the limits; inflates to 5 MB.
    const liar = makeZip([{ name: 'word/document.xml', deflated: { ...real, size: 60 * 1024 } }]);
    assert.equal((await checkArchive(liar)).totalUncompressedBytes, 60 * 1024);
    assert.match(await reason(checkArchive(liar, { verifyContent: true })), /too many bytes|size/i);
    const honest = makeZip([{ name: 'a.txt', data: '预算说明'.repeat(1000) }, { name: 'dir/', store: true }]);
    assert.equal((await checkArchive(honest, { verifyContent: true })).entries, 2);
  });

  it('with verifyContent, refuses corrupt compressed data', async () => {
    const garbage = { compressed: Buffer.alloc(100, 0xff), crc32: 0, size: 1000 };
    assert.equal((await checkArchive(makeZip([{ name: 'a', deflated: garbage }]))).entries, 1);
    assert.notEqual(await reason(checkArchive(makeZip([{ name: 'a', deflated: garbage }]), { verifyContent: true })), 'accepted');
  });

  it('refuses what is not a readable archive', async () => {
    assert.notEqual(await reason(checkArchive(Buffer.from('PK\u0003\u0004 truncated'))), 'accepted');
    const zip = makeZip([{ name: 'a.txt', data: 'hello' }]);
    assert.notEqual(await reason(checkArchive(zip.subarray(0, zip.length - 10))), 'accepted');
  });
});
