/**
 * Decoding of the plain-text attachments (CSV) that government offices produce: UTF-8 (with or
 * without a byte-order mark) from current software, GB18030 (a superset of GBK and GB2312, the
 * mandatory Chinese national character set, GB 18030-2022) from older Excel "save as CSV".
 */

import { TextDecoder } from 'node:util';

/** The encodings a text attachment may use, in the order they are tried. */
export type TextEncodingName = 'utf-8' | 'gb18030';

const ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'gb18030'];

/**
 * Checks bytes arriving in chunks for being text: no NUL byte, and valid in UTF-8 or, failing
 * that, in GB18030. Memory stays constant whatever the size (streaming, fatal decoders; nothing is
 * kept). Call `push` for each chunk, then `finish(complete)`; with `complete` false (only the head
 * of a file was seen) a multi-byte character cut at the end is not held against the text.
 */
export class TextSniffer {
  private readonly alive = new Map<TextEncodingName, TextDecoder>(
    ENCODINGS.map((e) => [e, new TextDecoder(e, { fatal: true })]),
  );
  private sawNul = false;

  /** Feeds the next chunk. */
  push(chunk: Uint8Array): void {
    if (this.sawNul) return;
    if (chunk.includes(0)) {
      this.sawNul = true;
      return;
    }
    for (const [name, dec] of this.alive) {
      try {
        dec.decode(chunk, { stream: true });
      } catch {
        this.alive.delete(name);
      }
    }
  }

  /** The first encoding in which all the bytes were valid text, or null when they are not text. */
  finish(complete: boolean): TextEncodingName | null {
    if (this.sawNul) return null;
    for (const [name, dec] of this.alive) {
      if (!complete) return name;
      try {
        dec.decode();
        return name;
      } catch {
        // Ends inside a multi-byte character in this encoding: try the next one.
      }
    }
    return null;
  }
}

/**
 * Decodes text bytes as UTF-8 (dropping a byte-order mark) or else GB18030. Returns null when the
 * bytes are neither (or contain NUL), so callers can say "not text" instead of showing mojibake.
 */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  for (const name of ENCODINGS) {
    try {
      // TextDecoder drops a leading UTF-8 BOM by default (ignoreBOM: false).
      return new TextDecoder(name, { fatal: true }).decode(bytes);
    } catch {
      // Not valid in this encoding: try the next one.
    }
  }
  return null;
}
