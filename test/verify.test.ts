import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { formatCheckpoint, parseCheckpoint } from '../src/tlog/checkpoint.js';
import { generateNoteKey, parseNoteVerifierKey, parseSignerKey } from '../src/tlog/note-keys.js';
import { openNote, signNote } from '../src/tlog/note.js';
import { verifyFiles, verifyUrl, type VerifyReport } from '../src/verify/verify.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { makePdf } from './helpers/files.js';
import { makePublisher, publishDocument, type Publisher } from './helpers/publish.js';

const ROOT = join(import.meta.dirname, '..');

/** Runs the real CLI without blocking this process's event loop (the server under test lives here). */
function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], { cwd: ROOT, env: { ...process.env, GONGKAI_LOG_LEVEL: 'silent' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const failed = (r: VerifyReport) => r.checks.filter((c) => c.status === 'fail');

describe('gongkai verify against a running server', () => {
  let p: TestPlatform;
  let pub: Publisher;
  let base: string;
  let key: string;
  let doc: { documentId: string; revisionId: string; indexNumber: string };
  let pdf: Buffer;
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-verify-'));

  before(async () => {
    p = await buildApp();
    pub = await makePublisher(p.app.deps, 'vfy');
    await p.server.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(p.server.server.address() as AddressInfo).port}`; // listening on TCP: address() is an AddressInfo
    assert.ok(p.app.tlog);
    key = p.app.tlog.verifierKey;
    pdf = await makePdf(['Spring flood preparations', 'Annex 1']);
    doc = await publishDocument(p.app.deps, pub, {}, [{ name: '附件1.pdf', bytes: pdf }]);
  });
  after(async () => p.dispose());

  test('before the sequencer has run: not yet sequenced (exit 7 from the CLI)', async () => {
    const r = await verifyUrl(`${base}/documents/${doc.indexNumber}`, { key });
    assert.equal(r.ok, false);
    assert.equal(r.reason, 'pending');
    const c = await cli(['verify', `${base}/documents/${doc.indexNumber}`, '--key', key, '--json']);
    assert.equal(c.code, 7, c.err);
    assert.equal(JSON.parse(c.out).reason, 'pending');
  });

  test('no trusted key, or a different key: unknown_key, with the fix in the message', async () => {
    await p.app.tlog?.sequencer.step();
    const none = await verifyUrl(`${base}/documents/${doc.indexNumber}`, {});
    assert.equal(none.reason, 'unknown_key');
    assert.match(failed(none)[0]?.detail ?? '', /--key/);
    const other = generateNoteKey(p.app.tlog?.origin ?? 'x').verifierKey;
    const wrong = await verifyUrl(`${base}/documents/${doc.indexNumber}/v/1`, { key: other });
    assert.equal(wrong.reason, 'unknown_key');
    assert.equal(failed(wrong).length, 1, 'content and attachments still verified');
  });

  test('a published version verifies: content, attachment, entry, inclusion, signature; the CLI prints it and exits 0', async () => {
    const r = await verifyUrl(`${base}/documents/${doc.indexNumber}/v/1`, { key });
    assert.deepEqual(failed(r), []);
    assert.equal(r.ok, true);
    assert.deepEqual(r.checks.map((c) => c.id).slice(0, 4), ['entry', 'content', 'attachments', 'attachment:附件1.pdf']);
    assert.equal(r.leafIndex, 0);
    const c = await cli(['verify', `${base}/documents/${doc.indexNumber}`, '--key', key]);
    assert.equal(c.code, 0, c.out + c.err);
    assert.match(c.out, /VERIFIED/);
    assert.match(c.out, /附件1\.pdf: SHA-256 [0-9a-f]{64} matches/);
  });

  test('--state pins the key on first use and later checks the log only grew (consistency from the tiles)', async () => {
    const state = join(dir, 'state.json');
    const first = await verifyUrl(`${base}/documents/${doc.indexNumber}`, { state });
    assert.equal(first.ok, true, JSON.stringify(failed(first)));
    assert.ok(first.checks.some((c) => c.id === 'key' && /first use/.test(c.detail)));
    const saved = JSON.parse(readFileSync(state, 'utf8'));
    assert.equal(saved.logs[p.app.tlog?.origin ?? ''].verifier_key, key);
    for (let i = 0; i < 3; i++) await publishDocument(p.app.deps, pub, { title: `第${i}号通知` });
    await p.app.tlog?.sequencer.step();
    const second = await verifyUrl(`${base}/documents/${doc.indexNumber}`, { state });
    assert.equal(second.ok, true, JSON.stringify(failed(second)));
    assert.ok(second.checks.some((c) => c.id === 'state_consistency' && c.status === 'ok' && /tree 1 is a prefix of tree 4/.test(c.detail)));
  });

  test('a fork or a rollback against the state file is an error', async () => {
    assert.ok(p.app.tlog);
    const signer = parseSignerKey(readFileSync(p.app.config.logKeyFile, 'utf8').trim());
    const latest = await p.app.tlog.log.latestCheckpoint();
    assert.ok(latest);
    const real = parseCheckpoint(openNote(latest.note, [parseNoteVerifierKey(key)]).text);
    const forge = (size: number) => signNote(formatCheckpoint({ origin: real.origin, size, rootHash: Buffer.alloc(32, 7) }), [signer]);
    const write = (note: string) => {
      const f = join(dir, `forged-${note.length}-${Math.random()}.json`);
      writeFileSync(f, JSON.stringify({ format: 'gongkai-verify-state/v1', logs: { [real.origin]: { verifier_key: key, checkpoint: note } } }));
      return f;
    };
    const fork = await verifyUrl(`${base}/documents/${doc.indexNumber}`, { state: write(forge(real.size)) });
    assert.equal(fork.reason, 'inconsistent_checkpoint');
    assert.match(failed(fork)[0]?.detail ?? '', /fork/);
    const smaller = await verifyUrl(`${base}/documents/${doc.indexNumber}`, { state: write(forge(2)) });
    assert.equal(smaller.reason, 'inconsistent_checkpoint', 'a different tree of size 2 is not a prefix of the log');
    const rollback = await verifyUrl(`${base}/documents/${doc.indexNumber}`, { state: write(forge(real.size + 10)) });
    assert.equal(rollback.reason, 'inconsistent_checkpoint');
    assert.match(failed(rollback)[0]?.detail ?? '', /rollback/);
  });

  test('offline: downloaded files verify; edited JSON, a bad checkpoint signature or proof, and a foreign file fail', async () => {
    // The API's documented shapes (VersionSchema, ProofSchema); the verifier re-parses them strictly.
    const v = (await (await fetch(`${base}/api/v1/documents/${doc.indexNumber}/v/1`)).json()) as { content: Record<string, unknown> };
    const pr = (await (await fetch(`${base}/api/v1/documents/${doc.indexNumber}/v/1/proof`)).json()) as { checkpoint: string };
    const vf = join(dir, 'v.json');
    const pf = join(dir, 'proof.json');
    const af = join(dir, 'download.pdf');
    writeFileSync(vf, JSON.stringify(v));
    writeFileSync(pf, JSON.stringify(pr));
    writeFileSync(af, pdf);
    const good = await verifyFiles({ files: [vf, pf, af] }, { key });
    assert.equal(good.ok, true, JSON.stringify(failed(good)));
    assert.ok(good.checks.some((c) => c.id === 'attachment:附件1.pdf' && c.status === 'ok'), 'matched by content though renamed');

    writeFileSync(vf, JSON.stringify({ ...v, content: { ...v.content, title: '被篡改的标题' } }));
    const edited = await verifyFiles({ versionJson: vf, proofJson: pf, files: [] }, { key });
    assert.equal(edited.reason, 'content_tampered');
    writeFileSync(vf, JSON.stringify(v));

    const lines = String(pr.checkpoint).split('\n');
    lines[1] = String(Number(lines[1]) + 1);
    writeFileSync(pf, JSON.stringify({ ...pr, checkpoint: lines.join('\n') }));
    assert.equal((await verifyFiles({ versionJson: vf, proofJson: pf, files: [] }, { key })).reason, 'bad_signature');
    writeFileSync(pf, JSON.stringify({ ...pr, leaf_index: 1 }));
    assert.equal((await verifyFiles({ versionJson: vf, proofJson: pf, files: [] }, { key })).reason, 'bad_proof');
    writeFileSync(pf, JSON.stringify(pr));

    const stranger = join(dir, 'other.pdf');
    writeFileSync(stranger, Buffer.concat([pdf, Buffer.from('x')]));
    const foreign = await verifyFiles({ versionJson: vf, proofJson: pf, files: [stranger] }, { key });
    assert.equal(foreign.reason, 'attachment_mismatch');
  });

  test('a revision row edited in the database: verify fails naming the content hash (exit 1)', async () => {
    const before = await verifyUrl(`${base}/documents/${doc.indexNumber}`, { key });
    assert.equal(before.ok, true);
    await p.app.deps.db.updateTable('document_revisions').set({ body_html: '<p>悄悄改过的正文</p>' }).where('id', '=', doc.revisionId).execute();
    const r = await verifyUrl(`${base}/documents/${doc.indexNumber}`, { key });
    assert.equal(r.reason, 'content_tampered');
    const entry = JSON.parse((await p.app.deps.db.selectFrom('tlog_entries').select('entry').where('document_id', '=', doc.documentId).executeTakeFirstOrThrow()).entry);
    assert.match(failed(r)[0]?.detail ?? '', new RegExp(`log entry records content_sha256 ${entry.content_sha256}`));
    const c = await cli(['verify', `${base}/documents/${doc.indexNumber}/v/1`, '--key', key]);
    assert.equal(c.code, 1);
    assert.match(c.out, /FAILED \(content_tampered\): tampered content/);
  });

  test('an attachment file replaced on disk: verify names the file', async () => {
    const sha = createHash('sha256').update(pdf).digest('hex');
    const path = join(p.app.config.blobDir, 'sha256', sha.slice(0, 2), sha.slice(2, 4), sha);
    chmodSync(path, 0o644);
    const evil = Buffer.from(pdf);
    evil[evil.length - 20] = (evil[evil.length - 20] ?? 0) ^ 0xff; // same size, so the server's length header still holds
    writeFileSync(path, evil);
    const r = await verifyUrl(`${base}/documents/${doc.indexNumber}`, { key });
    const bad = failed(r).find((c) => c.reason === 'attachment_mismatch');
    assert.ok(bad, JSON.stringify(failed(r)));
    assert.match(bad.detail, /wrong attachment 附件1\.pdf/);
  });

  test('not found and not a document URL', async () => {
    assert.equal((await verifyUrl(`${base}/documents/${pub.agencyCode}/2026-09999`, { key })).reason, 'not_found');
    assert.equal((await verifyUrl(`${base}/agencies`, { key })).reason, 'malformed');
    const c = await cli(['verify']);
    assert.equal(c.code, 2);
  });
});
