import { createHash } from 'node:crypto';
import type { BlobStore } from '../blobs/blob-store.js';

/**
 * Re-hashes one stored attachment for the audit: 'ok' when its bytes still hash to the name it is
 * stored under, 'missing' when the store has no such blob (blob-store contract: ENOENT), else the
 * SHA-256 the bytes have now (the file was replaced).
 */
export async function auditBlob(blobs: BlobStore, sha256: string): Promise<'ok' | 'missing' | string> {
  let stream;
  try {
    stream = await blobs.open(sha256);
  } catch (err) {
    if (typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT') return 'missing';
    throw err;
  }
  const hash = createHash('sha256');
  try {
    for await (const chunk of stream) hash.update(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  } catch (err) {
    if (typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT') return 'missing';
    throw err;
  }
  const now = hash.digest('hex');
  return now === sha256 ? 'ok' : now;
}
