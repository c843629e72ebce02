import crypto, { type KeyObject } from 'node:crypto';
import {
  ED25519_KEY_SIZE,
  ed25519PrivateKeyFromSeed,
  ed25519PublicKeyFromRaw,
  ed25519RawPublicKey,
  ed25519Seed,
  generateEd25519KeyPair,
} from './ed25519-keys.js';
import { TlogError } from './errors.js';
import {
  decodeBase64Strict,
  formatKeyId,
  isValidKeyName,
  noteKeyId,
  SIG_TYPE_ED25519,
  type NoteSigner,
  type NoteVerifier,
} from './note.js';

/** Splits at the first `count − 1` plus signs; the last field keeps any further `+`. */
function splitFields(s: string, count: number): string[] | null {
  const out: string[] = [];
  let rest = s;
  for (let i = 0; i < count - 1; i++) {
    const plus = rest.indexOf('+');
    if (plus < 0) return null;
    out.push(rest.slice(0, plus));
    rest = rest.slice(plus + 1);
  }
  out.push(rest);
  return out;
}

/** A decoded verifier key string `<name>+<hex key ID>+<base64(type ‖ public key)>`. */
export interface VerifierKey {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly publicKey: Buffer;
}

/**
 * C2SP signed-note §Verifier keys: encodes `<name>+<8 lower-case hex digits of key ID>+
 * <base64(type ‖ public key)>`, the key ID computed from the other parts. Throws
 * TlogError('malformed') on an invalid name.
 */
export function encodeVerifierKey(name: string, type: number, publicKey: Buffer): string {
  if (!isValidKeyName(name)) throw new TlogError('malformed', `invalid key name ${JSON.stringify(name)}`);
  const id = noteKeyId(name, type, publicKey);
  return `${name}+${formatKeyId(id)}+${Buffer.concat([Buffer.from([type]), publicKey]).toString('base64')}`;
}

/**
 * Parses a verifier key string of any signature type. Strict: valid name, exactly 8 lower-case
 * hex digits, canonical base64, at least one key byte, and the key ID must equal the one computed
 * from name, type and key. Throws TlogError('malformed') otherwise.
 */
export function parseVerifierKey(vkey: string): VerifierKey {
  const bad = (): TlogError => new TlogError('malformed', 'malformed verifier key');
  // The base64 part may itself contain `+`: split off the first two fields only (as Go does).
  const parts = splitFields(vkey, 3);
  if (parts === null) throw bad();
  const [name, hex, b64] = parts;
  if (name === undefined || hex === undefined || b64 === undefined) throw bad();
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(hex)) throw bad();
  const raw = decodeBase64Strict(b64);
  if (raw === null || raw.length < 2) throw bad();
  const type = raw[0] ?? -1;
  const publicKey = Buffer.from(raw.subarray(1));
  const keyId = Number.parseInt(hex, 16);
  if (noteKeyId(name, type, publicKey) !== keyId) throw bad();
  return { name, keyId, type, publicKey };
}

/** An Ed25519 (type 0x01) note verifier for `name` and a raw 32-byte public key. */
export function ed25519NoteVerifier(name: string, publicKey: Buffer): NoteVerifier {
  if (!isValidKeyName(name)) throw new TlogError('malformed', `invalid key name ${JSON.stringify(name)}`);
  const key = ed25519PublicKeyFromRaw(publicKey);
  return {
    name,
    keyId: noteKeyId(name, SIG_TYPE_ED25519, publicKey),
    // C2SP signed-note §Ed25519 signatures: RFC 8032 Ed25519 over the note text.
    verify: (text, signature) => signature.length === 64 && crypto.verify(null, text, key, signature),
  };
}

/**
 * Parses an Ed25519 verifier key string (`name+keyid+base64(0x01 ‖ 32-byte key)`) into a
 * verifier. Throws TlogError('malformed') on any other type, a wrong length or a bad key ID.
 */
export function parseNoteVerifierKey(vkey: string): NoteVerifier {
  const k = parseVerifierKey(vkey);
  if (k.type !== SIG_TYPE_ED25519 || k.publicKey.length !== ED25519_KEY_SIZE) {
    throw new TlogError('malformed', 'verifier key is not an Ed25519 note key');
  }
  try {
    return ed25519NoteVerifier(k.name, k.publicKey);
  } catch {
    throw new TlogError('malformed', 'verifier key holds an invalid Ed25519 public key');
  }
}

/** An Ed25519 (type 0x01) note signer for `name` and a private KeyObject. */
export function ed25519NoteSigner(name: string, privateKey: KeyObject): NoteSigner {
  if (!isValidKeyName(name)) throw new TlogError('malformed', `invalid key name ${JSON.stringify(name)}`);
  const publicKey = ed25519RawPublicKey(privateKey);
  return {
    name,
    keyId: noteKeyId(name, SIG_TYPE_ED25519, publicKey),
    sign: (text) => crypto.sign(null, text, privateKey),
  };
}

/**
 * Encodes a signer key string as Go's golang.org/x/mod/sumdb/note does:
 * `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ 32-byte seed)>`, the key ID being that of the
 * matching public key. Keep it secret.
 */
export function encodeSignerKey(name: string, privateKey: KeyObject): string {
  if (!isValidKeyName(name)) throw new TlogError('malformed', `invalid key name ${JSON.stringify(name)}`);
  const id = noteKeyId(name, SIG_TYPE_ED25519, ed25519RawPublicKey(privateKey));
  const seed = Buffer.concat([Buffer.from([SIG_TYPE_ED25519]), ed25519Seed(privateKey)]);
  return `PRIVATE+KEY+${name}+${formatKeyId(id)}+${seed.toString('base64')}`;
}

/**
 * Parses a signer key string (see {@link encodeSignerKey}) into a signer. Strict like
 * {@link parseVerifierKey}; the key ID must match the public key derived from the seed. The error
 * message never includes the key. Throws TlogError('malformed').
 */
export function parseSignerKey(skey: string): NoteSigner {
  const bad = (): TlogError => new TlogError('malformed', 'malformed signer key');
  const parts = splitFields(skey, 5);
  if (parts === null || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') throw bad();
  const [, , name, hex, b64] = parts;
  if (name === undefined || hex === undefined || b64 === undefined) throw bad();
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(hex)) throw bad();
  const raw = decodeBase64Strict(b64);
  if (raw === null || raw.length !== 1 + ED25519_KEY_SIZE || raw[0] !== SIG_TYPE_ED25519) throw bad();
  const privateKey = ed25519PrivateKeyFromSeed(Buffer.from(raw.subarray(1)));
  const signer = ed25519NoteSigner(name, privateKey);
  if (signer.keyId !== Number.parseInt(hex, 16)) throw bad();
  return signer;
}

/** A fresh Ed25519 note key pair as strings: `signerKey` (secret) and `verifierKey` (public). */
export function generateNoteKey(name: string): { signerKey: string; verifierKey: string } {
  const { privateKey, publicKey } = generateEd25519KeyPair();
  return {
    signerKey: encodeSignerKey(name, privateKey),
    verifierKey: encodeVerifierKey(name, SIG_TYPE_ED25519, ed25519RawPublicKey(publicKey)),
  };
}
