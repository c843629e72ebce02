import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { PDFDocument } from 'pdf-lib';
import { AppError, type ErrorCode } from '../domain/errors.js';
import { DiskBlobStore } from './disk-blob-store.js';
import { ingestUpload } from './ingest.js';
import { deflateZeros, makeDocx, makeZip } from '../../test/helpers/make-zip.js';

const MB = 1024 * 1024;

describe('ingestUpload', () => {
  let root: string;
  let store: DiskBlobStore;
  let tmpDir: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'gk-ingest-'));
    store = new DiskBlobStore(join(root, 'blobs'));
    tmpDir = join(root, 'uploads');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const upload = (bytes: Uint8Array | string, filename: string, maxBytes = 10 * MB) =>
    ingestUpload(store, Readable.from([Buffer.from(bytes)]), { filename, maxBytes, tmpDir });

  /** Asserts the refusal code and that neither the store nor the temporary directory kept a thing. */
  async function refused(p: Promise<unknown>, code: ErrorCode): Promise<void> {
    await assert.rejects(p, (e) => e instanceof AppError && e.code === code);
    assert.deepEqual(await readdir(tmpDir).catch(() => []), []);
    assert.deepEqual(await readdir(join(root, 'blobs')).catch(() => []), []);
  }

  async function pdf(text: string): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    doc.addPage().drawText(text);
    return doc.save();
  }

  it('stores a valid PDF under a Chinese name, kept as given', async () => {
    const bytes = await pdf('Budget 2025');
    const got = await upload(bytes, '关于2025年预算的说明.pdf');
    assert.deepEqual(got, {
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      mime: 'application/pdf',
      ext: 'pdf',
      kind: 'pdf',
      filename: '关于2025年预算的说明.pdf',
    });
    assert.equal(await store.stat(got.sha256), bytes.length);
    assert.deepEqual(await readdir(tmpDir), []);
  });

  it('stores a CSV and a Word document', async () => {
    const csv = await upload('项目,金额\n办公,1200\n', '支出.csv');
    assert.equal(csv.kind, 'csv');
    assert.equal(csv.mime, 'text/csv');
    assert.equal((await upload(makeDocx(['通知']), '通知.docx')).kind, 'docx');
  });

  it('refuses a file over the size limit', async () => {
    await refused(upload(Buffer.alloc(2 * MB + 1, 0x41), 'big.csv', 2 * MB), 'file_too_large');
  });

  it('refuses an executable renamed report.pdf', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4096, 0x90)]);
    await refused(upload(elf, 'report.pdf'), 'file_type_mismatch');
    await refused(upload(elf, 'tool'), 'file_type_not_allowed');
  });

  it('refuses a zip bomb', async () => {
    const bomb = makeZip([{ name: 'zeros.bin', deflated: await deflateZeros(300 * MB) }]);
    await refused(upload(bomb, 'data.zip'), 'archive_suspicious');
    // Declares 60 KB, inflates to 5 MB: only inflating shows it, and ingest does.
    const liar = makeZip([{ name: 'a.bin', deflated: { ...(await deflateZeros(5 * MB)), size: 60 * 1024 } }]);
    await refused(upload(liar, 'data.zip'), 'archive_suspicious');
  });

  it('refuses path traversal names before reading the upload', async () => {
    for (const name of ['../../etc/passwd', '..\\a.pdf', '/abs.pdf']) {
      let read = false;
      const input = new Readable({
        read() {
          read = true;
          this.push(null);
        },
      });
      await refused(ingestUpload(store, input, { filename: name, maxBytes: MB, tmpDir }), 'file_name_invalid');
      assert.equal(read, false, name);
      assert.equal(input.destroyed, true, name);
    }
  });
});
