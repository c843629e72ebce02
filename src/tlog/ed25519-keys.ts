import crypto, { type KeyObject } from 'node:crypto';

/**
 * Conversions between raw Ed25519 key bytes (RFC 8032: 32-byte seed, 32-byte public key), as
 * signed-note key strings carry them, and node:crypto KeyObjects.
 *
 * Decision: DER, not JWK. An Ed25519 PKCS#8 private key (RFC 8410 §7) is a fixed 16-byte prefix
 * followed by the 32-byte seed, and an SPKI public key (RFC 8410 §4) a fixed 12-byte prefix
 * followed by the 32-byte key, so conversion is a concatenation or a slice after checking the
 * prefix, with no base64url round trip and no need to know the public key when importing a seed.
 */

/** RFC 8410: SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32) } }. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** RFC 8410: SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (0 unused bits, 32 bytes) }. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** Length of an Ed25519 seed and of a public key (RFC 8032 §5.1.5). */
export const ED25519_KEY_SIZE = 32;
/** Length of an Ed25519 signature (RFC 8032 §5.1.6). */
export const ED25519_SIGNATURE_SIZE = 64;

/** A private KeyObject from a 32-byte RFC 8032 seed. Throws RangeError on a wrong length. */
export function ed25519PrivateKeyFromSeed(seed: Buffer): KeyObject {
  if (seed.length !== ED25519_KEY_SIZE) throw new RangeError('Ed25519 seed must be 32 bytes');
  return crypto.createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** A public KeyObject from a 32-byte RFC 8032 public key. Throws on a wrong length or invalid point. */
export function ed25519PublicKeyFromRaw(publicKey: Buffer): KeyObject {
  if (publicKey.length !== ED25519_KEY_SIZE) throw new RangeError('Ed25519 public key must be 32 bytes');
  return crypto.createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
}

/** The 32-byte public key of an Ed25519 public or private KeyObject. Throws for other key types. */
export function ed25519RawPublicKey(key: KeyObject): Buffer {
  const pub = key.type === 'private' ? crypto.createPublicKey(key) : key;
  if (pub.asymmetricKeyType !== 'ed25519') throw new TypeError('not an Ed25519 key');
  const der = pub.export({ format: 'der', type: 'spki' });
  if (der.length !== SPKI_PREFIX.length + ED25519_KEY_SIZE || !der.subarray(0, SPKI_PREFIX.length).equals(SPKI_PREFIX)) {
    throw new TypeError('unexpected Ed25519 SPKI encoding');
  }
  return Buffer.from(der.subarray(SPKI_PREFIX.length));
}

/** The 32-byte seed of an Ed25519 private KeyObject. Throws for other key types. */
export function ed25519Seed(key: KeyObject): Buffer {
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') throw new TypeError('not an Ed25519 private key');
  const der = key.export({ format: 'der', type: 'pkcs8' });
  if (der.length !== PKCS8_PREFIX.length + ED25519_KEY_SIZE || !der.subarray(0, PKCS8_PREFIX.length).equals(PKCS8_PREFIX)) {
    throw new TypeError('unexpected Ed25519 PKCS#8 encoding');
  }
  return Buffer.from(der.subarray(PKCS8_PREFIX.length));
}

/** A fresh Ed25519 key pair from node:crypto's CSPRNG. */
export function generateEd25519KeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return crypto.generateKeyPairSync('ed25519');
}
