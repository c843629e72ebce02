import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { openApp } from './app.js';
import { loadConfig } from './config/config.js';
import { reindexAll } from './search/reindex.js';

/**
 * `gongkai reindex [--fresh]`: rebuilds the search index with a progress bar, resuming an
 * interrupted run unless `--fresh`; safe while the site is serving.
 */
export function registerReindexCommand(program: Command): void {
  program
    .command('reindex')
    .description('rebuild the search index (resumes after interruption; the site keeps serving)')
    .option('--fresh', 'start from the beginning, ignoring saved progress')
    .action(async (o: { fresh?: boolean }) => {
      const app = await openApp(loadConfig());
      const bar = new cliProgress.SingleBar({ format: 'reindex [{bar}] {value}/{total} {percentage}% eta {eta}s', noTTYOutput: true, notTTYSchedule: 2000 }, cliProgress.Presets.shades_classic);
      let started = false;
      try {
        const r = await reindexAll(app.deps, {
          fresh: o.fresh === true,
          onProgress: (p) => {
            if (!started) {
              if (p.resumedAfter) process.stderr.write(`resuming after ${p.resumedAfter}\n`);
              bar.start(p.total, p.done);
              started = true;
            } else bar.update(p.done);
          },
        });
        bar.stop();
        process.stdout.write(`${JSON.stringify({ indexed: r.done, total: r.total })}\n`);
      } finally {
        await app.close();
      }
    });
}
