import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from './config/config.js';
import { buildPlatform } from './main.js';
import { forgetAllPages } from './commands/page-renders.js';
import { publicDocumentBatches, publicDocumentTotal } from './queries/page-renders.js';
import { renderAllPages } from './http/static-pages.js';

/**
 * `gongkai render-pages [--english] [--clear]`: static publishing of every public document's
 * page ahead of its first reader, e.g. after a deployment (whose new code makes the kept pages
 * stale) or a bulk import. Pages already kept in this generation are skipped, so an interrupted
 * run resumes where it stopped; the site keeps serving meanwhile.
 */
export function registerRenderPagesCommand(program: Command): void {
  program
    .command('render-pages')
    .description('render and keep every public document page now (static publishing; resumes, the site keeps serving)')
    .option('--english', 'the English pages too')
    .option('--clear', 'forget every kept page first')
    .action(async (o: { english?: boolean; clear?: boolean }) => {
      const platform = await buildPlatform(loadConfig(), { logger: false });
      try {
        const statics = platform.server.staticPages;
        if (!statics) throw new Error('static publishing is off (GONGKAI_STATIC_PAGES_HOURS=0)');
        if (o.clear) await forgetAllPages(platform.app.deps);
        const total = await publicDocumentTotal(platform.app.deps);
        const bar = new cliProgress.SingleBar({ format: 'render-pages [{bar}] {value}/{total} {percentage}% eta {eta}s', noTTYOutput: true, notTTYSchedule: 2000 }, cliProgress.Presets.shades_classic);
        bar.start(total, 0);
        const t0 = performance.now();
        const r = await renderAllPages(platform.server, statics, publicDocumentBatches(platform.app.deps), { english: o.english === true, onProgress: (done) => bar.update(done) });
        bar.stop();
        process.stdout.write(`${JSON.stringify({ documents: r.done, rendered: r.rendered, failed: r.failed, seconds: Math.round((performance.now() - t0) / 100) / 10 })}\n`);
        if (r.failed) process.exitCode = 1;
      } finally {
        await platform.close();
      }
    });
}
