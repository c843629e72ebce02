import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import ExcelJS from 'exceljs';
import { AppError, type ErrorCode } from '../domain/errors.js';
import { checkFileName, classifyFile } from './file-policy.js';
import { makeDocx, makeZip, deflateZeros } from '../../test/helpers/make-zip.js';

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<ErrorCode | 'accepted'> {
  try {
    await (typeof p === 'function' ? p() : p);
    return 'accepted';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

async function pdfBytes(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText('hello');
  return doc.save();
}

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(512)]);
const PE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512)]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(64),
]);
const ODT = makeZip([
  // OpenDocument 1.3 Part 2 §3.3: an uncompressed `mimetype` entry comes first.
  { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', store: true },
  { name: 'content.xml', data: '<office:document-content/>' },
]);

describe('classifyFile', () => {
  let dir: string;
  let pdf: Uint8Array;
  let xlsx: Uint8Array;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gk-policy-'));
    pdf = await pdfBytes();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['a', 1]);
    xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('accepts the office, PDF, image and archive formats under their own extensions', async () => {
    assert.deepEqual(await classifyFile(pdf, '报告.PDF'), { kind: 'pdf', mime: 'application/pdf', ext: 'pdf' });
    assert.equal((await classifyFile(makeDocx(['x']), 'a.docx')).kind, 'docx');
    assert.equal((await classifyFile(xlsx, 'a.xlsx')).kind, 'xlsx');
    assert.equal((await classifyFile(ODT, 'a.odt')).kind, 'odt');
    assert.deepEqual(await classifyFile(PNG, 'chart.png'), { kind: 'image', mime: 'image/png', ext: 'png' });
    assert.equal((await classifyFile(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]), 'p.jpeg')).ext, 'jpg');
    assert.equal((await classifyFile(makeZip([{ name: 'a.txt', data: 'hi' }]), 'bundle.zip')).kind, 'zip');
  });

  it('reads the type from a file on disk as well', async () => {
    const p = join(dir, 'upload-1');
    await writeFile(p, makeDocx(['hello']));
    assert.equal((await classifyFile(p, 'notice.docx')).kind, 'docx');
  });

  it('refuses executables, scripts and markup whatever their name', async () => {
    assert.equal(await refusal(classifyFile(ELF, 'tool')), 'file_type_not_allowed');
    assert.equal(await refusal(classifyFile(PE, 'setup.exe')), 'file_type_not_allowed');
    assert.equal(await refusal(classifyFile(Buffer.from('#!/bin/sh\nrm -rf /\n'), 'run.sh')), 'file_type_not_allowed');
    assert.equal(await refusal(classifyFile(Buffer.from('<!doctype html><script>x</script>'), 'a.html')), 'file_type_not_allowed');
    assert.equal(await refusal(classifyFile(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'a.svg')), 'file_type_not_allowed');
    assert.equal(await refusal(classifyFile(Buffer.from('plain words'), 'notes.txt')), 'file_type_not_allowed');
  });

  it('refuses a name whose extension disagrees with the content', async () => {
    assert.equal(await refusal(classifyFile(PE, 'report.pdf')), 'file_type_mismatch');
    assert.equal(await refusal(classifyFile(ELF, 'report.pdf')), 'file_type_mismatch');
    assert.equal(await refusal(classifyFile(pdf, 'report.docx')), 'file_type_mismatch');
    assert.equal(await refusal(classifyFile(pdf, 'report')), 'file_type_mismatch');
    assert.equal(await refusal(classifyFile(makeDocx(['x']), 'a.zip')), 'file_type_mismatch');
    assert.equal(await refusal(classifyFile(PNG, 'a.jpg')), 'file_type_mismatch');
  });

  it('accepts CSV by its text, in UTF-8 or GB18030, even when it starts like a magic number', async () => {
    const utf8 = await classifyFile(Buffer.from('\ufeff姓名,金额\n张三,100\n'), '预算.csv');
    assert.deepEqual(utf8, { kind: 'csv', mime: 'text/csv', ext: 'csv', encoding: 'utf-8' });
    const gb = Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0a]); // "姓名,金额\n" in GB18030
    assert.equal((await classifyFile(gb, 'a.csv')).encoding, 'gb18030');
    assert.equal((await classifyFile(Buffer.from('BMI,weight\n22,60\n'), 'bmi.csv')).kind, 'csv');
  });

  it('refuses as CSV what is binary or markup', async () => {
    assert.equal(await refusal(classifyFile(Buffer.from('a,b\n1,\0\n'), 'a.csv')), 'file_type_mismatch');
    assert.equal(await refusal(classifyFile(Buffer.from([0x61, 0x2c, 0x80, 0xff, 0x0a]), 'a.csv')), 'file_type_mismatch');
    assert.equal(await refusal(classifyFile(Buffer.from('  <html><script>alert(1)</script>'), 'a.csv')), 'file_type_mismatch');
    assert.equal(await refusal(classifyFile(pdf, 'a.csv')), 'file_type_mismatch');
  });

  it('refuses an Office file that is a zip bomb', async () => {
    const bomb = makeZip([
      { name: '[Content_Types].xml', deflated: await deflateZeros(300 * 1024 * 1024) },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]);
    assert.equal(await refusal(classifyFile(bomb, 'a.docx')), 'archive_suspicious');
  });
});

describe('checkFileName', () => {
  it('keeps Chinese names, NFC-normalised and trimmed', () => {
    assert.equal(checkFileName('关于2025年预算的说明.pdf'), '关于2025年预算的说明.pdf');
    assert.equal(checkFileName('  Cafe\u0301.pdf '), 'Caf\u00e9.pdf');
    assert.equal(checkFileName('a..b.pdf'), 'a..b.pdf');
    assert.equal(checkFileName('x'.repeat(196) + '.pdf').length, 200);
  });

  it('refuses paths, control characters, hidden and reserved names', async () => {
    const bad = [
      '', '   ', '../../etc/passwd', '..\\a.pdf', '/abs.pdf', 'C:\\x.pdf', 'a/b.pdf', '..', '.', '.htaccess',
      'a\u0000.pdf', 'a\n.pdf', 'a\u0085.pdf', 'report\u202efdp.exe', 'CON', 'con.pdf', 'Lpt1.txt', 'a.pdf.',
      'a<b>.pdf', 'a:b.pdf', 'x'.repeat(197) + '.pdf',
    ];
    for (const name of bad) assert.equal(await refusal(() => checkFileName(name)), 'file_name_invalid', JSON.stringify(name));
  });
});
