import { TlogError } from './errors.js';

/** C2SP tlog-tiles §Log entries: entries are uint16 length-prefixed, so at most 65,535 bytes. */
export const MAX_ENTRY_SIZE = 0xffff;

/**
 * Encodes entries as a C2SP tlog-tiles entry bundle: for each entry, its length as a big-endian
 * uint16, then its bytes. Throws TlogError('malformed') if any entry exceeds 65,535 bytes. The
 * caller is responsible for passing 1…256 entries starting at a multiple of 256.
 */
export function encodeEntryBundle(entries: readonly Buffer[]): Buffer {
  let total = 0;
  for (const [i, e] of entries.entries()) {
    if (e.length > MAX_ENTRY_SIZE) {
      throw new TlogError('malformed', `entry ${i} is ${e.length} bytes; bundles allow at most ${MAX_ENTRY_SIZE}`);
    }
    total += 2 + e.length;
  }
  const out = Buffer.allocUnsafe(total);
  let off = 0;
  for (const e of entries) {
    off = out.writeUInt16BE(e.length, off);
    off += e.copy(out, off);
  }
  return out;
}

/**
 * Decodes an entry bundle. Throws TlogError('malformed') if the data is truncated, or if
 * `expectedCount` is given and the bundle holds a different number of entries. The returned
 * buffers are copies, independent of `data`.
 */
export function decodeEntryBundle(data: Buffer, expectedCount?: number): Buffer[] {
  const out: Buffer[] = [];
  let off = 0;
  while (off < data.length) {
    if (off + 2 > data.length) throw new TlogError('malformed', 'entry bundle: truncated length prefix');
    const len = data.readUInt16BE(off);
    off += 2;
    if (off + len > data.length) throw new TlogError('malformed', 'entry bundle: truncated entry');
    out.push(Buffer.from(data.subarray(off, off + len)));
    off += len;
  }
  if (expectedCount !== undefined && out.length !== expectedCount) {
    throw new TlogError('malformed', `entry bundle: ${out.length} entries, expected ${expectedCount}`);
  }
  return out;
}
