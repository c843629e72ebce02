import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { parseCheckpoint } from './checkpoint.js';
import { ed25519RawPublicKey, generateEd25519KeyPair } from './ed25519-keys.js';
import { decodeEntryBundle } from './entry-bundle.js';
import { TlogError, type TlogErrorCode } from './errors.js';
import { TransparencyLog } from './log.js';
import { MemoryStorage } from './memory-storage.js';
import { verifyConsistency, verifyInclusion } from './merkle.js';
import { ed25519NoteSigner, ed25519NoteVerifier } from './note-keys.js';
import { openNote, type NoteVerifier } from './note.js';
import type { TlogStorage } from './storage.js';
import { storedHashIndex } from './stored-hash.js';
import { formatTilePath, tileLevels } from './tiles.js';

const origin = 'gongkai.example.gov.cn/log';
const fails = (code: TlogErrorCode) => (e: unknown): boolean => e instanceof TlogError && e.code === code;

// Independent RFC 9162 §2.1.1 reference over raw entries.
const sha = (...parts: Buffer[]): Buffer => parts.reduce((h, p) => h.update(p), crypto.createHash('sha256')).digest();
const refLeaf = (e: Buffer): Buffer => sha(Buffer.from([0]), e);
function refRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return leaves[0] ?? sha();
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Buffer.from([1]), refRoot(leaves.slice(0, k)), refRoot(leaves.slice(k)));
}

function setup(storage: TlogStorage = new MemoryStorage(), now = { t: 1_700_000_000_000 }) {
  const { privateKey } = generateEd25519KeyPair();
  const clock = { now: () => now.t };
  const log = new TransparencyLog({ origin, storage, signer: ed25519NoteSigner(origin, privateKey), clock });
  const verifier = ed25519NoteVerifier(origin, ed25519RawPublicKey(privateKey));
  return { log, storage, verifier, now };
}

/**
 * Sunlight-style checkLog: re-verifies the whole log from the outside after a step. The latest
 * checkpoint opens with the log key, its root is the reference root of everything appended so
 * far, every tile and bundle in the tiling reads back right, sampled inclusion proofs verify and
 * the previous checkpoint is proven consistent with this one.
 */
async function checkLog(log: TransparencyLog, verifier: NoteVerifier, appended: readonly Buffer[], previous: { size: number; root: Buffer } | null) {
  const stored = await log.latestCheckpoint();
  assert.ok(stored);
  const cp = parseCheckpoint(openNote(stored.note, [verifier]).text);
  assert.equal(cp.origin, origin);
  assert.equal(cp.size, appended.length);
  const leaves = appended.map(refLeaf);
  assert.ok(cp.rootHash.equals(refRoot(leaves)), 'root');
  for (const level of tileLevels(cp.size)) {
    const widths = Array.from({ length: level.fullTiles }, () => 256);
    if (level.partialWidth > 0) widths.push(level.partialWidth);
    for (const [index, width] of widths.entries()) {
      const data = await log.readTile(formatTilePath({ kind: 'hash', level: level.level, index, width }));
      assert.equal(data.length, width * 32);
      if (level.level === 0) {
        assert.ok(data.equals(Buffer.concat(leaves.slice(index * 256, index * 256 + width))), `tile 0/${index}`);
        const bundle = decodeEntryBundle(await log.readTile(formatTilePath({ kind: 'entries', index, width })), width);
        assert.ok(bundle.every((e, i) => e.equals(appended[index * 256 + i] ?? Buffer.alloc(0))));
      } else {
        for (let i = 0; i < width; i += 37) {
          const span = 256 ** level.level;
          const start = (index * 256 + i) * span;
          assert.ok(data.subarray(i * 32, i * 32 + 32).equals(refRoot(leaves.slice(start, start + span))), `tile ${level.level}/${index}[${i}]`);
        }
      }
    }
  }
  for (let i = 0; i < cp.size; i += Math.max(1, Math.floor(cp.size / 50))) {
    const proof = await log.proveInclusion(i, cp.size);
    assert.ok(verifyInclusion(leaves[i] ?? Buffer.alloc(32), i, cp.size, proof, cp.rootHash), `inclusion ${i}`);
  }
  if (previous) {
    const proof = await log.proveConsistency(previous.size, cp.size);
    assert.ok(verifyConsistency(previous.size, cp.size, proof, previous.root, cp.rootHash), 'consistency');
  }
  return { size: cp.size, root: cp.rootHash };
}

