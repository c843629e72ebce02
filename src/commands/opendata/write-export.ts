/**
 * Writes the open-data files (issue 7 §4) through a sink, in one pass over the public documents:
 * `documents.jsonl`, `documents.csv` and `attachments.csv`, each also gzip-compressed (`.gz`),
 * plus whichever extra files the caller supplies (the statistics CSV). Each file is a stream:
 * nothing holds more than one page of documents, and a slow sink slows the reading (backpressure).
 * The files carry no timestamps, so an unchanged catalogue gives byte-identical files.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { BlobStore } from '../../blobs/blob-store.js';
import type { Deps } from '../deps.js';
import { ATTACHMENT_CSV_COLUMNS, attachmentCsvLines, CSV_BOM, csvLine, DOCUMENT_CSV_COLUMNS, documentCsvLine, documentJsonLine } from './export-format.js';
import { publicDocuments } from './export-source.js';

/** Where the files go: the blob store (served files) or a directory (`gongkai export --out`). */
export interface ExportSink {
  /** Stores the stream's bytes under `name`; resolves with their SHA-256 and size once durable. */
  put(name: string, content: Readable): Promise<{ sha256: string; size: number }>;
}

/** One written file. */
export interface ExportedFile {
  name: string;
  sha256: string;
  size: number;
  media_type: string;
  rows: number;
}

/** A file the caller generates (batches of text lines), written and compressed like the others. */
export interface ExtraFile {
  name: string;
  media_type: string;
  /** Batches of complete lines, each with its line end; `rows` counts the lines minus `headerLines`. */
  lines: AsyncIterable<readonly string[]>;
  headerLines: number;
}

/** The media types of the files. JSON Lines has no registered type; `application/x-ndjson` is the common one. */
export const MEDIA_TYPES = { jsonl: 'application/x-ndjson', csv: 'text/csv', gzip: 'application/gzip' } as const;

/** A sink into the content-addressed blob store (the served files). */
export function blobSink(blobs: BlobStore): ExportSink {
  return { put: (_name, content) => blobs.put(content) };
}

/** A sink into a directory: each file is written to `<name>.part`, then renamed. */
export function directorySink(dir: string): ExportSink {
  return {
    async put(name, content) {
      await mkdir(dir, { recursive: true });
      const dest = join(dir, name);
      const tmp = `${dest}.part`;
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          hash.update(chunk);
          size += chunk.length;
          cb(null, chunk);
        },
      });
      try {
        await pipeline(content, meter, createWriteStream(tmp));
        await rename(tmp, dest);
      } catch (e) {
        await unlink(tmp).catch(() => undefined); // may never have been created
        throw e;
      }
      return { sha256: hash.digest('hex'), size };
    },
  };
}

/** One output file and its gzip twin, fed the same bytes. */
class Output {
  private readonly plain = new PassThrough();
  // zlib's default level: level 9 costs several times the CPU for a few per cent on this text.
  private readonly gz = createGzip();
  private readonly done: Promise<[{ sha256: string; size: number }, { sha256: string; size: number }]>;
  rows = 0;

  constructor(sink: ExportSink, readonly name: string, readonly mediaType: string) {
    const fail = (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      this.plain.destroy(err);
      this.gz.destroy(err);
      throw err;
    };
    this.done = Promise.all([sink.put(name, this.plain).catch(fail), sink.put(`${name}.gz`, this.gz).catch(fail)]);
    this.done.catch(() => undefined); // observed by finish(); a rejection here must not go unhandled
  }

  async write(text: string, rows = 0): Promise<void> {
    if (text.length === 0) return;
    this.rows += rows;
    const b = Buffer.from(text, 'utf8');
    const waits: Promise<unknown>[] = [];
    for (const s of [this.plain, this.gz] as Writable[]) if (!s.write(b)) waits.push(once(s, 'drain'));
    if (waits.length) await Promise.all(waits);
  }

  async finish(): Promise<ExportedFile[]> {
    this.plain.end();
    this.gz.end();
    const [p, z] = await this.done;
    return [
      { name: this.name, ...p, media_type: this.mediaType, rows: this.rows },
      { name: `${this.name}.gz`, ...z, media_type: MEDIA_TYPES.gzip, rows: this.rows },
    ];
  }

  abort(err: Error): void {
    this.plain.destroy(err);
    this.gz.destroy(err);
  }
}

/** What an export wrote. */
export interface ExportResult {
  files: ExportedFile[];
  documents: number;
  attachments: number;
  /** Rows of each extra file, by name. */
  extraRows: Record<string, number>;
}

/**
 * Writes every open-data file through `sink`. `onProgress(done)` is called after each page of
 * documents with the number written so far.
 */
export async function writeOpenDataFiles(deps: Deps, sink: ExportSink, opts: { extra?: readonly ExtraFile[]; onProgress?: (documents: number) => void } = {}): Promise<ExportResult> {
  const jsonl = new Output(sink, 'documents.jsonl', MEDIA_TYPES.jsonl);
  const csv = new Output(sink, 'documents.csv', MEDIA_TYPES.csv);
  const atts = new Output(sink, 'attachments.csv', MEDIA_TYPES.csv);
  const outs = [jsonl, csv, atts];
  try {
    await csv.write(CSV_BOM + csvLine([...DOCUMENT_CSV_COLUMNS]));
    await atts.write(CSV_BOM + csvLine([...ATTACHMENT_CSV_COLUMNS]));
    for await (const docs of publicDocuments(deps)) {
      await jsonl.write(docs.map(documentJsonLine).join(''), docs.length);
      await csv.write(docs.map(documentCsvLine).join(''), docs.length);
      await atts.write(docs.map(attachmentCsvLines).join(''), docs.reduce((t, d) => t + d.attachments.length, 0));
      opts.onProgress?.(jsonl.rows);
    }
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    for (const o of outs) o.abort(err);
    throw err;
  }
  const files = (await Promise.all(outs.map((o) => o.finish()))).flat();
  const extraRows: Record<string, number> = {};
  for (const x of opts.extra ?? []) {
    const o = new Output(sink, x.name, x.media_type);
    let header = x.headerLines;
    try {
      for await (const batch of x.lines) {
        const skip = Math.min(header, batch.length);
        header -= skip;
        await o.write(batch.join(''), batch.length - skip);
      }
    } catch (e) {
      o.abort(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
    files.push(...(await o.finish()));
    extraRows[x.name] = o.rows;
  }
  return { files, documents: jsonl.rows, attachments: atts.rows, extraRows };
}
