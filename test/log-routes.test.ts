import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AppTlog } from '../src/jobs/tlog-service.js';
import { enqueueLogEntry } from '../src/store/repos/tlog-entry-repo.js';
import { parseCheckpoint } from '../src/tlog/checkpoint.js';
import { decodeEntryBundle } from '../src/tlog/entry-bundle.js';
import { verifyConsistency, verifyInclusion } from '../src/tlog/merkle.js';
import { parseNoteVerifierKey } from '../src/tlog/note-keys.js';
import { openNote } from '../src/tlog/note.js';
import { buildApp, type TestPlatform } from './helpers/app.js';
import { refLeaf, refRoot } from './helpers/check-log.js';

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) over leaf hashes, written independently of src/tlog. */
function refPath(m: number, leaves: readonly Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return m < k ? [...refPath(m, leaves.slice(0, k)), refRoot(leaves.slice(k))] : [...refPath(m - k, leaves.slice(k)), refRoot(leaves.slice(0, k))];
}

let serial = 0;
async function enqueue(p: TestPlatform, n: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const entry = JSON.stringify({ schema: 'gongkai/v1', n: serial++, title: '关于公开的通知' });
    await enqueueLogEntry(p.app.deps.db, { eventId: `route-ev-${serial}`, documentId: null, entry, at: p.clock.now().toISOString() });
    out.push(Buffer.from(entry, 'utf8'));
  }
  return out;
}

