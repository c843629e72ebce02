import crypto from 'node:crypto';

/** Size in bytes of every Merkle tree hash (SHA-256). */
export const HASH_SIZE = 32;

// Node ≥ 20.12 has the one-shot crypto.hash(), about 1.7× faster than createHash() for 65-byte
// inputs; package.json allows Node 20.10, so fall back when it is missing.
const oneShot: ((data: Buffer) => Buffer) | null =
  typeof crypto.hash === 'function' ? (data) => crypto.hash('sha256', data, 'buffer') : null;

function sha256(data: Buffer): Buffer {
  return oneShot ? oneShot(data) : crypto.createHash('sha256').update(data).digest();
}

/** SHA-256 of arbitrary bytes (used for key IDs and the empty tree). */
export function sha256Digest(data: Buffer | string): Buffer {
  return sha256(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
}

const EMPTY = sha256(Buffer.alloc(0));

/**
 * RFC 9162 §2.1.1: the hash of an empty tree is MTH({}) = SHA-256() =
 * e3b0c442…b855. (Go's sumdb/tlog returns zero bytes instead; C2SP follows the RFC.)
 * Returns a fresh copy so callers may not corrupt the shared value.
 */
export function emptyTreeHash(): Buffer {
  return Buffer.from(EMPTY);
}

/**
 * RFC 9162 §2.1.1: leaf hash MTH({d0}) = SHA-256(0x00 ‖ d0). The 0x00 prefix separates leaves
 * from interior nodes (second-preimage resistance).
 */
export function leafHash(entry: Buffer): Buffer {
  const buf = Buffer.allocUnsafe(entry.length + 1);
  buf[0] = 0x00;
  entry.copy(buf, 1);
  return sha256(buf);
}

// Reused scratch buffer for node hashing: hashing is synchronous, so no interleaving can occur.
const nodeScratch = Buffer.alloc(1 + 2 * HASH_SIZE);

/**
 * RFC 9162 §2.1.1: interior node hash SHA-256(0x01 ‖ left ‖ right). Both inputs must be
 * 32-byte hashes; throws RangeError otherwise.
 */
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    throw new RangeError('nodeHash: inputs must be 32-byte hashes');
  }
  nodeScratch[0] = 0x01;
  left.copy(nodeScratch, 1);
  right.copy(nodeScratch, 1 + HASH_SIZE);
  return sha256(nodeScratch);
}
