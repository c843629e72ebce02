import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../tlog/clock.js';
import { ED25519_KEY_SIZE, ed25519PrivateKeyFromSeed, ed25519RawPublicKey, ed25519Seed, generateEd25519KeyPair } from '../tlog/ed25519-keys.js';
import { decodeBase64Strict, formatKeyId, isValidKeyName, SIG_TYPE_COSIGNATURE_V1, type NoteSigner } from '../tlog/note.js';
import { cosignatureKeyId, cosignatureSigner, encodeCosignatureVerifierKey } from '../tlog/witness.js';
import { LogKeyError } from './log-key.js';

/** The witness's cosigning key, loaded or created at start. */
export interface WitnessKey {
  /** Signs cosignature/v1 (C2SP tlog-cosignature) with the injected clock's time. */
  readonly signer: NoteSigner;
  /** `<name>+<key ID>+base64(0x04 ‖ public key)`, served at /witness/key; logs configure it. */
  readonly verifierKey: string;
  /** True when this start generated the key file. */
  readonly created: boolean;
}

/**
 * The key file holds one line shaped like a Go signed-note signer key but with the
 * cosignature/v1 type byte: `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x04 ‖ 32-byte seed)>`,
 * the key ID being that of the cosigner (tlog-cosignature §Format).
 */
function encodeWitnessSignerKey(name: string, seed: Buffer): string {
  const id = cosignatureKeyId(name, ed25519RawPublicKey(ed25519PrivateKeyFromSeed(seed)));
  return `PRIVATE+KEY+${name}+${formatKeyId(id)}+${Buffer.concat([Buffer.from([SIG_TYPE_COSIGNATURE_V1]), seed]).toString('base64')}`;
}

/** Parses a witness signer key line; null if malformed (the key ID must match the seed). */
function parseWitnessSignerKey(line: string): { name: string; seed: Buffer } | null {
  const m = /^PRIVATE\+KEY\+([^+]+)\+([0-9a-f]{8})\+(.+)$/.exec(line);
  if (m === null) return null;
  const [, name = '', hex = '', b64 = ''] = m;
  const raw = decodeBase64Strict(b64);
  if (!isValidKeyName(name) || raw === null || raw.length !== 1 + ED25519_KEY_SIZE || raw[0] !== SIG_TYPE_COSIGNATURE_V1) return null;
  const seed = Buffer.from(raw.subarray(1));
  const id = cosignatureKeyId(name, ed25519RawPublicKey(ed25519PrivateKeyFromSeed(seed)));
  return id === Number.parseInt(hex, 16) ? { name, seed } : null;
}

function readKeyFile(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if (typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Loads the witness key `name` from `file`, or creates it (mode 0600, exclusive create) when the
 * file does not exist and the witness has never cosigned (`hasState` false). Like the log key
 * (issue 4 §1), a lost key is never silently replaced: refuses with `LogKeyError` when the file
 * is missing but state exists, when it is malformed, or when its name is not `name`.
 */
export function loadOrCreateWitnessKey(file: string, name: string, hasState: boolean, clock: Clock): WitnessKey {
  let text = readKeyFile(file);
  let created = false;
  if (text === null) {
    if (hasState) throw new LogKeyError('tlog.witness_key_missing', { file });
    text = `${encodeWitnessSignerKey(name, ed25519Seed(generateEd25519KeyPair().privateKey))}\n`;
    mkdirSync(dirname(file), { recursive: true });
    try {
      // 'wx': two instances starting together on one data directory must not both write a key.
      writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
      created = true;
    } catch (err) {
      if (!(typeof err === 'object' && err !== null && 'code' in err && err.code === 'EEXIST')) throw err;
      text = readFileSync(file, 'utf8');
    }
  }
  const parsed = parseWitnessSignerKey(text.trim());
  if (parsed === null) throw new LogKeyError('tlog.witness_key_malformed', { file });
  if (parsed.name !== name) throw new LogKeyError('tlog.witness_key_name_mismatch', { file, keyName: parsed.name, name });
  const privateKey = ed25519PrivateKeyFromSeed(parsed.seed);
  return {
    signer: cosignatureSigner(name, privateKey, clock),
    verifierKey: encodeCosignatureVerifierKey(name, ed25519RawPublicKey(privateKey)),
    created,
  };
}
