import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import jsonld from 'jsonld';
import { createDraft } from '../src/commands/documents/create-draft.js';
import { reviewRevision } from '../src/commands/documents/review-revision.js';
import { setValidity } from '../src/commands/documents/set-validity.js';
import { withdrawDocument } from '../src/commands/documents/withdraw-document.js';
import { saveReportSections } from '../src/commands/reports/draft-report.js';
import { submitAnnualReport } from '../src/commands/reports/submit-report.js';
import { registerOffline } from '../src/commands/requests/register-offline.js';
import { ATTACHMENT_CSV_COLUMNS, DOCUMENT_CSV_COLUMNS } from '../src/commands/opendata/export-format.js';
import { publicDocuments } from '../src/commands/opendata/export-source.js';
import { TABLE3_ROWS } from '../src/domain/reports/report-format.js';
import { refreshOpenData } from '../src/jobs/opendata-jobs.js';
import { agencyStatistics } from '../src/queries/statistics.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { actorFor, draftInput, makeStaff } from './helpers/factories.js';
import { makePdf } from './helpers/files.js';
import { makePublisher, publishDocument, type Publisher } from './helpers/publish.js';
import { application, beijing } from './helpers/requests.js';

const APPLICANT = application({ name: '开放数据测试申请人', phone: '13912345678', email: 'od-applicant@example.test', id_number: '110101199003070011', address: '某市开放路88号' });
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';

type Expanded = Record<string, unknown[] | string | undefined> & { '@id'?: string; '@type'?: string[] };

/**
 * Open data (issue 7 §4) on the store named by DATABASE_URL (run once without it, once with it):
 * the daily export (idempotent per day), the served files with ETag/Last-Modified, the round trip
 * of JSON Lines, CSV and the attachment manifest, no drafts and no personal data, the DCAT-AP
 * catalogue expanded as JSON-LD, the statistics CSV and the annual-report API.
 */
