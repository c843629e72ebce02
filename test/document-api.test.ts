import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { canonicalJson, sha256Hex } from '../src/domain/documents/content.js';
import { parseCheckpoint } from '../src/tlog/checkpoint.js';
import { leafHash } from '../src/tlog/hash.js';
import { verifyInclusion } from '../src/tlog/merkle.js';
import { openNote } from '../src/tlog/note.js';
import { parseNoteVerifierKey } from '../src/tlog/note-keys.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { makeStaff, PASSWORD, seedTree } from './helpers/factories.js';
import { fakeElf, makePdf } from './helpers/files.js';
import { deflateZeros, makeZip } from './helpers/make-zip.js';
import { apiLogin, multipart, type StaffClient } from './helpers/http.js';

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('documents API: workflow, personal-data block, uploads, public catalogue', () => {
  let p: TestPlatform;
  let t: Awaited<ReturnType<typeof seedTree>>;
  let editor: StaffClient;
  let reviewer: StaffClient;
  const draft = { title: '2026年城市绿化实施方案', doc_number: '丙政办发〔2026〕9号', genre: 'plans', theme_code: 'urban.environment', date_formed: '2026-02-25', summary: '全市绿化工作安排。', body_html: '<p>为提升城市绿化水平，制定本方案。</p>' };
  before(async () => {
    p = await buildApp({ env: { GONGKAI_UPLOAD_MAX_MB: '1' } });
    t = await seedTree(p.app.deps);
    await makeStaff(p.app.deps, 'api-editor', t.city, 'editor');
    await makeStaff(p.app.deps, 'api-reviewer', t.city, 'reviewer');
    editor = await apiLogin(p.server, 'api-editor', PASSWORD);
    reviewer = await apiLogin(p.server, 'api-reviewer', PASSWORD);
  });
  after(async () => p.dispose());

  const call = (who: StaffClient | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    p.server.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }), headers: who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {} });

  test('unauthenticated and invalid requests are refused clearly', async () => {
    assert.equal((await call(null, 'POST', '/api/v1/drafts', { agency_code: t.city.code, ...draft })).statusCode, 401);
    const noCsrf = await p.server.inject({ method: 'POST', url: '/api/v1/drafts', payload: { agency_code: t.city.code, ...draft }, headers: { cookie: editor.cookie } });
    assert.equal(noCsrf.statusCode, 403);
    const bad = await call(editor, 'POST', '/api/v1/drafts', { agency_code: t.city.code, ...draft, genre: 'poetry', date_formed: 'yesterday' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'validation_failed');
    assert.equal((await call(editor, 'POST', '/api/v1/drafts', { agency_code: t.provB.code, ...draft })).statusCode, 403);
    assert.equal((await call(null, 'GET', '/api/v1/documents?cursor=%%%')).statusCode, 400);
    assert.equal((await call(null, 'GET', '/api/v1/documents/NOPE/2026-00001')).statusCode, 404);
  });

  test('a PDF with an identity number blocks submission until redacted; then the flow publishes', async () => {
    const created = await call(editor, 'POST', '/api/v1/drafts', { agency_code: t.city.code, ...draft });
    assert.equal(created.statusCode, 201, created.body);
    const rev = created.json() as { revision_id: string; version: number };
    const pdf = await makePdf(['Contact: resident 11010519491231002X', 'Office 0990-1234567']);
    const up = multipart({}, { filename: '绿化方案附件.pdf', content: pdf, type: 'application/pdf' });
    const upRes = await p.server.inject({ method: 'POST', url: `/api/v1/drafts/${rev.revision_id}/attachments`, payload: up.payload, headers: { ...up.headers, cookie: editor.cookie, 'x-csrf-token': editor.csrf } });
    assert.equal(upRes.statusCode, 201, upRes.body);
    const withPdf = upRes.json() as { attachments: { id: string; filename: string; text_status: string }[]; findings: { key: string; kind: string; masked: string; source: string }[]; version: number };
    assert.equal(withPdf.attachments[0]?.filename, '绿化方案附件.pdf');
    assert.equal(withPdf.attachments[0]?.text_status, 'done');
    assert.deepEqual(withPdf.findings.map((f) => f.kind), ['cn_id'], 'the office phone of the agency is not a finding');
    assert.ok(!withPdf.findings[0]?.masked.includes('19491231'), 'findings are masked');

    const blocked = await call(editor, 'POST', `/api/v1/drafts/${rev.revision_id}/submit`, { version: withPdf.version });
    assert.equal(blocked.statusCode, 400);
    assert.equal(blocked.json().error.code, 'personal_data_found');
    assert.doesNotMatch(blocked.body, /11010519491231002X/);

    // Redact: replace the attachment with a clean one.
    const del = await call(editor, 'DELETE', `/api/v1/drafts/${rev.revision_id}/attachments/${withPdf.attachments[0]?.id}`);
    assert.equal(del.statusCode, 200);
    const clean = multipart({}, { filename: '绿化方案附件.pdf', content: await makePdf(['Contact: office 0990-1234567']), type: 'application/pdf' });
    const up2 = await p.server.inject({ method: 'POST', url: `/api/v1/drafts/${rev.revision_id}/attachments`, payload: clean.payload, headers: { ...clean.headers, cookie: editor.cookie, 'x-csrf-token': editor.csrf } });
    const cleanRev = up2.json() as { version: number; findings: unknown[] };
    assert.deepEqual(cleanRev.findings, []);
    const sub = await call(editor, 'POST', `/api/v1/drafts/${rev.revision_id}/submit`, { version: cleanRev.version });
    assert.equal(sub.statusCode, 200, sub.body);
    assert.equal((await call(editor, 'POST', `/api/v1/drafts/${rev.revision_id}/review`, { stage: 'confidentiality', decision: 'pass' })).statusCode, 403);
    assert.equal((await call(reviewer, 'POST', `/api/v1/drafts/${rev.revision_id}/review`, { stage: 'confidentiality', decision: 'pass' })).statusCode, 200);
    const pub = await call(reviewer, 'POST', `/api/v1/drafts/${rev.revision_id}/review`, { stage: 'approval', decision: 'pass' });
    assert.equal(pub.statusCode, 200, pub.body);
    const index = (pub.json() as { index_number: string }).index_number;
    assert.equal(index, `${t.city.code}/2026-00001`);

    // The public API serves the exact content whose canonical JSON the hash covers.
    const v = await call(null, 'GET', `/api/v1/documents/${index}`);
    assert.equal(v.statusCode, 200);
    const body = v.json() as { content: Record<string, unknown>; content_sha256: string; attachments: { sha256: string; url: string }[] };
    assert.equal(sha256Hex(canonicalJson(body.content)), body.content_sha256);
    assert.equal(body.attachments.length, 1);
    assert.doesNotMatch(v.body, /api-editor|api-reviewer/, 'no staff or personal data in public output');
    // The proof: pending until the sequencer runs, then an inclusion proof against a signed checkpoint.
    const pending = await call(null, 'GET', `/api/v1/documents/${index}/v/1/proof`);
    assert.equal(pending.statusCode, 202);
    await p.app.tlog?.sequencer.step();
    const pr = await call(null, 'GET', `/api/v1/documents/${index}/v/1/proof`);
    assert.equal(pr.statusCode, 200, pr.body);
    const proof = pr.json() as { entry: string; leaf_index: number; tree_size: number; inclusion_proof: string[]; checkpoint: string; verifier_key: string };
    const opened = openNote(proof.checkpoint, [parseNoteVerifierKey(proof.verifier_key)]);
    assert.equal(opened.verified.length, 1);
    const cp = parseCheckpoint(opened.text);
    assert.equal(cp.size, proof.tree_size);
    assert.ok(verifyInclusion(leafHash(Buffer.from(proof.entry, 'utf8')), proof.leaf_index, cp.size, proof.inclusion_proof.map((b) => Buffer.from(b, 'base64')), cp.rootHash));
    const entry = JSON.parse(proof.entry) as { content_sha256: string; attachments: { sha256: string }[]; index_number: string };
    assert.equal(entry.content_sha256, body.content_sha256);
    assert.deepEqual(entry.attachments.map((a) => a.sha256), body.attachments.map((a) => a.sha256));
    const list = await call(null, 'GET', `/api/v1/documents?agency=${t.city.code}&genre=plans`);
    assert.deepEqual((list.json() as { items: { index_number: string }[] }).items.map((i) => i.index_number), [index]);
  });

  test('uploads: oversize, renamed executable, zip bomb and path traversal are refused and nothing is written', async () => {
    const created = (await call(editor, 'POST', '/api/v1/drafts', { agency_code: t.city.code, ...draft, title: '上传测试' })).json() as { revision_id: string };
    const blobDir = join(p.dataDir, 'blobs');
    const before = listFiles(blobDir).filter((f) => !f.includes('incoming'));
    const send = async (filename: string, content: Buffer) => {
      const m = multipart({}, { filename, content });
      return p.server.inject({ method: 'POST', url: `/api/v1/drafts/${created.revision_id}/attachments`, payload: m.payload, headers: { ...m.headers, cookie: editor.cookie, 'x-csrf-token': editor.csrf } });
    };
    const big = await send('big.csv', Buffer.alloc(1024 * 1024 + 10, 0x41));
    assert.equal(big.statusCode, 400);
    assert.equal(big.json().error.code, 'file_too_large');
    const exe = await send('report.pdf', fakeElf());
    assert.equal(exe.statusCode, 400);
    assert.match(exe.json().error.code, /file_type_(mismatch|not_allowed)/);
    // A zip bomb: 300 MB of zeros in a few hundred kilobytes.
    const bomb = makeZip([{ name: 'zeros.bin', deflated: await deflateZeros(300 * 1024 * 1024) }]);
    const zb = await send('data.zip', bomb);
    assert.equal(zb.statusCode, 400);
    assert.equal(zb.json().error.code, 'archive_suspicious');
    const trav = await send('../../etc/passwd.pdf', await makePdf(['x']));
    assert.equal(trav.statusCode, 400);
    assert.equal(trav.json().error.code, 'file_name_invalid');
    assert.deepEqual(listFiles(blobDir).filter((f) => !f.includes('incoming')), before);
    assert.deepEqual(listFiles(join(blobDir, 'incoming')), []);
    const detail = (await call(editor, 'GET', `/api/v1/drafts/${created.revision_id}`)).json() as { attachments: unknown[] };
    assert.deepEqual(detail.attachments, []);
  });
});
