import type { Deps } from '../commands/deps.js';
import type { Config } from '../config/config.js';
import { DEFAULT_TEMPLATES } from './mail/templates.js';
import { smtpMailer, type Mailer } from './mail/mailer.js';
import { fileMailer } from './mail/file-mailer.js';
import type { TemplateSet } from './mail/layout.js';
import { DEFAULT_RETRY, deliverDue, type DeliveryReport, type RetryPolicy } from './outbox-delivery.js';
import { reminderJob, type OpenDeadlineSource } from './reminders.js';

/**
 * A job the worker runs every `everyMs` (by the injected clock), first at its first step. It must
 * be idempotent: on PostgreSQL it runs under a cluster-wide advisory lock named after it, so two
 * instances never run it at once, but a crash can make it run again.
 */
export interface PeriodicJob {
  name: string;
  everyMs: number;
  run(deps: Deps, now: Date): Promise<unknown>;
}

/** What one worker step did. */
export interface StepReport {
  delivery: DeliveryReport;
  /** Names of the periodic jobs that ran in this step (not those skipped because another instance held their lock). */
  jobsRun: string[];
}

/** Worker settings; everything but `mailer`, `from` and `publicUrl` has a default. */
export interface WorkerOptions {
  mailer: Mailer | null;
  from: string;
  publicUrl: string;
  /** Message-ID domain; default `deps.instance`. */
  messageIdDomain?: string;
  jobs?: readonly PeriodicJob[];
  templates?: TemplateSet;
  retry?: RetryPolicy;
  /** Default 50. */
  batchSize?: number;
  /** Messages sent at once in a delivery pass; default 1 (see `DeliveryOptions.concurrency`). */
  concurrency?: number;
  /** Default 5 minutes: longer than the SMTP timeouts (`mail/mailer.ts`), so a live claim does not lapse. */
  leaseMs?: number;
  /** Milliseconds between timer-driven steps; 0 (tests) starts no timer: call `step()`. Default 5000. */
  intervalMs?: number;
  /** Called with errors of timer-driven steps and failed jobs; the next step tries again. */
  onError?: (err: unknown, where: string) => void;
  /** Called after each timer-driven step that did something. */
  onStep?: (r: StepReport) => void;
}

/** A running worker. */
export interface Worker {
  /** Runs the due periodic jobs, then one outbox delivery pass. Steps never overlap: a call waits for the running one. */
  step(): Promise<StepReport>;
  /** Stops the timer, waits for the running step, closes the mailer. */
  stop(): Promise<void>;
}

/**
 * Starts the background worker (issue 5 §8, issue 8 §5): periodic jobs (reminders; scheduled
 * publishing later) and outbox delivery, once per `intervalMs`. Delivery is at-least-once (see
 * `store/repos/outbox-repo.ts`); several workers may run against one PostgreSQL database.
 */
export function startWorker(deps: Deps, opts: WorkerOptions): Worker {
  const jobs = opts.jobs ?? [];
  const nextRun = new Map<string, number>();
  const delivery = {
    mailer: opts.mailer,
    from: opts.from,
    publicUrl: opts.publicUrl,
    messageIdDomain: opts.messageIdDomain ?? deps.instance,
    templates: opts.templates ?? DEFAULT_TEMPLATES,
    retry: opts.retry ?? DEFAULT_RETRY,
    batchSize: opts.batchSize ?? 50,
    leaseMs: opts.leaseMs ?? 5 * 60_000,
    concurrency: opts.concurrency ?? 1,
  };
  const onError = opts.onError ?? (() => undefined);

  async function runJobs(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of jobs) {
      const now = deps.clock.now();
      if ((nextRun.get(job.name) ?? 0) > now.getTime()) continue;
      nextRun.set(job.name, now.getTime() + job.everyMs);
      try {
        const r = await deps.ops.withAdvisoryLock(deps.db, `job:${job.name}`, () => job.run(deps, now));
        if (r.acquired) ran.push(job.name);
      } catch (err) {
        // A failed job must not stop delivery; it runs again at its next time.
        onError(err, job.name);
      }
    }
    return ran;
  }

  let chain: Promise<unknown> = Promise.resolve();
  const step = (): Promise<StepReport> => {
    const run = chain.then(async () => {
      const jobsRun = await runJobs();
      return { delivery: await deliverDue(deps, delivery), jobsRun };
    });
    chain = run.catch(() => undefined);
    return run;
  };

  const interval = opts.intervalMs ?? 5000;
  let timer: NodeJS.Timeout | null = null;
  let busy = false;
  if (interval > 0) {
    const tick = () => {
      if (busy) return;
      busy = true;
      step()
        .then((r) => {
          const d = r.delivery;
          if (r.jobsRun.length || d.sent || d.retried || d.failed || d.held) opts.onStep?.(r);
        })
        .catch((err: unknown) => onError(err, 'step'))
        .finally(() => {
          busy = false;
        });
    };
    tick();
    timer = setInterval(tick, interval);
    timer.unref();
  }

  return {
    step,
    async stop() {
      if (timer) clearInterval(timer);
      await chain;
      opts.mailer?.close();
    },
  };
}

/** Hooks for the worker that `serve` and `gongkai worker` start. */
export interface ConfiguredWorkerHooks {
  /** Source of open request deadlines; reminders run only when one is given. */
  reminderSource?: OpenDeadlineSource;
  /** Further periodic jobs (scheduled publishing, …). */
  jobs?: readonly PeriodicJob[];
  onError?: (err: unknown, where: string) => void;
  onStep?: (r: StepReport) => void;
  intervalMs?: number;
}

/** Connections (and messages in flight) of the configured SMTP worker. */
const SMTP_CONNECTIONS = 4;

/**
 * The worker as configured: SMTP from `GONGKAI_SMTP_URL` (4 pooled connections, 200 messages a
 * pass); without it, `.eml` files in `GONGKAI_MAIL_DIR` when set (development), else mail is held.
 * Reminders run when a source is given.
 */
export function startConfiguredWorker(deps: Deps, config: Config, hooks: ConfiguredWorkerHooks = {}): Worker {
  const jobs: PeriodicJob[] = [];
  if (hooks.reminderSource) {
    jobs.push(reminderJob({ source: hooks.reminderSource, dueSoonWorkingDays: config.mail.reminderDueSoonDays }));
  }
  jobs.push(...(hooks.jobs ?? []));
  return startWorker(deps, {
    mailer: config.mail.smtpUrl ? smtpMailer(config.mail.smtpUrl, { pool: SMTP_CONNECTIONS }) : config.mail.mailDir ? fileMailer(config.mail.mailDir) : null,
    ...(config.mail.smtpUrl ? { concurrency: SMTP_CONNECTIONS, batchSize: 200 } : {}),
    from: config.mail.mailFrom,
    publicUrl: config.publicUrl,
    jobs,
    ...(hooks.intervalMs !== undefined ? { intervalMs: hooks.intervalMs } : {}),
    ...(hooks.onError ? { onError: hooks.onError } : {}),
    ...(hooks.onStep ? { onStep: hooks.onStep } : {}),
  });
}