describe('TransparencyLog', () => {
  it('appends, signs and serves a consistent log through many uneven batches', async () => {
    const { log, verifier, now } = setup();
    const appended: Buffer[] = [];
    let previous: { size: number; root: Buffer } | null = null;
    for (const batch of [1, 0, 254, 1, 1, 300, 255, 256, 2000, 3]) {
      const entries = Array.from({ length: batch }, (_, i) => Buffer.from(`document ${appended.length + i}`));
      const indexes = await log.append(entries);
      assert.deepEqual(indexes, entries.map((_, i) => appended.length + i));
      appended.push(...entries);
      now.t += 1000;
      const signed = await log.sign();
      assert.equal(signed.signedAt, now.t);
      previous = await checkLog(log, verifier, appended, previous);
    }
    assert.equal(appended.length, 3071);
  });

  it('signs the empty tree and re-signs an unchanged tree', async () => {
    const { log, verifier } = setup();
    const first = await log.sign();
    assert.equal(first.checkpoint.size, 0);
    assert.equal(first.checkpoint.rootHash.toString('hex'), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    await log.sign();
    await checkLog(log, verifier, [], null);
  });

  it('serves tiles only within the latest checkpoint and rejects bad paths', async () => {
    const { log } = setup();
    await assert.rejects(log.readTile('tile/0/000.p/1'), fails('out_of_range'));
    await log.append(Array.from({ length: 300 }, (_, i) => Buffer.from(`e${i}`)));
    await assert.rejects(log.readTile('tile/0/000'), fails('out_of_range'));
    await log.sign();
    assert.equal((await log.readTile('tile/0/000')).length, 8192);
    assert.equal((await log.readTile('tile/0/001.p/44')).length, 44 * 32);
    await assert.rejects(log.readTile('tile/0/001.p/45'), fails('out_of_range'));
    await assert.rejects(log.readTile('tile/0/001'), fails('out_of_range'));
    await assert.rejects(log.readTile('tile/0/1'), fails('malformed'));
    await assert.rejects(log.proveInclusion(300, 300), fails('out_of_range'));
    await assert.rejects(log.proveInclusion(0, 301), fails('out_of_range'));
    await assert.rejects(log.proveConsistency(10, 301), fails('out_of_range'));
  });

  it('rejects oversized entries before writing anything', async () => {
    const { log, storage } = setup();
    await assert.rejects(log.append([Buffer.from('ok'), Buffer.alloc(65536)]), fails('malformed'));
    assert.equal(await storage.readTreeSize(), 0);
    assert.deepEqual(await log.append([]), []);
    assert.deepEqual(await log.append([Buffer.alloc(65535)]), [0]);
  });

  it('recovers after losing an append race, without corrupting its cached tree', async () => {
    const shared = new MemoryStorage();
    const a = setup(shared);
    const b = new TransparencyLog({ origin, storage: shared, signer: ed25519NoteSigner(origin, generateEd25519KeyPair().privateKey), clock: { now: () => 0 } });
    await a.log.append([Buffer.from('a0')]);
    await b.append([Buffer.from('b0')]); // a's cached builder is now stale
    assert.deepEqual(await a.log.append([Buffer.from('a1')]), [2]);
    // A storage that reports a stale size once, as if another writer appended in between.
    let stale = true;
    const racy: TlogStorage = {
      readTreeSize: async () => (stale ? ((stale = false), 2) : shared.readTreeSize()),
      append: (batch) => shared.append(batch),
      readHashes: (ix) => shared.readHashes(ix),
      readEntries: (s, e) => shared.readEntries(s, e),
      readCheckpoint: () => shared.readCheckpoint(),
      writeCheckpoint: (x, n) => shared.writeCheckpoint(x, n),
    };
    const c = setup(racy);
    await assert.rejects(c.log.append([Buffer.from('lost')]), (e: unknown) => e instanceof TlogError && e.retryable);
    assert.deepEqual(await c.log.append([Buffer.from('c0')]), [3]);
    await c.log.sign();
    await checkLog(c.log, c.verifier, ['a0', 'b0', 'a1', 'c0'].map((s) => Buffer.from(s)), null);
  });

  it('loses a signing race with a retryable conflict', async () => {
    const shared = new MemoryStorage();
    const a = setup(shared);
    await a.log.append([Buffer.from('x')]);
    await a.log.sign();
    const before = await shared.readCheckpoint();
    const stale: TlogStorage = {
      readTreeSize: () => shared.readTreeSize(),
      append: (batch) => shared.append(batch),
      readHashes: (ix) => shared.readHashes(ix),
      readEntries: (s, e) => shared.readEntries(s, e),
      // Reads the checkpoint as it was, while another signer has meanwhile replaced it.
      readCheckpoint: async () => before,
      writeCheckpoint: (x, n) => shared.writeCheckpoint(x, n),
    };
    await a.log.append([Buffer.from('y')]);
    await a.log.sign();
    const b = setup(stale);
    await assert.rejects(b.log.sign(), (e: unknown) => e instanceof TlogError && e.retryable);
  });

  it('refuses to sign (fatally) when storage no longer matches the last checkpoint', async () => {
    const inner = new MemoryStorage();
    let tamper = false;
    const storage: TlogStorage = {
      readTreeSize: () => inner.readTreeSize(),
      append: (batch) => inner.append(batch),
      // Corrupts MTH(D[0:4]), which both the old and the new root depend on.
      readHashes: async (ix) => (await inner.readHashes(ix)).map((h, i) => (tamper && ix[i] === storedHashIndex(2, 0) ? Buffer.alloc(32) : h)),
      readEntries: (s, e) => inner.readEntries(s, e),
      readCheckpoint: () => inner.readCheckpoint(),
      writeCheckpoint: (x, n) => inner.writeCheckpoint(x, n),
    };
    const { log } = setup(storage);
    await log.append(Array.from({ length: 5 }, (_, i) => Buffer.from(`${i}`)));
    await log.sign();
    tamper = true;
    await log.append([Buffer.from('5')]);
    await assert.rejects(log.sign(), (e: unknown) => e instanceof TlogError && e.fatal && e.code === 'inconsistent');
  });
});
