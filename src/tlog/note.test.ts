import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ed25519PrivateKeyFromSeed, ed25519RawPublicKey, generateEd25519KeyPair } from './ed25519-keys.js';
import { TlogError, type TlogErrorCode } from './errors.js';
import {
  ed25519NoteSigner,
  encodeSignerKey,
  encodeVerifierKey,
  generateNoteKey,
  parseNoteVerifierKey,
  parseSignerKey,
  parseVerifierKey,
} from './note-keys.js';
import { isValidKeyName, openNote, signNote, SIG_TYPE_ED25519 } from './note.js';

const fails = (code: TlogErrorCode) => (e: unknown): boolean => e instanceof TlogError && e.code === code;

// Test vectors from Go's golang.org/x/mod/sumdb/note/note_test.go (TestSign, TestOpen).
const peterSkey = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const peterVkey = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const enochVkey = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const peterSig = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const enochSig = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

describe('signed-note: Go sumdb/note test vectors', () => {
  it('signs exactly as Go does', () => {
    const signer = parseSignerKey(peterSkey);
    assert.equal(signer.keyId, 0xc74f20a3);
    assert.equal(signNote(text, [signer]), `${text}\n${peterSig}`);
  });

  it('re-encodes the PeterNeumann key strings byte for byte', () => {
    const seed = Buffer.from(peterSkey.split('+').slice(4).join('+'), 'base64').subarray(1);
    const priv = ed25519PrivateKeyFromSeed(seed);
    assert.equal(encodeSignerKey('PeterNeumann', priv), peterSkey);
    assert.equal(encodeVerifierKey('PeterNeumann', SIG_TYPE_ED25519, ed25519RawPublicKey(priv)), peterVkey);
    const parsed = parseVerifierKey(peterVkey);
    assert.deepEqual([parsed.name, parsed.keyId, parsed.type], ['PeterNeumann', 0xc74f20a3, 1]);
  });

  it('opens like Go: known keys verify, unknown keys are ignored, none known fails', () => {
    const peter = parseNoteVerifierKey(peterVkey);
    const enoch = parseNoteVerifierKey(enochVkey);
    const msg = `${text}\n${peterSig}${enochSig}`;
    const one = openNote(msg, [peter]);
    assert.equal(one.text, text);
    assert.deepEqual(one.verified.map((s) => [s.name, s.keyId]), [['PeterNeumann', 0xc74f20a3]]);
    assert.deepEqual(one.unverified.map((s) => [s.name, s.keyId]), [['EnochRoot', 0xaf0cfe78]]);
    const both = openNote(Buffer.from(msg), [peter, enoch]);
    assert.equal(both.verified.length, 2);
    assert.equal(both.unverified.length, 0);
    assert.throws(() => openNote(msg, []), fails('unverified'));
    assert.throws(() => openNote(`${text}\n${enochSig}`, [enoch, peter, enoch]), fails('malformed')); // ambiguous
    assert.equal(openNote(`${text}\n${peterSig}`, [enoch, peter, enoch]).verified.length, 1);
    // Duplicates collapse; a corrupted signature from a known key rejects the note.
    assert.equal(openNote(`${text}\n${peterSig}${peterSig}${enochSig}${enochSig}`, [peter]).verified.length, 1);
    const corrupt = `${peterSig.slice(0, 60)}ABCD${peterSig.slice(60)}`;
    assert.throws(() => openNote(`${text}\n${corrupt}`, [peter]), fails('invalid_signature'));
    assert.throws(() => openNote(`${text}\n${peterSig.repeat(101)}`, [peter]), fails('malformed'));
  });

  it('rejects malformed notes as Go does', () => {
    const peter = parseNoteVerifierKey(peterVkey);
    const bad = [
      text,
      `${text}\n`,
      `${text}\n${peterSig.slice(0, -1)}`,
      `\x01${text}\n${peterSig}`,
      `${text}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${text}\n${peterSig}Unexpected line.\n`,
    ];
    for (const msg of bad) assert.throws(() => openNote(msg, [peter]), fails('malformed'), JSON.stringify(msg));
    assert.throws(() => openNote(Buffer.concat([Buffer.from([0xff]), Buffer.from(`${text}\n${peterSig}`)]), [peter]), fails('malformed'));
  });

  it('rejects every mangling of the key strings (Go TestNewVerifier/TestNewSigner)', () => {
    for (const [key, parse] of [
      [peterVkey, parseNoteVerifierKey],
      [peterSkey, parseSignerKey],
    ] as const) { // `as const` only narrows the literal to a tuple type; no value is cast
      for (let i = 0; i <= key.length; i++) {
        for (let j = i + 1; j <= key.length; j++) {
          if (i === 0 && j === key.length) continue;
          assert.throws(() => parse(key.slice(i, j)), fails('malformed'), key.slice(i, j));
        }
      }
      for (let i = 0; i < key.length; i++) {
        const mangled = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
        assert.throws(() => parse(mangled), fails('malformed'), mangled);
      }
    }
    // Wrong key length with a matching key hash, and an unknown algorithm (from Go's test).
    assert.throws(() => parseNoteVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='), fails('malformed'));
    assert.throws(() => parseNoteVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), fails('malformed'));
  });
});

