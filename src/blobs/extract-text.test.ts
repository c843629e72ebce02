import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { extractText } from './extract-text.js';
import { makeDocx } from '../../test/helpers/make-zip.js';

const ID = '11010519491231002X'; // the sample identity number of GB 11643-1999

async function pdfWith(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage();
  lines.forEach((l, i) => page.drawText(l, { x: 50, y: 700 - i * 20, size: 12, font }));
  return doc.save();
}

describe('extractText', () => {
  it('finds an identity number in a PDF', async () => {
    const got = await extractText(await pdfWith(['Applicant', `ID: ${ID}`]), 'pdf');
    assert.equal(got.status, 'done');
    assert.match(got.text, new RegExp(ID));
  });

  it('reads a PDF from a file path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gk-extract-'));
    try {
      const p = join(dir, 'a.pdf');
      await writeFile(p, await pdfWith([ID]));
      assert.match((await extractText(p, 'pdf')).text, new RegExp(ID));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads the paragraphs of a Word document', async () => {
    const got = await extractText(makeDocx(['申请人：张三', `身份证号：${ID}`]), 'docx');
    assert.equal(got.status, 'done');
    assert.match(got.text, /申请人：张三/);
    assert.match(got.text, new RegExp(`身份证号：${ID}`));
  });

  it('reads every sheet of a workbook, cells by tabs and rows by lines', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名单').addRows([['姓名', '身份证号'], ['张三', ID]]);
    wb.addWorksheet('备注').addRow(['第二页']);
    const got = await extractText(new Uint8Array(await wb.xlsx.writeBuffer()), 'xlsx');
    assert.equal(got.status, 'done');
    assert.match(got.text, new RegExp(`张三\t${ID}`));
    assert.match(got.text, /备注\n第二页/);
  });

  it('decodes a CSV saved in GB18030', async () => {
    const gb = Buffer.concat([Buffer.from('d0d5c3fb2cc9edb7ddd6a4bac50a', 'hex'), Buffer.from(`x,${ID}\n`)]);
    assert.deepEqual(await extractText(gb, 'csv'), { status: 'done', text: `姓名,身份证号\nx,${ID}\n`, truncated: false });
  });

  it('cuts the text at the byte limit without splitting a character', async () => {
    const got = await extractText(Buffer.from('预算'.repeat(1000)), 'csv', { maxTextBytes: 10 });
    assert.deepEqual(got, { status: 'done', text: '预算预', truncated: true });
  });

  it('says failed, without throwing, for a corrupt PDF or Word file', async () => {
    const corrupt = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog'), Buffer.alloc(200, 0xff)]);
    const { reason, ...rest } = await extractText(corrupt, 'pdf');
    assert.deepEqual(rest, { status: 'failed', text: '', truncated: false });
    assert.ok(reason && reason.length > 0, 'the failure says why (shown to staff by search)');
    assert.equal((await extractText(Buffer.from('PK not really'), 'docx')).status, 'failed');
    assert.equal((await extractText('/nonexistent/file.pdf', 'pdf')).status, 'failed');
  });

  it('gives up when the parse overruns its time', async () => {
    // 1 ms is less than a worker needs to start, so this always overruns.
    const slow = await extractText(await pdfWith([ID]), 'pdf', { timeoutMs: 1 });
    assert.equal(slow.status, 'failed');
    assert.match(slow.reason ?? '', /timed out/);
  });

  it('says none for images and archives', async () => {
    assert.deepEqual(await extractText(Buffer.from([0x89, 0x50]), 'image'), { status: 'none', text: '', truncated: false });
    assert.equal((await extractText(Buffer.from('PK'), 'zip')).status, 'none');
  });
});
