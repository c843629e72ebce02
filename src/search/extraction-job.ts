/**
 * The background extraction of attachment text for search (issue 6 §1), run by the worker
 * (`jobs/search-jobs.ts`). Each queued blob is extracted once, whichever documents share it: its
 * upload-time text is reused when the upload managed to read it, otherwise the file is parsed
 * here, in the time- and memory-limited worker thread of `extractText`. A slow, broken or
 * hostile file ends as 'failed' with the reason (shown to staff on /admin/search); publishing
 * never waits for any of this. When a text is ready, every document waiting for it is
 * re-indexed in one short transaction.
 */
import type { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import type { Deps } from '../commands/deps.js';
import { extractText } from '../blobs/extract-text.js';
import { isParsable } from '../blobs/text-parsers.js';
import { indexDocumentIn } from './maintain.js';

/** Limits of one run. */
export interface ExtractionRunOptions {
  /** Most blobs taken per run (default 20). */
  limit?: number;
  /** No new blob is started after this many milliseconds of the run (default 15 s). */
  budgetMs?: number;
  /** Wall-clock limit of one file's extraction (default 20 s). */
  timeoutMs?: number;
  /** A blob whose extraction was started this many times without finishing is given up (default 3). */
  maxAttempts?: number;
}

/** What a run did. */
export interface ExtractionRunReport {
  done: number;
  failed: number;
  /** Documents re-indexed with new attachment text. */
  reindexed: number;
}

interface Outcome {
  status: 'done' | 'failed';
  /** Null when the blob's upload-time text is the text. */
  text: string | null;
  truncated: boolean;
  reason: string | null;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array)); // streams yield Buffers or Uint8Arrays
  return Buffer.concat(chunks);
}

async function extractOne(deps: Deps, job: { blob_sha256: string; kind: string; upload_status: string }, timeoutMs: number): Promise<Outcome> {
  if (job.upload_status === 'done') return { status: 'done', text: null, truncated: false, reason: null };
  if (!isParsable(job.kind)) return { status: 'failed', text: null, truncated: false, reason: `no text parser for ${job.kind}` };
  let bytes: Buffer;
  try {
    bytes = await readAll(await deps.blobs.open(job.blob_sha256));
  } catch (e) {
    return { status: 'failed', text: null, truncated: false, reason: `file not readable: ${e instanceof Error ? e.message : String(e)}` };
  }
  const r = await extractText(bytes, job.kind, { timeoutMs });
  if (r.status === 'done') return { status: 'done', text: r.text, truncated: r.truncated, reason: null };
  return { status: 'failed', text: null, truncated: false, reason: r.reason ?? 'could not be read' };
}

/** Extracts queued blobs and re-indexes the documents waiting for them. Idempotent; safe to re-run after a crash. */
export async function runSearchExtractions(deps: Deps, opts: ExtractionRunOptions = {}): Promise<ExtractionRunReport> {
  const limit = opts.limit ?? 20;
  const budgetMs = opts.budgetMs ?? 15_000;
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const maxAttempts = opts.maxAttempts ?? 3;
  const report: ExtractionRunReport = { done: 0, failed: 0, reindexed: 0 };
  const due = await deps.db
    .selectFrom('search_extractions as x')
    .innerJoin('blobs as b', 'b.sha256', 'x.blob_sha256')
    .select(['x.blob_sha256', 'x.kind', 'x.attempts', 'b.text_status as upload_status'])
    .where('x.status', '=', 'pending')
    .orderBy('x.queued_at')
    .orderBy('x.blob_sha256')
    .limit(limit)
    .execute();
  const started = performance.now();
  for (const job of due) {
    if (performance.now() - started > budgetMs) break;
    const sha = job.blob_sha256;
    let outcome: Outcome;
    const t0 = performance.now();
    if (job.attempts >= maxAttempts) {
      // Each start is counted before the parse, so a file that brings the process down is not retried for ever.
      outcome = { status: 'failed', text: null, truncated: false, reason: `gave up after ${job.attempts} interrupted attempts` };
    } else {
      await deps.db.updateTable('search_extractions').set({ attempts: job.attempts + 1 }).where('blob_sha256', '=', sha).execute();
      outcome = await extractOne(deps, job, timeoutMs);
    }
    const duration = Math.round(performance.now() - t0);
    await deps.db.transaction().execute(async (trx) => {
      const at = deps.clock.now().toISOString();
      const changed = await trx
        .updateTable('search_extractions')
        .set({ status: outcome.status, text: outcome.text, truncated: outcome.truncated ? 1 : 0, reason: outcome.reason, duration_ms: duration, finished_at: at })
        .where('blob_sha256', '=', sha)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) === 0) return; // finished meanwhile by another run
      const waiting = await trx.selectFrom('search_extraction_docs').select('document_id').where('blob_sha256', '=', sha).orderBy('document_id').execute();
      await trx.deleteFrom('search_extraction_docs').where('blob_sha256', '=', sha).execute();
      if (outcome.status !== 'done') return; // the index already holds the file name; nothing to add
      for (const w of waiting) await indexDocumentIn(trx, deps.ops, w.document_id, at);
      report.reindexed += waiting.length;
    });
    if (outcome.status === 'done') report.done++;
    else report.failed++;
  }
  return report;
}