describe('signed-note with fresh keys', () => {
  const name = 'gongkai.example.gov.cn/log';
  const { signerKey, verifierKey } = generateNoteKey(name);
  const signer = parseSignerKey(signerKey);
  const verifier = parseNoteVerifierKey(verifierKey);
  const body = 'gongkai.example.gov.cn/log\n42\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n';

  it('verifies its own signatures and parses its own key strings', () => {
    assert.equal(signer.keyId, verifier.keyId);
    const note = signNote(body, [signer]);
    assert.match(note, /\n\n— gongkai\.example\.gov\.cn\/log [A-Za-z0-9+/]{91}=\n$/);
    assert.equal(openNote(note, [verifier]).text, body);
    assert.equal(parseSignerKey(encodeSignerKey(name, generateEd25519KeyPair().privateKey)).name, name);
  });

  it('fails on any single changed character of the text', () => {
    const note = signNote(body, [signer]);
    const sigPart = note.slice(body.length);
    for (let i = 0; i < body.length; i++) {
      const c = body[i] === 'A' ? 'B' : 'A';
      const tampered = body.slice(0, i) + c + body.slice(i + 1) + sigPart;
      assert.throws(() => openNote(tampered, [verifier]), (e: unknown) => e instanceof TlogError, `byte ${i}`);
    }
  });

  it('ignores signatures under a wrong key name or key ID, so the note is unverified', () => {
    const note = signNote(body, [signer]);
    const renamed = note.replace(`— ${name} `, '— gongkai.example.gov.cn/other ');
    assert.throws(() => openNote(renamed, [verifier]), fails('unverified'));
    const line = note.slice(body.length + 1);
    const raw = Buffer.from(line.slice(line.lastIndexOf(' ') + 1, -1), 'base64');
    raw[0] = (raw[0] ?? 0) ^ 0xff;
    const reKeyed = `${body}\n— ${name} ${raw.toString('base64')}\n`;
    assert.throws(() => openNote(reKeyed, [verifier]), fails('unverified'));
  });

  it('accepts a known signature next to unknown ones', () => {
    const other = ed25519NoteSigner('witness.example/w1', generateEd25519KeyPair().privateKey);
    const opened = openNote(signNote(body, [other, signer]), [verifier]);
    assert.equal(opened.verified.length, 1);
    assert.deepEqual(opened.unverified.map((s) => s.name), ['witness.example/w1']);
  });

  it('validates key names and note text', () => {
    for (const ok of ['a', 'example.com/log', '政府/公开']) assert.equal(isValidKeyName(ok), true, ok);
    for (const bad of ['', 'a b', 'a+b', 'a\tb', 'a\u00a0b', 'a\u3000b', 'a\u0085b', 'a\nb']) assert.equal(isValidKeyName(bad), false, JSON.stringify(bad));
    assert.throws(() => generateNoteKey('bad name'), fails('malformed'));
    assert.throws(() => signNote('no newline', [signer]), fails('malformed'));
    assert.throws(() => signNote('tab\there\n', [signer]), fails('malformed'));
    assert.throws(() => signNote(body, []), fails('malformed'));
  });
});
