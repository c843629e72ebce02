import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { AppContext } from './app.js';
import { countPublicDocuments } from './commands/opendata/export-source.js';
import { directorySink, MEDIA_TYPES, writeOpenDataFiles, type ExportedFile } from './commands/opendata/write-export.js';
import { invalid } from './domain/errors.js';
import { localDate } from './domain/local-date.js';
import { refreshOpenData } from './jobs/opendata-jobs.js';
import { allStatisticsLines } from './queries/opendata.js';

/**
 * `gongkai export --out <dir>` writes the open-data files (issue 7 §4) into a directory, with a
 * `manifest.json` of their SHA-256, sizes and rows; `gongkai export --refresh` refreshes the files
 * the site serves at /open-data/ now (what the daily job does). A progress bar on stderr counts
 * the documents (on a terminal; every two seconds otherwise). Prints a summary on stdout.
 */
export function registerExportCommand(program: Command, withApp: (fn: (app: AppContext) => Promise<void>) => Promise<void>): void {
  program
    .command('export')
    .description('open-data bulk export: all public documents (JSON Lines, CSV), the attachment manifest with SHA-256, statistics')
    .option('--out <dir>', 'write the files into this directory')
    .option('--refresh', 'refresh the files served at /open-data/ (as the daily job does)')
    .option('--no-progress', 'no progress bar')
    .action(async (o: { out?: string; refresh?: boolean; progress: boolean }) => {
      if (!o.out === !o.refresh) throw invalid([{ field: '--out', code: 'invalid', message: 'give exactly one of --out <dir> and --refresh' }]);
      await withApp(async (app) => {
        const deps = app.deps;
        const total = await countPublicDocuments(deps);
        const bar = new cliProgress.SingleBar({ format: 'export [{bar}] {value}/{total} documents {percentage}% eta {eta}s', stream: process.stderr, noTTYOutput: true, notTTYSchedule: 2000 }, cliProgress.Presets.shades_classic);
        if (o.progress) bar.start(total, 0);
        const onProgress = (n: number) => {
          if (!o.progress) return;
          if (n > total) bar.setTotal(n); // published while the export ran
          bar.update(n);
        };
        let files: readonly ExportedFile[];
        let summary: Record<string, unknown>;
        try {
          if (o.refresh) {
            const run = await refreshOpenData(deps, { trigger: 'cli', onProgress });
            files = run?.files ?? [];
            summary = { run: run?.id ?? null, documents: run?.documents ?? 0, attachments: run?.attachments ?? 0, statistics: run?.statistics ?? 0 };
          } else {
            const dir = resolve(o.out ?? '.');
            const year = Number(localDate(deps.clock.now().toISOString(), deps.defaultTimeZone).slice(0, 4));
            const r = await writeOpenDataFiles(deps, directorySink(dir), {
              extra: [{ name: 'statistics.csv', media_type: MEDIA_TYPES.csv, lines: allStatisticsLines(deps, [year - 1, year]), headerLines: 1 }],
              onProgress,
            });
            files = r.files;
            summary = { directory: dir, documents: r.documents, attachments: r.attachments, statistics: r.extraRows['statistics.csv'] ?? 0 };
            await writeFile(join(dir, 'manifest.json'), `${JSON.stringify({ generated_at: deps.clock.now().toISOString(), ...summary, files }, null, 2)}\n`);
          }
        } finally {
          if (o.progress) bar.stop();
        }
        process.stdout.write(`${JSON.stringify({ ...summary, files: files.map((f) => ({ name: f.name, sha256: f.sha256, size: f.size, rows: f.rows })) }, null, 2)}\n`);
      });
    });
}
