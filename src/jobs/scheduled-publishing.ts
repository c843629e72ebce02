import type { Deps } from '../commands/deps.js';
import { publishDue } from '../commands/documents/publish-due.js';

/** A running periodic job. */
export interface RunningJob {
  stop(): Promise<void>;
}

/**
 * Publishes scheduled documents: once at start (so a publication that fell due while the server
 * was down happens as soon as it is back) and then every `intervalMs`. Runs never overlap; errors
 * are reported and the next tick tries again.
 */
export function startScheduledPublishing(deps: Deps, opts: { intervalMs?: number; onError: (err: unknown) => void; onPublished?: (n: number) => void }): RunningJob {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = publishDue(deps)
      .then((n) => {
        if (n > 0) opts.onPublished?.(n);
      })
      .catch(opts.onError)
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, opts.intervalMs ?? 10_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
