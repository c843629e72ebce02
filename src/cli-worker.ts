import type { Command } from 'commander';
import pino from 'pino';
import { openApp } from './app.js';
import { loadConfig } from './config/config.js';
import { startConfiguredWorker, type StepReport } from './jobs/worker.js';
import { PLATFORM_JOBS } from './jobs/platform-jobs.js';

function summary(r: StepReport): Record<string, number | string[]> {
  return { ...r.delivery, jobs: r.jobsRun };
}

/**
 * `gongkai worker [--once]`: runs the background worker (outbox delivery, periodic jobs) without
 * the HTTP server, until SIGINT/SIGTERM; with `--once`, one step, printed as JSON, then exits.
 * Several may run against one PostgreSQL database.
 */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run the background worker alone: outbox e-mail delivery and periodic jobs (env: GONGKAI_SMTP_URL, GONGKAI_MAIL_FROM)')
    .option('--once', 'run one step, print what it did as JSON, and exit')
    .action(async (o: { once?: boolean }) => {
      const config = loadConfig();
      const log = pino({ level: config.logLevel, base: { cmd: 'worker' } });
      const app = await openApp(config);
      if (!config.mail.smtpUrl) log.warn('GONGKAI_SMTP_URL is not set: e-mail stays held in the outbox');
      if (o.once) {
        const worker = startConfiguredWorker(app.deps, config, { ...PLATFORM_JOBS, intervalMs: 0 });
        try {
          process.stdout.write(JSON.stringify(summary(await worker.step())) + '\n');
        } finally {
          await worker.stop();
          await app.close();
        }
        return;
      }
      const worker = startConfiguredWorker(app.deps, config, {
        ...PLATFORM_JOBS,
        onError: (err, where) => log.error({ err, where }, 'worker step failed'),
        onStep: (r) => log.info(summary(r), 'worker step'),
      });
      log.info({ store: app.store.ops.kind, smtp: config.mail.smtpUrl ? 'configured' : 'none' }, 'gongkai worker running');
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          log.info({ signal }, 'worker stopping');
          resolve();
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      await worker.stop();
      await app.close();
    });
}
