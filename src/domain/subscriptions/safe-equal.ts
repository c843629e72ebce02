import { timingSafeEqual } from 'node:crypto';

/** Constant-time comparison of two strings. */
export function safeEqualText(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
