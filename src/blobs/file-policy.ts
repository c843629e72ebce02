/**
 * Which attachments are accepted (issue 3, §6 Attachments). The type is decided by the CONTENT
 * (magic numbers, read with `file-type`), never trusted from the name; the name's extension must
 * then agree with the content, so a reader who downloads `通知.pdf` gets a PDF and not a program.
 * File names are checked separately by `checkFileName`.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';
import { AppError } from '../domain/errors.js';
import { checkArchive, type ArchiveLimits } from './archive-check.js';
import { TextSniffer, type TextEncodingName } from './text-decode.js';

/** The kinds of accepted file. Images share one kind (they are shown, not parsed). */
export type FileKind = 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods' | 'odp' | 'image' | 'csv' | 'zip';

/** An accepted file: its kind, the media type to serve it with, and its canonical extension. */
export interface FileClass {
  kind: FileKind;
  mime: string;
  ext: string;
  /** For CSV only: the encoding its bytes are valid in. */
  encoding?: TextEncodingName;
}

/** Accepted content types, keyed by the `ext` that file-type reports, with the name extensions allowed for each. */
const ACCEPTED: ReadonlyMap<string, { kind: FileKind; exts: readonly string[] }> = new Map([
  ['pdf', { kind: 'pdf', exts: ['pdf'] }],
  ['docx', { kind: 'docx', exts: ['docx'] }],
  ['xlsx', { kind: 'xlsx', exts: ['xlsx'] }],
  ['pptx', { kind: 'pptx', exts: ['pptx'] }],
  ['odt', { kind: 'odt', exts: ['odt'] }],
  ['ods', { kind: 'ods', exts: ['ods'] }],
  ['odp', { kind: 'odp', exts: ['odp'] }],
  ['png', { kind: 'image', exts: ['png'] }],
  ['jpg', { kind: 'image', exts: ['jpg', 'jpeg'] }],
  ['gif', { kind: 'image', exts: ['gif'] }],
  ['webp', { kind: 'image', exts: ['webp'] }],
  ['zip', { kind: 'zip', exts: ['zip'] }],
]);

/** Every name extension that claims an accepted type (including csv). */
const CLAIMED = new Set([...[...ACCEPTED.values()].flatMap((a) => a.exts), 'csv']);

const HEAD_BYTES = 4100; // what file-type itself needs for its magic-number checks

/** Options of `classifyFile`. */
export interface ClassifyOptions {
  /** Limits of the zip-bomb check run on zip-based content. */
  archiveLimits?: Partial<ArchiveLimits>;
}

/**
 * Classifies an upload by its content and checks that `filename`'s extension agrees.
 * `source` is a file path (preferred: nothing is held in memory) or the file's complete bytes.
 * Zip-based content is first checked by `checkArchive` (central directory only), because sniffing
 * an Office file means inflating one of its entries, which must not happen to a zip bomb.
 *
 * Refuses with AppError:
 * - `file_type_mismatch` when the extension names an accepted type the content is not (an
 *   executable renamed `.pdf`, a PDF named `.docx`), or the content is accepted but the extension
 *   is another or absent;
 * - `file_type_not_allowed` when neither content nor extension is an accepted type
 *   (executables, scripts, HTML, SVG, unknown bytes);
 * - `archive_suspicious` from the archive check.
 * CSV has no magic number: a `.csv` name is accepted when the content is text (valid UTF-8 or
 * GB18030, no NUL byte) and does not start with markup (`<`).
 */
