import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCheckpoint } from './checkpoint.js';
import { ed25519RawPublicKey, generateEd25519KeyPair } from './ed25519-keys.js';
import { TlogError } from './errors.js';
import { TransparencyLog } from './log.js';
import { MemoryStorage } from './memory-storage.js';
import { ed25519NoteSigner, ed25519NoteVerifier, parseNoteVerifierKey } from './note-keys.js';
import { noteKeyId, openNote, signatureLines, SIG_TYPE_ED25519 } from './note.js';
import {
  cosignatureKeyId,
  cosignatureMessage,
  cosignatureSigner,
  cosignatureVerifier,
  encodeCosignatureVerifierKey,
  evaluateAddCheckpoint,
  formatAddCheckpointRequest,
  parseAddCheckpointRequest,
  parseCosignature,
  parseCosignatureVerifierKey,
} from './witness.js';

const isMalformed = (e: unknown): boolean => e instanceof TlogError && e.code === 'malformed';

// The example request body from C2SP tlog-witness §add-checkpoint.
const specBody = `old 20852014
PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=
jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=
5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=
/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=

example.com/behind-the-sofa
20852163
CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
— example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=
`;

describe('add-checkpoint request body (C2SP tlog-witness)', () => {
  it('parses the spec example and formats it back identically', () => {
    const req = parseAddCheckpointRequest(Buffer.from(specBody));
    assert.equal(req.oldSize, 20852014);
    assert.equal(req.proof.length, 4);
    assert.equal(req.proof[2]?.toString('base64'), '5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=');
    assert.ok(req.checkpoint.startsWith('example.com/behind-the-sofa\n20852163\n'));
    assert.equal(formatAddCheckpointRequest(req), specBody);
    assert.deepEqual(parseAddCheckpointRequest(`old 0\n\n${req.checkpoint}`).proof, []);
  });

  it('rejects malformed bodies', () => {
    const cp = 'o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n— o AAAA\n';
    const line = 'PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n';
    const bad = [
      '', 'old 1', `old 01\n\n${cp}`, `old -1\n\n${cp}`, `old  1\n\n${cp}`, `Old 1\n\n${cp}`, `old 1\n${cp}`, `old 1\n${line}`,
      `old 1\n${line}\n`, `old 1\nPlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw\n\n${cp}`, `old 1\nAAAA\n\n${cp}`,
      `old 1\n${line.repeat(64)}\n${cp}`, `old 9007199254740993\n\n${cp}`,
    ];
    for (const body of bad) assert.throws(() => parseAddCheckpointRequest(body), isMalformed, JSON.stringify(body.slice(0, 40)));
    assert.equal(parseAddCheckpointRequest(`old 1\n${line.repeat(63)}\n${cp}`).proof.length, 63);
    assert.throws(() => parseAddCheckpointRequest(Buffer.from([0x6f, 0x6c, 0x64, 0x20, 0x31, 0x0a, 0x0a, 0xff])), isMalformed);
  });
});

describe('cosignature/v1 (C2SP tlog-cosignature)', () => {
  const body = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
  const { privateKey } = generateEd25519KeyPair();
  const pub = ed25519RawPublicKey(privateKey);
  const clock = { now: () => 1679315147_999 };
  const cosigner = cosignatureSigner('witness.example.com/w1', privateKey, clock);

  it('signs "cosignature/v1\\ntime <T>\\n" + checkpoint with a 0x04 key ID and a timestamp prefix', () => {
    assert.equal(
      cosignatureMessage(body, 1679315147).toString(),
      'cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
    assert.equal(cosigner.keyId, cosignatureKeyId('witness.example.com/w1', pub));
    assert.equal(cosigner.keyId, noteKeyId('witness.example.com/w1', 0x04, pub));
    assert.notEqual(cosigner.keyId, noteKeyId('witness.example.com/w1', SIG_TYPE_ED25519, pub));
    const sig = cosigner.sign(Buffer.from(body));
    assert.equal(sig.length, 72);
    assert.equal(sig.readBigUInt64BE(0), 1679315147n);
    assert.deepEqual(parseCosignature(sig)?.timestamp, 1679315147);
  });

  it('verifies through openNote, and fails on a changed timestamp, body or key', () => {
    const lines = signatureLines(body, [cosigner]);
    const verifier = cosignatureVerifier('witness.example.com/w1', pub);
    assert.equal(openNote(`${body}\n${lines}`, [verifier]).verified.length, 1);
    const raw = Buffer.from(lines.slice(lines.lastIndexOf(' ') + 1, -1), 'base64');
    raw[11] = (raw[11] ?? 0) ^ 1; // last byte of the timestamp
    assert.throws(() => openNote(`${body}\n— witness.example.com/w1 ${raw.toString('base64')}\n`, [verifier]), (e: unknown) => e instanceof TlogError && e.code === 'invalid_signature');
    assert.throws(() => openNote(`${body.replace('20852163', '20852164')}\n${lines}`, [verifier]), (e: unknown) => e instanceof TlogError);
    // A plain Ed25519 note verifier for the same key and name has another key ID: ignored.
    assert.throws(() => openNote(`${body}\n${lines}`, [ed25519NoteVerifier('witness.example.com/w1', pub)]), (e: unknown) => e instanceof TlogError && e.code === 'unverified');
  });

  it('reads the timestamp of the spec example cosignature', () => {
    const raw = Buffer.from('jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==', 'base64');
    assert.equal(parseCosignature(raw.subarray(4))?.timestamp, 1679315147);
    assert.equal(parseCosignature(Buffer.alloc(71)), null);
  });

  it('encodes and parses type-0x04 verifier keys, distinct from note keys', () => {
    const vkey = encodeCosignatureVerifierKey('witness.example.com/w1', pub);
    const v = parseCosignatureVerifierKey(vkey);
    assert.equal(v.keyId, cosigner.keyId);
    assert.throws(() => parseNoteVerifierKey(vkey), isMalformed);
    assert.throws(() => parseCosignatureVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), isMalformed);
  });
});

