/**
 * Public reads of attachment bytes: downloads and previews. Only attachments of published
 * versions are reachable (through `publicAttachment`); a blob attached only to a draft is never
 * served, even to someone who knows its hash.
 */
import type { Readable } from 'node:stream';
import type { Deps } from '../commands/deps.js';
import { publicAttachment } from './documents.js';

/** A public attachment's facts, as served. */
export interface PublicFile {
  sha256: string;
  filename: string;
  mime: string;
  size: number;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The public attachment named `filename` with content `sha256`, or null (unknown, or drafts only). */
export async function findPublicFile(deps: Deps, sha256: string, filename: string): Promise<PublicFile | null> {
  if (!SHA256.test(sha256) || filename.length === 0 || filename.length > 255) return null;
  return publicAttachment(deps, sha256, filename);
}

/** Opens the bytes of a file found by `findPublicFile`; rejects with code ENOENT when they are missing. */
export function openFileBytes(deps: Deps, file: PublicFile): Promise<Readable> {
  return deps.blobs.open(file.sha256);
}

/**
 * Opens a public attachment for streaming. The caller pipes the stream to the client and never
 * holds the whole file. Null when the attachment is not public or its bytes are missing.
 */
export async function openPublicFile(deps: Deps, sha256: string, filename: string): Promise<{ file: PublicFile; stream: Readable } | null> {
  const file = await findPublicFile(deps, sha256, filename);
  if (!file) return null;
  try {
    return { file, stream: await deps.blobs.open(sha256) };
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ENOENT') return null; // the blob-store contract names a missing blob ENOENT
    throw e;
  }
}

/**
 * The first `maxBytes` bytes of a public attachment, for a preview. When the file is longer the
 * cut falls after the last line break, so a CSV preview never shows half a row; `truncated`
 * says so. Reads only what it keeps (plus one chunk).
 */
export async function publicFileHead(deps: Deps, sha256: string, filename: string, maxBytes: number): Promise<{ file: PublicFile; bytes: Buffer; truncated: boolean } | null> {
  const opened = await openPublicFile(deps, sha256, filename);
  if (!opened) return null;
  const chunks: Buffer[] = [];
  let n = 0;
  let truncated = false;
  try {
    for await (const c of opened.stream) {
      const b = Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array); // file streams yield Buffers or Uint8Arrays
      chunks.push(b);
      n += b.length;
      if (n > maxBytes) {
        truncated = true;
        break;
      }
    }
  } finally {
    opened.stream.destroy();
  }
  let bytes = Buffer.concat(chunks);
  if (truncated) {
    bytes = bytes.subarray(0, maxBytes);
    const nl = bytes.lastIndexOf(0x0a);
    if (nl > 0) bytes = bytes.subarray(0, nl + 1);
  }
  return { file: opened.file, bytes, truncated };
}