export async function classifyFile(source: string | Uint8Array, filename: string, opts: ClassifyOptions = {}): Promise<FileClass> {
  const nameExt = extensionOf(filename);
  const head = typeof source === 'string' ? await readHead(source) : source.subarray(0, HEAD_BYTES);
  if (isZipMagic(head)) {
    await checkArchive(typeof source === 'string' ? source : Buffer.from(source.buffer, source.byteOffset, source.byteLength), opts.archiveLimits);
  }
  const sniffed = await sniff(source);
  const accepted = sniffed ? ACCEPTED.get(sniffed.ext) : undefined;

  if (accepted) {
    if (!accepted.exts.includes(nameExt)) throw new AppError('file_type_mismatch');
    // `sniffed` is set whenever `accepted` is (looked up from it).
    return { kind: accepted.kind, mime: sniffed?.mime ?? 'application/octet-stream', ext: accepted.exts[0] ?? nameExt };
  }
  if (nameExt === 'csv') {
    // Text has no magic number, and some text starts like one (a header "BMI,..." looks like a
    // BMP to file-type), so a .csv name is judged by whether the whole content is text.
    const encoding = await textEncodingOf(source);
    if (encoding && !startsWithMarkup(head)) return { kind: 'csv', mime: 'text/csv', ext: 'csv', encoding };
    throw new AppError('file_type_mismatch');
  }
  throw new AppError(CLAIMED.has(nameExt) ? 'file_type_mismatch' : 'file_type_not_allowed');
}

/** The lower-case extension of a file name, without the dot; '' when there is none. */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot <= 0 ? '' : filename.slice(dot + 1).toLowerCase();
}

async function readHead(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Local file header or (empty archive) end-of-central-directory signature, APPNOTE 4.3.7 / 4.3.16. */
function isZipMagic(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}

async function sniff(source: string | Uint8Array): Promise<{ ext: string; mime: string } | undefined> {
  try {
    return typeof source === 'string' ? await fileTypeFromFile(source) : await fileTypeFromBuffer(source);
  } catch (e) {
    // file-type throws end-of-stream on some short inputs: that is "unknown", not a failure.
    if (e instanceof Error && e.name === 'EndOfStreamError') return undefined;
    throw e;
  }
}

async function textEncodingOf(source: string | Uint8Array): Promise<TextEncodingName | null> {
  const sniffer = new TextSniffer();
  if (typeof source === 'string') {
    for await (const chunk of createReadStream(source)) {
      // fs read streams without an encoding yield Buffers.
      sniffer.push(chunk as Buffer);
    }
  } else sniffer.push(source);
  return sniffer.finish(true);
}

function startsWithMarkup(head: Uint8Array): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0; // UTF-8 byte-order mark
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return head[i] === 0x3c; // '<': HTML, SVG or XML dressed up as CSV
}

const MAX_NAME_CHARS = 200;
// Windows device names, refused whatever the extension ("CON.pdf" cannot be saved on Windows).
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// C0 and C1 controls (NUL included), and bidirectional overrides that can display
// "report\u202Efdp.exe" as "reportexe.pdf".
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// Path separators (so no `..` segment or absolute path can get through) and the characters
// Windows cannot put in a file name, so a downloaded attachment keeps its name.
const FORBIDDEN = /[/\\<>:"|?*]/;

/**
 * Returns the file name to store and show: NFC-normalised (so `关于2025年预算的说明.pdf` typed on
 * different systems compares equal) and trimmed of surrounding white space. Refuses with
 * AppError `file_name_invalid` a name that is empty, longer than 200 characters, contains control
 * or bidirectional-override characters, a path separator (`/`, `\`), a Windows-forbidden
 * character, starts with a dot (hidden files, `.` and `..`), ends with a dot, or is a reserved
 * Windows device name.
 */
export function checkFileName(name: string): string {
  const n = name.normalize('NFC').trim();
  const bad =
    n.length === 0 ||
    [...n].length > MAX_NAME_CHARS ||
    CONTROL.test(n) ||
    FORBIDDEN.test(n) ||
    n.startsWith('.') ||
    n.endsWith('.') ||
    RESERVED.test(n.split('.')[0]?.trimEnd() ?? '');
  if (bad) throw new AppError('file_name_invalid');
  return n;
}
