/**
 * A run of the open-data export into the served files: the files go to the blob store (named by
 * their SHA-256, so an unchanged file is stored once), then ONE transaction records the run and
 * its files; readers always see the files of the latest recorded run, complete or not at all.
 */
import { localDate } from '../../domain/local-date.js';
import { isUniqueViolation } from '../../store/dialect/dialect.js';
import type { Deps } from '../deps.js';
import { blobSink, writeOpenDataFiles, type ExportedFile, type ExtraFile } from './write-export.js';

/** A recorded run. */
export interface OpenDataRun {
  id: string;
  trigger: 'job' | 'cli';
  job_day: string | null;
  started_at: string;
  finished_at: string;
  documents: number;
  attachments: number;
  statistics: number;
  files: ExportedFile[];
}

/** The local day of `now` in the instance's time zone: the key of the daily job. */
export function exportDay(deps: Deps, now: Date): string {
  return localDate(now.toISOString(), deps.defaultTimeZone);
}

/** Whether the daily job already ran on `day`. */
export async function dailyRunDone(deps: Deps, day: string): Promise<boolean> {
  return (await deps.db.selectFrom('opendata_runs').select('id').where('job_day', '=', day).executeTakeFirst()) !== undefined;
}

/**
 * Exports into the served files and records the run. `trigger: 'job'` with `jobDay` records the
 * run under that day and returns null, writing nothing new, when the day already has one (also when
 * another instance recorded it meanwhile: its files are the same content-addressed blobs).
 * `statisticsFile` is the extra file whose rows count as `statistics`.
 */
export async function runOpenDataExport(
  deps: Deps,
  opts: { trigger: 'job' | 'cli'; jobDay?: string; extra?: readonly ExtraFile[]; statisticsFile?: string; onProgress?: (documents: number) => void },
): Promise<OpenDataRun | null> {
  const jobDay = opts.trigger === 'job' ? opts.jobDay ?? exportDay(deps, deps.clock.now()) : null;
  if (jobDay !== null && (await dailyRunDone(deps, jobDay))) return null;
  const startedAt = deps.clock.now().toISOString();
  const r = await writeOpenDataFiles(deps, blobSink(deps.blobs), { ...(opts.extra ? { extra: opts.extra } : {}), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  const run: OpenDataRun = {
    id: deps.newId(),
    trigger: opts.trigger,
    job_day: jobDay,
    started_at: startedAt,
    finished_at: deps.clock.now().toISOString(),
    documents: r.documents,
    attachments: r.attachments,
    statistics: opts.statisticsFile ? r.extraRows[opts.statisticsFile] ?? 0 : 0,
    files: r.files,
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      const { files, ...row } = run;
      await trx.insertInto('opendata_runs').values(row).execute();
      await trx.insertInto('opendata_files').values(files.map((f) => ({ run_id: run.id, ...f }))).execute();
    });
  } catch (e) {
    if (jobDay !== null && isUniqueViolation(e)) return null; // another instance recorded today's run first
    throw e;
  }
  return run;
}