describe('evaluateAddCheckpoint', () => {
  it('applies the tlog-witness checks in order', async () => {
    const origin = 'log.example/gongkai';
    const { privateKey } = generateEd25519KeyPair();
    const storage = new MemoryStorage();
    const log = new TransparencyLog({ origin, storage, signer: ed25519NoteSigner(origin, privateKey), clock: { now: () => 0 } });
    await log.append(Array.from({ length: 10 }, (_, i) => Buffer.from(`a${i}`)));
    const first = await log.sign();
    await log.append(Array.from({ length: 7 }, (_, i) => Buffer.from(`b${i}`)));
    const second = await log.sign();
    const verifiers = new Map([[origin, [ed25519NoteVerifier(origin, ed25519RawPublicKey(privateKey))]]]);
    const state = { size: 10, rootHash: first.checkpoint.rootHash };
    const proof = await log.proveConsistency(10, 17);

    const ok = evaluateAddCheckpoint({ oldSize: 10, proof, checkpoint: second.note }, verifiers, state);
    assert.ok(ok.ok && ok.checkpoint.size === 17);
    const reason = (o: ReturnType<typeof evaluateAddCheckpoint>): string => (o.ok ? 'ok' : o.reason);
    assert.equal(reason(evaluateAddCheckpoint({ oldSize: 0, proof: [], checkpoint: second.note }, verifiers, null)), 'ok');
    assert.equal(reason(evaluateAddCheckpoint({ oldSize: 10, proof, checkpoint: second.note }, new Map(), state)), 'unknown_origin');
    const otherKey = new Map([[origin, [ed25519NoteVerifier(origin, ed25519RawPublicKey(generateEd25519KeyPair().privateKey))]]]);
    assert.equal(reason(evaluateAddCheckpoint({ oldSize: 10, proof, checkpoint: second.note }, otherKey, state)), 'bad_signature');
    assert.equal(reason(evaluateAddCheckpoint({ oldSize: 18, proof, checkpoint: second.note }, verifiers, state)), 'old_size_too_large');
    const conflict = evaluateAddCheckpoint({ oldSize: 9, proof, checkpoint: second.note }, verifiers, state);
    assert.deepEqual(conflict, { ok: false, reason: 'old_size_mismatch', latestSize: 10 });
    const badProof = proof.map((p, i) => (i === 0 ? Buffer.alloc(32) : p));
    assert.equal(reason(evaluateAddCheckpoint({ oldSize: 10, proof: badProof, checkpoint: second.note }, verifiers, state)), 'bad_proof');
    assert.equal(reason(evaluateAddCheckpoint({ oldSize: 0, proof, checkpoint: second.note }, verifiers, null)), 'bad_proof');
    const same = { size: 17, rootHash: second.checkpoint.rootHash };
    assert.equal(reason(evaluateAddCheckpoint({ oldSize: 17, proof: [], checkpoint: second.note }, verifiers, same)), 'ok');
    assert.equal(reason(evaluateAddCheckpoint({ oldSize: 17, proof: [], checkpoint: second.note }, verifiers, { size: 17, rootHash: Buffer.alloc(32) })), 'root_mismatch');
    assert.equal(parseCheckpoint(first.note.slice(0, first.note.indexOf('\n\n') + 1)).size, 10);
  });
});