describe('/log routes (C2SP tlog-tiles read API)', () => {
  let p: TestPlatform;
  let tlog: AppTlog;
  before(async () => {
    p = await buildApp();
    assert.ok(p.app.tlog, 'the app opens its log');
    tlog = p.app.tlog;
  });
  after(async () => p.dispose());

  test('before anything is signed: no checkpoint and no tiles (404, JSON errors)', async () => {
    const cp = await p.server.inject({ url: '/log/checkpoint' });
    assert.equal(cp.statusCode, 404);
    assert.equal(cp.json().error.code, 'not_found');
    assert.equal((await p.server.inject({ url: '/log/tile/0/000.p/1' })).statusCode, 404);
    assert.equal((await p.server.inject({ url: '/log/tile/entries/000.p/1' })).statusCode, 404);
  });

  test('malformed tile paths are refused with 400', async () => {
    for (const path of ['0/0', '0/000.p/256', '0/000.p/0', '0/x000/001', 'entries/00', '64/000', '0/000/', 'x/000', '0/-01', '0/000.p/05']) {
      const res = await p.server.inject({ url: `/log/tile/${path}` });
      assert.equal(res.statusCode, 400, path);
      assert.equal(res.json().error.code, 'validation_failed', path);
    }
  });

  test('the verifier key is served and names the origin (default: public host + /log)', async () => {
    const res = await p.server.inject({ url: '/log/key' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    const v = parseNoteVerifierKey(res.body.trim());
    assert.equal(v.name, 'gongkai.test/log');
    assert.equal(res.body.trim(), tlog.verifierKey);
  });

  test('after a sequencer step the checkpoint, tiles and bundles prove every entry', async () => {
    const entries = await enqueue(p, 300);
    assert.deepEqual(await tlog.sequencer.step(), { integrated: 300, checkpoint: 300, skipped: false });

    const cpRes = await p.server.inject({ url: '/log/checkpoint' });
    assert.equal(cpRes.statusCode, 200);
    assert.equal(cpRes.headers['content-type'], 'text/plain; charset=utf-8');
    const maxAge = Number(/max-age=(\d+)/.exec(String(cpRes.headers['cache-control']))?.[1]);
    assert.ok(maxAge > 0 && maxAge <= 5, `checkpoint cacheable for a few seconds, got ${cpRes.headers['cache-control']}`);
    const verifier = parseNoteVerifierKey((await p.server.inject({ url: '/log/key' })).body.trim());
    const cp = parseCheckpoint(openNote(cpRes.body, [verifier]).text);
    assert.equal(cp.origin, 'gongkai.test/log');
    assert.equal(cp.size, 300);
    // A single changed byte breaks the signature.
    assert.throws(() => openNote(cpRes.body.replace('\n300\n', '\n301\n'), [verifier]));

    // Hash tiles: one full level-0 tile, the partial rest, and the level-1 partial.
    const full = await p.server.inject({ url: '/log/tile/0/000' });
    assert.equal(full.statusCode, 200);
    assert.equal(full.headers['content-type'], 'application/octet-stream');
    assert.equal(full.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(full.rawPayload.length, 256 * 32);
    const part = await p.server.inject({ url: '/log/tile/0/001.p/44' });
    assert.equal(part.statusCode, 200);
    assert.equal(part.rawPayload.length, 44 * 32);
    assert.doesNotMatch(String(part.headers['cache-control']), /immutable/);
    const lvl1 = await p.server.inject({ url: '/log/tile/1/000.p/1' });
    assert.equal(lvl1.rawPayload.length, 32);

    // Entry bundles hold exactly the queued entries, in order.
    const b0 = await p.server.inject({ url: '/log/tile/entries/000' });
    assert.equal(b0.headers['cache-control'], 'public, max-age=31536000, immutable');
    const b1 = await p.server.inject({ url: '/log/tile/entries/001.p/44' });
    const served = [...decodeEntryBundle(b0.rawPayload, 256), ...decodeEntryBundle(b1.rawPayload, 44)];
    assert.deepEqual(served.map((e) => e.toString('hex')), entries.map((e) => e.toString('hex')));

    // Recompute from what was served alone: leaf hashes from the tiles match the bundles, the
    // level-1 tile is the root of the first 256 leaves, and inclusion proofs built from the tile
    // hashes verify against the signed root.
    const tileLeaves = Array.from({ length: 300 }, (_, i) => (i < 256 ? full.rawPayload : part.rawPayload).subarray(((i % 256) * 32), (i % 256) * 32 + 32));
    assert.deepEqual(tileLeaves.map((h) => h.toString('hex')), served.map((e) => refLeaf(e).toString('hex')));
    assert.equal(lvl1.rawPayload.toString('hex'), refRoot(tileLeaves.slice(0, 256)).toString('hex'));
    assert.equal(cp.rootHash.toString('hex'), refRoot(tileLeaves).toString('hex'));
    for (const i of [0, 1, 255, 256, 270, 299]) {
      const leaf = tileLeaves[i];
      assert.ok(leaf);
      assert.ok(verifyInclusion(leaf, i, 300, refPath(i, tileLeaves), cp.rootHash), `leaf ${i}`);
      assert.ok(!verifyInclusion(leaf, i === 0 ? 1 : 0, 300, refPath(i, tileLeaves), cp.rootHash), `leaf ${i} at the wrong index`);
    }
  });

  test('tiles beyond the signed tree are 404; the next checkpoint is consistent with the last', async () => {
    for (const path of ['0/001', '0/001.p/45', 'entries/001', 'entries/001.p/45', '1/000', '2/000.p/1']) {
      const res = await p.server.inject({ url: `/log/tile/${path}` });
      assert.equal(res.statusCode, 404, path);
      assert.equal(res.json().error.code, 'not_found', path);
    }
    const verifier = parseNoteVerifierKey(tlog.verifierKey);
    const before = parseCheckpoint(openNote((await p.server.inject({ url: '/log/checkpoint' })).body, [verifier]).text);
    const five = await enqueue(p, 5);
    // Integrated but not yet signed (as after a crash between append and sign): still invisible,
    // and the next step signs it even though it has nothing new to integrate.
    assert.deepEqual(await tlog.log.append(five), [300, 301, 302, 303, 304]);
    assert.equal((await p.server.inject({ url: '/log/tile/0/001.p/49' })).statusCode, 404);
    assert.deepEqual(await tlog.sequencer.step(), { integrated: 0, checkpoint: 305, skipped: false });
    const afterCp = parseCheckpoint(openNote((await p.server.inject({ url: '/log/checkpoint' })).body, [verifier]).text);
    assert.equal((await p.server.inject({ url: '/log/tile/0/001.p/49' })).statusCode, 200);
    const proof = await tlog.log.proveConsistency(before.size, afterCp.size);
    assert.ok(verifyConsistency(before.size, afterCp.size, proof, before.rootHash, afterCp.rootHash));
    // The old partial tile is still served (same bytes), for clients holding the old checkpoint.
    assert.equal((await p.server.inject({ url: '/log/tile/0/001.p/44' })).statusCode, 200);
  });
});
