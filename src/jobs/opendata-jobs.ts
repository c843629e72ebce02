import type { Deps } from '../commands/deps.js';
import { exportDay, runOpenDataExport, type OpenDataRun } from '../commands/opendata/run-export.js';
import { MEDIA_TYPES } from '../commands/opendata/write-export.js';
import { allStatisticsLines } from '../queries/opendata.js';
import type { PeriodicJob } from './worker.js';

/**
 * Refreshes the served open-data files (issue 7 §4): the documents, the attachment manifest and
 * the statistics of every agency for last year and this year. `trigger: 'job'` runs at most once
 * per local day (null when today's run exists); `'cli'` always runs (`gongkai export --refresh`).
 */
export async function refreshOpenData(deps: Deps, opts: { trigger: 'job' | 'cli'; now?: Date; onProgress?: (documents: number) => void }): Promise<OpenDataRun | null> {
  const now = opts.now ?? deps.clock.now();
  const day = exportDay(deps, now);
  const year = Number(day.slice(0, 4));
  return runOpenDataExport(deps, {
    trigger: opts.trigger,
    ...(opts.trigger === 'job' ? { jobDay: day } : {}),
    extra: [{ name: 'statistics.csv', media_type: MEDIA_TYPES.csv, lines: allStatisticsLines(deps, [year - 1, year]), headerLines: 1 }],
    statisticsFile: 'statistics.csv',
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
}

/** The daily export as a periodic job: checked every hour, runs once per local day. */
export const openDataExportJob: PeriodicJob = { name: 'opendata-export', everyMs: 3_600_000, run: (deps, now) => refreshOpenData(deps, { trigger: 'job', now }) };

/** Periodic jobs of the opendata area, run by `gongkai serve` and `gongkai worker`. */
export const opendataJobs: PeriodicJob[] = [openDataExportJob];
