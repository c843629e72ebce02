/**
 * Worker-thread entry of `extractText`: parses one file and posts back its (capped) text, or the
 * error message. Runs under the resource limits and the time limit set by `extract-text.ts`.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { capUtf8, isParsable, parseText } from './text-parsers.js';

/** What `extract-text.ts` sends in `workerData`. */
export interface ExtractJob {
  source: string | Uint8Array;
  kind: string;
  maxTextBytes: number;
}

/** What the worker posts back. */
export type ExtractReply = { ok: true; text: string; truncated: boolean } | { ok: false; error: string };

async function run(job: ExtractJob): Promise<ExtractReply> {
  if (!isParsable(job.kind)) return { ok: false, error: `cannot parse ${job.kind}` };
  const bytes = typeof job.source === 'string' ? await readFile(job.source) : job.source;
  const text = await parseText(bytes, job.kind);
  return { ok: true, ...capUtf8(text, job.maxTextBytes) };
}

// workerData is the ExtractJob built by extract-text.ts, the only creator of this worker.
run(workerData as ExtractJob).then(
  (reply) => parentPort?.postMessage(reply),
  (e: unknown) => parentPort?.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) } satisfies ExtractReply),
);
