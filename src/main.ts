import type { FastifyInstance } from 'fastify';
import { openApp, type AppContext, type OpenOptions } from './app.js';
import type { Config } from './config/config.js';
import { hasDemoContent, seedDemo, type SeedResult } from './commands/seed-demo.js';
import { buildServer, type ServerOptions } from './http/server.js';
import { PLATFORM_JOBS } from './jobs/platform-jobs.js';
import { createWitnessSubmitter } from './jobs/witness-submitter.js';
import { startConfiguredWorker } from './jobs/worker.js';
import type { WebEnv } from './web/render.js';

/** A built (not yet listening) platform: the core plus its HTTP server. */
export interface Platform {
  app: AppContext;
  server: FastifyInstance;
  env: WebEnv;
  close(): Promise<void>;
}

/** Composition root: config → store → services → HTTP server. */
export async function buildPlatform(config: Config, opts: OpenOptions & ServerOptions = {}): Promise<Platform> {
  const app = await openApp(config, opts);
  const env: WebEnv = { baseUrl: config.publicUrl, demo: { value: await hasDemoContent(app.deps) } };
  const server = await buildServer(app, env, opts);
  return {
    app,
    server,
    env,
    async close() {
      await server.close();
      await app.close();
    },
  };
}

/** Prints demo log-ins once, on the run that created them. */
export function formatDemoLogins(r: SeedResult): string {
  if (!r.seeded) return '';
  const lines = ['', '演示账号 / Demo staff log-ins (shown once; demo content is fictional):'];
  for (const l of r.logins) lines.push(`  ${l.username.padEnd(18)} ${l.password}   ${l.role} @ ${l.agency}`);
  lines.push('');
  return lines.join('\n');
}

/** `gongkai serve`: migrate, seed demo content into an empty store, listen, stop cleanly on signals. */
export async function serve(config: Config): Promise<Platform> {
  const started = process.hrtime.bigint();
  const p = await buildPlatform(config);
  if (config.seedDemo) {
    const count = await p.app.deps.db.selectFrom('agencies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(count.n) === 0) {
      const r = await seedDemo(p.app.deps);
      p.env.demo.value = true;
      process.stdout.write(formatDemoLogins(r) + '\n');
    }
  }
  await p.server.listen({ host: config.host, port: config.port });
  await p.app.tlog?.sequencer.start((err, fatal) => p.server.log[fatal ? 'fatal' : 'error']({ err }, fatal ? 'transparency log stopped signing' : 'transparency log step failed'));
  // Issue 4 §7: submit each new checkpoint to the configured witnesses; failures never block publishing.
  const witnessing = p.app.tlog && config.logWitnesses.length > 0
    ? createWitnessSubmitter(p.app.deps, p.app.tlog.log, config.logWitnesses, { onError: (witness, err) => p.server.log.warn({ err, witness }, 'witness submission failed') })
    : null;
  witnessing?.start();
  // Issue 5 §8: outbox delivery and periodic jobs, unless this instance leaves them to `gongkai worker`.
  const worker = config.worker
    ? startConfiguredWorker(p.app.deps, config, {
        ...PLATFORM_JOBS,
        onError: (err, where) => p.server.log.error({ err, where }, 'worker step failed'),
        onStep: (r) => p.server.log.info({ ...r.delivery, jobs: r.jobsRun }, 'worker step'),
      })
    : null;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  p.server.log.info({ url: config.publicUrl, store: p.app.store.ops.kind, startup_ms: Math.round(ms) }, 'gongkai listening');
  let closing = false;
  const stop = (sig: string) => {
    if (closing) return;
    closing = true;
    p.server.log.info({ signal: sig }, 'shutting down');
    Promise.all([witnessing?.stop(), worker?.stop()])
      .then(() => p.close())
      .then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return p;
}
