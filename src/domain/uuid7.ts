/**
 * Row identifiers: UUID version 7 (RFC 9562 §5.7), a 48-bit Unix-millisecond timestamp, then a
 * 12-bit counter (§6.2 method 1: monotonic within one process; it starts at a random value each
 * millisecond), then 62 random bits. Ids made later sort later, so new rows land at the end of
 * each B-tree index instead of on a random page: at a million documents, random (version 4)
 * keys made every insert dirty its own index page, and a bulk import wrote several times the
 * data it stored. Ids are not secrets (tokens use their own random values); they do tell when a
 * row was made, which every row also records openly.
 */
import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const POOL = Buffer.alloc(16 * 256);
let poolAt = POOL.length;
let lastMs = -1;
let counter = 0;

function random16(): Buffer {
  if (poolAt >= POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  const b = POOL.subarray(poolAt, poolAt + 16);
  poolAt += 16;
  return b;
}

/** A new UUIDv7, `now` in Unix milliseconds (the wall clock by default). */
export function uuid7(now = Date.now()): string {
  const r = random16();
  let ms = Math.max(now, lastMs);
  if (ms !== lastMs) {
    lastMs = ms;
    counter = ((r[0] ?? 0) << 3) & 0x7ff; // random start in the lower half, room to count up
  } else if (++counter > 0xfff) {
    lastMs = ms = lastMs + 1;
    counter = 0;
  }
  const b = new Uint8Array(16);
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = 0x80 | ((r[1] ?? 0) & 0x3f);
  for (let i = 9; i < 16; i++) b[i] = r[i - 7] ?? 0;
  let s = '';
  for (let i = 0; i < 16; i++) {
    s += HEX[b[i] ?? 0];
    if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
  }
  return s;
}