describe('open data: /open-data/*, /catalog.jsonld, /statistics.csv, /api/v1/reports', () => {
  let p: TestPlatform;
  let pub: Publisher;
  let pdf: Buffer;
  const csvBytes = Buffer.from('项目,金额\n道路维修,120\n', 'utf8');
  before(async () => {
    p = await buildApp();
    const d = p.app.deps;
    p.clock.set(beijing('2026-03-02'));
    pub = await makePublisher(d, 'od');
    pdf = await makePdf(['Open data attachment']);
    await publishDocument(d, pub, { title: '带附件的公开文件', summary: '含两个附件, 逗号与"引号"' }, [{ name: '附件一.pdf', bytes: pdf }, { name: '数据, 表.csv', bytes: csvBytes }]);
    const w = await publishDocument(d, pub, { title: '已撤回的公开文件', doc_number: '丙政办发〔2026〕4号' });
    await withdrawDocument(d, pub.reviewer, w.documentId, '内容有误，予以撤回');
    const old = await publishDocument(d, pub, { title: '已废止的规范性文件', genre: 'normative', doc_number: '丙政规〔2026〕1号' });
    await setValidity(d, pub.reviewer, old.documentId, { validity: 'repealed', date: '2026-03-02', note: '已被新文件废止' });
    await createDraft(d, pub.editor, pub.agencyId, draftInput({ title: '尚未发布的草稿文件' }));
    const officer = await actorFor(d, await makeStaff(d, 'od-officer', (await d.db.selectFrom('agencies').selectAll().where('id', '=', pub.agencyId).executeTakeFirstOrThrow()), 'request_officer'));
    await registerOffline(d, officer, pub.agencyId, { ...APPLICANT, channel: 'in_person' });
  });
  after(async () => p.dispose());
  const get = (url: string, headers: Record<string, string> = {}) => p.server.inject({ url, headers });

  test('before the first run the files answer 503; an unknown file 404', async () => {
    assert.equal((await get('/open-data/documents.jsonl')).statusCode, 503);
    assert.equal((await get('/open-data/secrets.txt')).statusCode, 404);
  });

  test('the daily job runs once per local day and records the run with each file', async () => {
    const d = p.app.deps;
    const first = await refreshOpenData(d, { trigger: 'job', now: p.clock.now() });
    assert.ok(first);
    assert.equal(await refreshOpenData(d, { trigger: 'job', now: p.clock.now() }), null, 'same day: nothing');
    p.clock.set('2026-03-02T15:30:00Z'); // 23:30 in Beijing: still the same local day
    assert.equal(await refreshOpenData(d, { trigger: 'job', now: p.clock.now() }), null);
    const runs = await d.db.selectFrom('opendata_runs').selectAll().execute();
    assert.equal(runs.length, 1);
    assert.equal(runs[0]?.job_day, '2026-03-02');
    const files = await d.db.selectFrom('opendata_files').selectAll().where('run_id', '=', first.id).execute();
    assert.deepEqual(files.map((f) => f.name).sort(), ['attachments.csv', 'attachments.csv.gz', 'documents.csv', 'documents.csv.gz', 'documents.jsonl', 'documents.jsonl.gz', 'statistics.csv', 'statistics.csv.gz']);
    assert.equal(first.documents, 3);
    assert.equal(first.attachments, 2);
    p.clock.set('2026-03-02T16:30:00Z'); // 00:30 on 3 March in Beijing: a new day
    const next = await refreshOpenData(d, { trigger: 'job', now: p.clock.now() });
    assert.ok(next);
    const a = files.find((f) => f.name === 'documents.jsonl');
    assert.equal(next.files.find((f) => f.name === 'documents.jsonl')?.sha256, a?.sha256, 'unchanged catalogue, identical bytes');
  });

  test('JSON Lines and CSV round-trip: every published and withdrawn document, no draft, validity and withdrawal marked', async () => {
    const d = p.app.deps;
    const published = Number((await d.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).where('status', 'in', ['published', 'withdrawn']).executeTakeFirstOrThrow()).n);
    assert.equal(published, 3);
    const jl = await get('/open-data/documents.jsonl');
    assert.equal(jl.statusCode, 200);
    assert.match(String(jl.headers['content-type']), /^application\/x-ndjson/);
    const docs = jl.body.trimEnd().split('\n').map((l) => JSON.parse(l) as { title: string; status: string; validity: string; withdrawn_reason: string | null; attachments: unknown[]; body_html: string; index_number: string });
    assert.equal(docs.length, published);
    assert.ok(!jl.body.includes('尚未发布的草稿文件'), 'drafts never');
    assert.equal(docs.find((x) => x.title === '已撤回的公开文件')?.status, 'withdrawn');
    assert.equal(docs.find((x) => x.title === '已撤回的公开文件')?.withdrawn_reason, '内容有误，予以撤回');
    assert.equal(docs.find((x) => x.title === '已废止的规范性文件')?.validity, 'repealed');
    assert.match(docs[0]?.body_html ?? '', /<p>/);

    const csv = await get('/open-data/documents.csv');
    assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.equal(csv.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 with BOM, for Excel');
    const rows = parse(csv.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    assert.equal(rows.length, published);
    assert.deepEqual(Object.keys(rows[0] ?? {}), [...DOCUMENT_CSV_COLUMNS]);
    const withAtt = rows.find((r) => r.title === '带附件的公开文件');
    assert.equal(withAtt?.summary, '含两个附件, 逗号与"引号"', 'quotes and commas survive');
    assert.equal(withAtt?.attachments, '2');
    assert.deepEqual(new Set(rows.map((r) => r.index_number)), new Set(docs.map((x) => x.index_number)));

    for (const name of ['documents.jsonl', 'documents.csv', 'attachments.csv', 'statistics.csv']) {
      const plain = await get(`/open-data/${name}`);
      const gz = await get(`/open-data/${name}.gz`);
      assert.equal(gz.statusCode, 200);
      assert.equal(gz.headers['content-type'], 'application/gzip');
      assert.ok(gunzipSync(gz.rawPayload).equals(plain.rawPayload), `${name}.gz is ${name} compressed`);
    }
  });

  test('keyset pages: every public document exactly once, whatever the page size', async () => {
    const pages: number[] = [];
    const seen: string[] = [];
    for await (const docs of publicDocuments(p.app.deps, 2)) {
      pages.push(docs.length);
      seen.push(...docs.map((x) => x.index_number));
    }
    assert.deepEqual(pages, [2, 1]);
    assert.equal(new Set(seen).size, 3);
    const exact: number[] = [];
    for await (const docs of publicDocuments(p.app.deps, 3)) exact.push(docs.length);
    assert.deepEqual(exact, [3], 'a full last page ends with one empty read, not an empty page');
  });

  test('the attachment manifest: each hash is the SHA-256 of the bytes served at its URL', async () => {
    const r = await get('/open-data/attachments.csv');
    const rows = parse(r.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(rows[0] ?? {}), [...ATTACHMENT_CSV_COLUMNS]);
    assert.equal(rows.length, 2);
    for (const row of rows) {
      const f = await get(row.url ?? '');
      assert.equal(f.statusCode, 200, row.url);
      assert.equal(createHash('sha256').update(f.rawPayload).digest('hex'), row.sha256);
      assert.equal(String(f.rawPayload.length), row.size);
      assert.equal(String(f.headers['content-type']).split(';')[0], row.media_type);
    }
    assert.deepEqual(new Set(rows.map((x) => x.sha256)), new Set([createHash('sha256').update(pdf).digest('hex'), createHash('sha256').update(csvBytes).digest('hex')]));
    assert.ok(rows.some((x) => x.filename === '数据, 表.csv'));
  });

  test('ETag and Last-Modified: conditional requests answer 304', async () => {
    const r = await get('/open-data/documents.csv');
    const etag = String(r.headers.etag);
    assert.match(etag, /^"[0-9a-f]{64}"$/);
    assert.equal(etag, `"${createHash('sha256').update(r.rawPayload).digest('hex')}"`);
    assert.equal(r.headers['content-length'], String(r.rawPayload.length));
    const lm = String(r.headers['last-modified']);
    assert.ok(Number.isFinite(Date.parse(lm)));
    assert.equal((await get('/open-data/documents.csv', { 'if-none-match': etag })).statusCode, 304);
    assert.equal((await get('/open-data/documents.csv', { 'if-modified-since': lm })).statusCode, 304);
    assert.equal((await get('/open-data/documents.csv', { 'if-none-match': '"other"' })).statusCode, 200);
    assert.equal((await get('/open-data/documents.csv', { 'if-modified-since': 'Thu, 01 Jan 2026 00:00:00 GMT' })).statusCode, 200);
  });

  test('no personal data in any file, the catalogue or the statistics', async () => {
    const bodies = await Promise.all(['/open-data/documents.jsonl', '/open-data/documents.csv', '/open-data/attachments.csv', '/open-data/statistics.csv', '/catalog.jsonld', '/statistics.csv?year=2026'].map(async (u) => (await get(u)).body));
    for (const b of bodies) {
      const secrets = [APPLICANT.name, APPLICANT.phone, APPLICANT.email, APPLICANT.id_number, APPLICANT.address, 'od-editor', 'od-reviewer', 'od-officer'].filter((s): s is string => typeof s === 'string' && s.length > 0);
      assert.equal(secrets.length, 8);
      for (const secret of secrets) {
        assert.ok(!b.includes(secret), `no ${secret}`);
      }
    }
  });

  test('the DCAT-AP catalogue expands as JSON-LD with the required classes and properties', async () => {
    const r = await get('/catalog.jsonld');
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /^application\/ld\+json/);
    const expanded = (await jsonld.expand(JSON.parse(r.body) as jsonld.JsonLdDocument)) as Expanded[];
    const catalog = expanded.find((n) => n['@type']?.includes(`${DCAT}Catalog`));
    assert.ok(catalog, 'a dcat:Catalog');
    for (const prop of [`${DCT}title`, `${DCT}description`, `${DCT}publisher`, `${DCAT}dataset`]) assert.ok(Array.isArray(catalog[prop]) && catalog[prop].length > 0, prop);
    const publisher = (catalog[`${DCT}publisher`] as Expanded[])[0];
    assert.ok(publisher?.['@type']?.includes('http://xmlns.com/foaf/0.1/Agent'));
    const datasets = catalog[`${DCAT}dataset`] as Expanded[];
    assert.equal(datasets.length, 3);
    for (const ds of datasets) {
      assert.ok(ds['@type']?.includes(`${DCAT}Dataset`));
      for (const prop of [`${DCT}title`, `${DCT}description`, `${DCT}identifier`, `${DCT}issued`, `${DCT}modified`, `${DCAT}distribution`, `${DCT}license`, `${DCAT}theme`, `${DCAT}keyword`, `${DCT}language`, `${DCAT}contactPoint`]) {
        assert.ok(Array.isArray(ds[prop]) && ds[prop].length > 0, `${String(ds['@id'])} ${prop}`);
      }
      const langs = (ds[`${DCT}language`] as { '@id': string }[]).map((l) => l['@id']);
      assert.deepEqual(langs, ['http://publications.europa.eu/resource/authority/language/ZHO', 'http://publications.europa.eu/resource/authority/language/ENG']);
      const titles = (ds[`${DCT}title`] as { '@language': string }[]).map((t) => t['@language']);
      assert.deepEqual(titles, ['zh', 'en']);
      const contact = (ds[`${DCAT}contactPoint`] as Expanded[])[0];
      assert.ok(contact?.['@type']?.includes('http://www.w3.org/2006/vcard/ns#Organization'));
      for (const dist of ds[`${DCAT}distribution`] as Expanded[]) {
        assert.ok(dist['@type']?.includes(`${DCAT}Distribution`));
        for (const prop of [`${DCAT}accessURL`, `${DCAT}mediaType`, `${DCT}format`]) assert.ok(Array.isArray(dist[prop]), `${String(dist['@id'])} ${prop}`);
      }
    }
    // Each file's distribution: download URL, byte size and SPDX checksum that match the served bytes.
    const docs = datasets.find((x) => String(x['@id']).endsWith('#documents')) as Expanded;
    const csvDist = (docs[`${DCAT}distribution`] as Expanded[]).find((x) => String(x['@id']).includes('/open-data/documents.csv#')) as Expanded;
    const url = (csvDist[`${DCAT}downloadURL`] as { '@id': string }[])[0]?.['@id'] ?? '';
    const bytes = (await get(new URL(url).pathname)).rawPayload;
    assert.equal((csvDist[`${DCAT}byteSize`] as { '@value': string }[])[0]?.['@value'], String(bytes.length));
    const checksum = (csvDist['http://spdx.org/rdf/terms#checksum'] as Expanded[])[0] as Expanded;
    assert.equal((checksum['http://spdx.org/rdf/terms#algorithm'] as { '@id': string }[])[0]?.['@id'], 'http://spdx.org/rdf/terms#checksumAlgorithm_sha256');
    assert.equal((checksum['http://spdx.org/rdf/terms#checksumValue'] as { '@value': string }[])[0]?.['@value'], createHash('sha256').update(bytes).digest('hex'));
  });

  test('/statistics.csv: the figures of the statistics pages, for every agency or one agency and scope', async () => {
    const d = p.app.deps;
    assert.equal((await get('/statistics.csv?year=20x6')).statusCode, 400);
    assert.equal((await get('/statistics.csv?scope=world')).statusCode, 400);
    assert.equal((await get('/statistics.csv?agency=NOPE&year=2026')).statusCode, 404);
    const all = parse((await get('/statistics.csv?year=2026')).rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    const code = pub.agencyCode;
    const mine = all.filter((r) => r.agency_code === code);
    const v = await agencyStatistics(d, code, 2026, 'agency');
    assert.equal(mine.find((r) => r.measure === 'documents_published')?.value, String(v.stats.documents.total));
    assert.equal(v.stats.documents.total, 2, 'two still published (the withdrawn one is not counted, as on the page)');
    assert.equal(mine.find((r) => r.measure === 'requests_received')?.value, String(v.stats.requests.total));
    assert.equal(mine.find((r) => r.measure === 'documents_published_by_month' && r.category === '2026-03')?.value, '2');
    const one = await get(`/statistics.csv?agency=${code}&year=2026&scope=subtree`);
    assert.match(String(one.headers['content-disposition']), new RegExp(`statistics-${code}-2026-subtree\\.csv`));
    const sub = parse(one.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    assert.ok(sub.every((r) => r.scope === 'subtree' && r.agency_code === code));
    const vs = await agencyStatistics(d, code, 2026, 'subtree');
    assert.equal(sub.find((r) => r.measure === 'documents_published')?.value, String(vs.stats.documents.total));
    // The daily file holds last year and this year for every agency.
    const daily = parse((await get('/open-data/statistics.csv')).rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual(new Set(daily.map((r) => r.year)), new Set(['2025', '2026']));
  });

  test('/api/v1/reports/{agency}/{year}: 404 until published, then tables 二 三 四 with official labels', async () => {
    const d = p.app.deps;
    const url = `/api/v1/reports/${pub.agencyCode}/2025`;
    assert.equal((await get(`/api/v1/reports/${pub.agencyCode}/20x5`)).statusCode, 400);
    assert.equal((await get('/api/v1/reports/NOPE/2025')).statusCode, 404);
    assert.equal((await get(url)).statusCode, 404);
    await saveReportSections(d, pub.editor, pub.agencyId, 2025, { section1: '总体情况。', section5: '问题。', section6: '无。' });
    const { revisionId } = await submitAnnualReport(d, pub.editor, pub.agencyId, 2025);
    assert.equal((await get(url)).statusCode, 404, 'in review is not published');
    await reviewRevision(d, pub.reviewer, revisionId, { stage: 'confidentiality', decision: 'pass' });
    await reviewRevision(d, pub.reviewer, revisionId, { stage: 'approval', decision: 'pass' });
    const r = await get(url);
    assert.equal(r.statusCode, 200);
    const j = r.json() as { status: string; year: number; table2: { parts: unknown[] }; table3: { columns: string[]; rows: { label: string; values: number[] }[] }; table4: { rows: { values: number[] }[] }; identities: { holds: boolean }[] };
    assert.equal(j.status, 'published');
    assert.equal(j.year, 2025);
    assert.deepEqual(j.table3.rows.map((x) => x.label), TABLE3_ROWS.map((x) => x.label));
    assert.equal(j.table3.columns.length >= 7, true);
    assert.equal(j.table4.rows[0]?.values.length, 15);
    assert.ok(j.table2.parts.length === 4);
    assert.ok(j.identities.every((i) => i.holds));
  });
});
