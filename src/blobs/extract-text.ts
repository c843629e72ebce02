/**
 * Text of an attachment, for the personal-data scan before publishing (Art. 15 and 16 of the
 * Regulations: personal privacy must not be disclosed) and, later, search.
 *
 * Parsing untrusted PDFs and Office files is where a hostile upload can hang or exhaust a server,
 * so each extraction runs in its own `worker_threads` Worker with a heap limit and is terminated
 * when it overruns its time. The worker module is `extract-text.worker.ts` under tsx (tests, dev)
 * and the compiled `extract-text.worker.js` in `dist/` (production).
 */
import { Worker } from 'node:worker_threads';
import type { ExtractJob, ExtractReply } from './extract-text.worker.js';
import type { FileKind } from './file-policy.js';
import { capUtf8, isParsable } from './text-parsers.js';
import { decodeText } from './text-decode.js';
import { readFile } from 'node:fs/promises';

/** `done`: text extracted (possibly empty); `failed`: the file could not be parsed in time; `none`: a kind without text. */
export type ExtractStatus = 'done' | 'failed' | 'none';

/** Result of `extractText`. `text` is empty unless `status` is 'done'. */
export interface ExtractedText {
  status: ExtractStatus;
  text: string;
  /** True when the text was cut at `maxTextBytes`. */
  truncated: boolean;
  /** Why a 'failed' extraction failed (parser error, time or memory limit), for staff. */
  reason?: string;
}

/** Limits of one extraction. */
export interface ExtractOptions {
  /** Wall-clock limit, worker start-up included (default 20 s). */
  timeoutMs?: number;
  /** Most UTF-8 bytes of text returned (default 2 MB). */
  maxTextBytes?: number;
  /** Heap limit of the worker in MB (default 256). */
  maxHeapMb?: number;
}

const DEFAULTS = { timeoutMs: 20_000, maxTextBytes: 2 * 1024 * 1024, maxHeapMb: 256 };

/** Starts the extraction worker: the compiled module in dist, the TypeScript source under tsx. */
function startWorker(job: ExtractJob, maxHeapMb: number): Worker {
  const options = { workerData: job, resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./extract-text.worker.js', import.meta.url), options);
  // Running from sources (tests, `npm run dev`): Node 20 workers do not inherit tsx's loader
  // hooks, so a two-line bootstrap registers tsx (a dev dependency, reached only here) in the
  // worker before importing the TypeScript entry.
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./extract-text.worker.ts', import.meta.url).href);
  return new Worker(`import(${api}).then((m) => { m.register(); return import(${entry}); });`, { ...options, eval: true });
}

/**
 * Extracts the plain text of a PDF, DOCX, XLSX (every sheet; cells joined by tabs, rows by
 * newlines) or CSV (UTF-8 or GB18030); images, archives and the other kinds give 'none'.
 * `source` is a file path or the file's bytes. Never throws: a broken or hostile file, a parse
 * that runs out of time or memory, all give status 'failed'.
 */
export async function extractText(source: string | Uint8Array, kind: FileKind, opts: ExtractOptions = {}): Promise<ExtractedText> {
  if (!isParsable(kind)) return { status: 'none', text: '', truncated: false };
  const o = { ...DEFAULTS, ...opts };
  if (kind === 'csv') {
    // Decoding text is linear and cannot hang, so it needs no worker (which costs ~0.4 s to start).
    try {
      const text = decodeText(typeof source === 'string' ? await readFile(source) : source);
      if (text === null) return { status: 'failed', text: '', truncated: false, reason: 'not UTF-8 or GB18030 text' };
      const capped = capUtf8(text, o.maxTextBytes);
      return { status: 'done', text: capped.text, truncated: capped.truncated };
    } catch (e) {
      return { status: 'failed', text: '', truncated: false, reason: e instanceof Error ? e.message : String(e) };
    }
  }
  const reply = await runWorker({ source, kind, maxTextBytes: o.maxTextBytes }, o.timeoutMs, o.maxHeapMb);
  if (!reply.ok) return { status: 'failed', text: '', truncated: false, reason: reply.error };
  const capped = capUtf8(reply.text, o.maxTextBytes);
  return { status: 'done', text: capped.text, truncated: reply.truncated || capped.truncated };
}

function runWorker(job: ExtractJob, timeoutMs: number, maxHeapMb: number): Promise<ExtractReply> {
  return new Promise((resolve) => {
    let settled = false;
    let worker: Worker;
    const finish = (reply: ExtractReply): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker?.terminate();
      resolve(reply);
    };
    const timer = setTimeout(() => finish({ ok: false, error: `timed out after ${timeoutMs} ms` }), timeoutMs);
    try {
      worker = startWorker(job, maxHeapMb);
    } catch (e) {
      finish({ ok: false, error: e instanceof Error ? e.message : String(e) });
      return;
    }
    // The worker posts exactly one ExtractReply (extract-text.worker.ts).
    worker.on('message', (m: ExtractReply) => finish(m));
    worker.on('error', (e) => finish({ ok: false, error: e.message }));
    worker.on('exit', (code) => finish({ ok: false, error: `worker exited with code ${code}` }));
  });
}
