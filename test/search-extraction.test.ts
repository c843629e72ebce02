/**
 * Attachment text for search comes from a background job (issue 6 §1), on the store of the run:
 * publishing only queues; the job extracts each blob once (PDF, DOCX, XLSX, CSV), re-indexes the
 * waiting documents, records a slow or broken file as failed with its reason for staff, and
 * `gongkai reindex` keeps the text already extracted.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createDraft } from '../src/commands/documents/create-draft.js';
import { reviewRevision } from '../src/commands/documents/review-revision.js';
import { submitRevision } from '../src/commands/documents/submit-revision.js';
import { uploadAttachment } from '../src/commands/documents/upload-attachment.js';
import { PLATFORM_JOBS } from '../src/jobs/platform-jobs.js';
import { searchDocuments } from '../src/queries/search.js';
import { extractionOverview } from '../src/queries/search-staff.js';
import { revisionDetail } from '../src/queries/staff-documents.js';
import { runSearchExtractions } from '../src/search/extraction-job.js';
import { reindexAll } from '../src/search/reindex.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, draftInput, makeStaff, PASSWORD } from './helpers/factories.js';
import { apiLogin } from './helpers/http.js';
import { makeDocx } from './helpers/make-zip.js';
import { makePublisher, publishDocument, type Publisher } from './helpers/publish.js';

async function pdfWith(lines: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage();
  lines.forEach((l, i) => page.drawText(l, { x: 50, y: 700 - i * 20, size: 12, font }));
  return Buffer.from(await doc.save());
}

async function xlsxWith(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe(`search: background extraction of attachment text [${process.env.DATABASE_URL ? 'postgres' : 'sqlite'}]`, () => {
  let p: TestPlatform;
  let pub: Publisher;
  const total = async (q: string) => (await searchDocuments(p.app.deps, { q, page: 1, pageSize: 5 })).total;
  const extraction = (sha: string) => p.app.deps.db.selectFrom('search_extractions').selectAll().where('blob_sha256', '=', sha).executeTakeFirst();
  const blobsOf = async (revisionId: string) => (await revisionDetail(p.app.deps, pub.editor, revisionId)).attachments.map((a) => a.blob_sha256);
  /** As a bulk import would leave them: bytes stored, nothing read at upload. */
  const forgetUploadText = async (shas: string[]) => {
    for (const sha of shas) await p.app.deps.db.updateTable('blobs').set({ text_status: 'pending', text: null }).where('sha256', '=', sha).execute();
  };
  const drain = async (opts = {}) => {
    const sum = { done: 0, failed: 0, reindexed: 0 };
    for (;;) {
      const r = await runSearchExtractions(p.app.deps, opts);
      if (r.done + r.failed === 0) return sum;
      sum.done += r.done;
      sum.failed += r.failed;
      sum.reindexed += r.reindexed;
    }
  };

  before(async () => {
    p = await buildApp();
    pub = await makePublisher(p.app.deps, 'xtr');
  });
  after(async () => p.dispose());

  test('the worker runs the extraction job', () => {
    assert.ok(PLATFORM_JOBS.jobs?.some((j) => j.name === 'search-extraction'));
  });

  test('publishing queues; one extraction per blob re-indexes every document that holds it', async () => {
    const csv = { name: 'gauges.csv', bytes: Buffer.from('站点,指标\n鹳雀洲水文站,含沙量\n', 'utf8') };
    const a = await publishDocument(p.app.deps, pub, { title: '甲年度水文资料', summary: '见附件。' }, [csv]);
    const b = await publishDocument(p.app.deps, pub, { title: '乙年度水文资料', summary: '见附件。' }, [{ ...csv, name: 'copy.csv' }]);
    assert.equal(await total('甲年度水文资料'), 1, 'the document itself is searchable at once');
    assert.equal(await total('鹳雀洲'), 0, 'the attachment text waits for the job');
    const [sha] = await blobsOf(a.revisionId);
    assert.equal((await extraction(sha ?? ''))?.status, 'pending');
    const queued = await p.app.deps.db.selectFrom('search_extraction_docs').select('document_id').where('blob_sha256', '=', sha ?? '').execute();
    assert.deepEqual(queued.map((q) => q.document_id).sort(), [a.documentId, b.documentId].sort());
    const r = await drain();
    assert.deepEqual(r, { done: 1, failed: 0, reindexed: 2 });
    assert.equal(await total('鹳雀洲'), 2);
    assert.equal(await total('鸛雀洲 含沙量'), 2, 'folded like the rest of the index');
    assert.deepEqual(await drain(), { done: 0, failed: 0, reindexed: 0 }, 'nothing is extracted twice');
    assert.equal((await p.app.deps.db.selectFrom('search_extraction_docs').selectAll().execute()).length, 0);
  });

  test('PDF, DOCX and XLSX the upload did not read are parsed by the job', async () => {
    const doc = await publishDocument(p.app.deps, pub, { title: '丙年度监测报告', summary: '见附件。' }, [
      { name: 'report.pdf', bytes: await pdfWith(['Sediment survey ZEPHYRQUARTZ station']) },
      { name: 'notes.docx', bytes: makeDocx(['监测说明', '白鹭洲断面水质良好']) },
      { name: 'table.xlsx', bytes: await xlsxWith([['断面', '指标'], ['翠羽湾断面', '溶解氧']]) },
    ]);
    const shas = await blobsOf(doc.revisionId);
    await forgetUploadText(shas);
    for (const q of ['zephyrquartz', '白鹭洲', '翠羽湾']) assert.equal(await total(q), 0, q);
    const r = await drain();
    assert.equal(r.done, 3);
    for (const sha of shas) {
      const x = await extraction(sha);
      assert.equal(x?.status, 'done');
      assert.ok((x?.text ?? '').length > 0, 'the text extracted by the job is cached by SHA-256');
    }
    for (const q of ['ZEPHYRQUARTZ', '白鹭洲 水质', '翠羽湾']) assert.equal(await total(q), 1, q);
    const hit = (await searchDocuments(p.app.deps, { q: '翠羽湾', page: 1, pageSize: 1 })).items[0];
    assert.match(hit?.snippet_html ?? '', /<mark>翠羽湾<\/mark>/);
  });

  test('a slow or broken file never blocks publishing; it is recorded as failed with the reason, for staff in scope', async () => {
    const d = p.app.deps;
    // A broken PDF: the upload cannot read it either, so the editor must confirm it holds no personal data.
    const { documentId, revisionId } = await createDraft(d, pub.editor, pub.agencyId, draftInput({ title: '丁年度破损附件公告', summary: '附件损坏。' }));
    await uploadAttachment(d, pub.editor, revisionId, Readable.from([Buffer.from('%PDF-1.7\n1 0 obj <<>> garbage without xref\n%%EOF\n')]), 'broken.pdf');
    const det = await revisionDetail(d, pub.editor, revisionId);
    const overrides = Object.fromEntries(det.findings.map((f) => [f.key, '附件为扫描件，已人工核对不含个人信息。']));
    await submitRevision(d, pub.editor, revisionId, det.rev.version, overrides);
    await reviewRevision(d, pub.reviewer, revisionId, { stage: 'confidentiality', decision: 'pass' });
    assert.equal((await reviewRevision(d, pub.reviewer, revisionId, { stage: 'approval', decision: 'pass' })).state, 'published');
    assert.equal(await total('丁年度破损附件公告'), 1);
    // A slow file: a valid PDF that does not finish within the job's time limit.
    const slow = await publishDocument(d, pub, { title: '戊年度超时附件公告', summary: '见附件。' }, [{ name: 'slow.pdf', bytes: await pdfWith(['SLOWPOKE text']) }]);
    await forgetUploadText(await blobsOf(slow.revisionId));
    const r = await drain({ timeoutMs: 1 });
    assert.equal(r.failed, 2);
    const [brokenSha] = await blobsOf(revisionId);
    const broken = await extraction(brokenSha ?? '');
    assert.equal(broken?.status, 'failed');
    assert.ok((broken?.reason ?? '').length > 0);
    const overview = await extractionOverview(d, pub.editor);
    const byName = new Map(overview.failed.map((f) => [f.filename, f]));
    assert.equal(byName.get('broken.pdf')?.document_id, documentId);
    assert.match(byName.get('slow.pdf')?.reason ?? '', /timed out/);
    assert.equal(overview.pending, 0);
    assert.equal(await total('戊年度超时附件公告'), 1, 'still found by its own text');
    // Staff elsewhere see none of it.
    const provB = await d.db.selectFrom('agencies').selectAll().where('name_zh', '=', '乙省').executeTakeFirstOrThrow();
    const outsider = await actorFor(d, await makeStaff(d, 'xtr-outsider', provB, 'editor'));
    assert.equal((await extractionOverview(d, outsider)).failed.length, 0);
    // The same over the staff API.
    assert.equal((await p.server.inject({ url: '/api/v1/search/extraction' })).statusCode, 401);
    const api = await p.server.inject({ url: '/api/v1/search/extraction', headers: { cookie: (await apiLogin(p.server, 'xtr-editor', PASSWORD)).cookie } });
    assert.equal(api.statusCode, 200);
    assert.deepEqual(api.json().failed.map((f: { filename: string }) => f.filename).sort(), [...byName.keys()].sort());
    const other = await p.server.inject({ url: '/api/v1/search/extraction', headers: { cookie: (await apiLogin(p.server, 'xtr-outsider', PASSWORD)).cookie } });
    assert.deepEqual(other.json().failed, []);
  });

  test('a blob whose extraction keeps getting interrupted is given up', async () => {
    const doc = await publishDocument(p.app.deps, pub, { title: '己年度中断附件', summary: '见附件。' }, [{ name: 'x.pdf', bytes: await pdfWith(['INTERRUPTED']) }]);
    const [sha] = await blobsOf(doc.revisionId);
    await p.app.deps.db.updateTable('search_extractions').set({ attempts: 3 }).where('blob_sha256', '=', sha ?? '').execute();
    await drain();
    const x = await extraction(sha ?? '');
    assert.equal(x?.status, 'failed');
    assert.match(x?.reason ?? '', /gave up/);
  });

  test('reindex keeps the attachment text already extracted, without extracting again', async () => {
    const d = p.app.deps;
    const before = await total('鹳雀洲');
    assert.equal(before, 2);
    for (const x of await d.db.selectFrom('search_docs').select('document_id').execute()) await d.ops.search.remove(d.db, x.document_id);
    assert.equal(await total('鹳雀洲'), 0);
    await reindexAll(d, { fresh: true });
    assert.equal(await total('鹳雀洲'), before);
    assert.equal(await total('白鹭洲'), 1);
    assert.equal((await d.db.selectFrom('search_extractions').select('blob_sha256').where('status', '=', 'pending').execute()).length, 0);
  });
});
