import { TlogError } from './errors.js';
import { HASH_SIZE } from './hash.js';
import { decodeBase64Strict } from './note.js';

/** The parsed body (note text) of a C2SP tlog-checkpoint. */
export interface Checkpoint {
  /** Log identity, e.g. `example.gov.cn/gongkai/log`. */
  readonly origin: string;
  /** Number of leaves. */
  readonly size: number;
  /** RFC 9162 MTH of the first `size` leaves (32 bytes). */
  readonly rootHash: Buffer;
  /** Extension lines after the root hash, if any (tolerated on parse, never produced). */
  readonly extensions?: readonly string[];
}

/**
 * Origin rule applied by this log (stricter than C2SP tlog-checkpoint's MUST, equal to its
 * SHOULD): non-empty, no Unicode spaces, no `+`, no control characters. The `+` ban keeps the
 * origin usable as a signed-note key name.
 */
export function isValidOrigin(origin: string): boolean {
  // eslint-disable-next-line no-control-regex
  return origin.length > 0 && !/[\s\u0085+\u0000-\u001f]/u.test(origin);
}

/**
 * C2SP tlog-checkpoint §Note text: `<origin>\n<size>\n<base64 root>\n`. Produces no extension
 * lines (their use is NOT RECOMMENDED); throws TlogError('malformed') if `extensions` is
 * non-empty, the origin is invalid, the size is not a safe non-negative integer, or the root is
 * not 32 bytes.
 */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash } = checkpoint;
  if (!isValidOrigin(origin)) throw new TlogError('malformed', `invalid checkpoint origin ${JSON.stringify(origin)}`);
  if (!Number.isSafeInteger(size) || size < 0) throw new TlogError('malformed', `invalid tree size ${size}`);
  if (rootHash.length !== HASH_SIZE) throw new TlogError('malformed', 'root hash must be 32 bytes');
  if (checkpoint.extensions !== undefined && checkpoint.extensions.length > 0) {
    throw new TlogError('malformed', 'this log does not produce checkpoint extension lines');
  }
  return `${origin}\n${size}\n${rootHash.toString('base64')}\n`;
}

/**
 * Parses checkpoint note text (not the signed note: open it with `openNote` first). Strict on
 * the three mandatory lines: valid origin; size in decimal with no leading zeros (`0` alone for
 * the empty tree) and at most 2^53 − 1; canonical base64 of exactly 32 bytes. Extension lines
 * are tolerated and returned but must be non-empty. The text must end in `\n`. Throws
 * TlogError('malformed').
 */
export function parseCheckpoint(text: string): Checkpoint {
  const bad = (why: string): TlogError => new TlogError('malformed', `malformed checkpoint: ${why}`);
  if (!text.endsWith('\n')) throw bad('must end in a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw bad('needs origin, size and root hash lines');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (origin === undefined || sizeText === undefined || rootText === undefined) throw bad('missing lines');
  if (!isValidOrigin(origin)) throw bad('invalid origin');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) throw bad('size must be decimal without leading zeros');
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw bad('size too large');
  const rootHash = decodeBase64Strict(rootText);
  if (rootHash === null || rootHash.length !== HASH_SIZE) throw bad('root hash must be base64 of 32 bytes');
  if (extensions.some((l) => l.length === 0)) throw bad('empty extension line');
  return extensions.length > 0 ? { origin, size, rootHash, extensions } : { origin, size, rootHash };
}
