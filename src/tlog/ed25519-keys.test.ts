import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { ed25519PrivateKeyFromSeed, ed25519PublicKeyFromRaw, ed25519RawPublicKey, ed25519Seed, generateEd25519KeyPair } from './ed25519-keys.js';

describe('Ed25519 raw key ↔ KeyObject (DER)', () => {
  it('round-trips seeds and public keys, agreeing with JWK export', () => {
    const { privateKey, publicKey } = generateEd25519KeyPair();
    const seed = ed25519Seed(privateKey);
    const pub = ed25519RawPublicKey(publicKey);
    const jwk = privateKey.export({ format: 'jwk' });
    assert.equal(seed.toString('base64url'), jwk.d);
    assert.equal(pub.toString('base64url'), jwk.x);
    assert.ok(ed25519RawPublicKey(privateKey).equals(pub));
    const again = ed25519PrivateKeyFromSeed(seed);
    const msg = Buffer.from('checkpoint');
    const sig = crypto.sign(null, msg, again);
    assert.ok(crypto.verify(null, msg, ed25519PublicKeyFromRaw(pub), sig));
    assert.ok(sig.equals(crypto.sign(null, msg, privateKey)), 'Ed25519 is deterministic: same key, same signature');
  });

  it('matches the RFC 8032 §7.1 TEST 1 key pair', () => {
    const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
    const pub = ed25519RawPublicKey(ed25519PrivateKeyFromSeed(seed));
    assert.equal(pub.toString('hex'), 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  });

  it('rejects wrong lengths and key types', () => {
    assert.throws(() => ed25519PrivateKeyFromSeed(Buffer.alloc(31)), RangeError);
    assert.throws(() => ed25519PublicKeyFromRaw(Buffer.alloc(33)), RangeError);
    const { privateKey } = crypto.generateKeyPairSync('x25519');
    assert.throws(() => ed25519Seed(privateKey), TypeError);
    assert.throws(() => ed25519RawPublicKey(privateKey), TypeError);
  });
});
