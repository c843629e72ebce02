import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/** Median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
}

/** Resident set size of a process in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/**
 * Anonymous resident memory of a process in MiB: the heap and other private memory, without file
 * pages mapped from disk (SQLite's memory-mapped database), which the kernel shares with its page
 * cache and can drop at will.
 */
export function anonMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/RssAnon:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

/** Polls `url` until it answers 200; returns the milliseconds since `t0`. */
export async function waitReady(url: string, t0: number, timeoutMs = 60_000): Promise<number> {
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return performance.now() - t0;
    } catch {
      /* not listening yet */
    }
    if (performance.now() - t0 > timeoutMs) throw new Error(`${url} not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Starts a child process and returns it with a stopper. */
export function start(cmd: string, args: string[], env: Record<string, string | undefined>, cwd: string): { child: ChildProcess; stop(): Promise<void> } {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  return {
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Requests per second against `url` for `seconds` with `connections` (autocannon, loopback). */
export async function rps(url: string, seconds = 5, connections = 20, headers: Record<string, string> = {}): Promise<{ rps: number; p50: number; p99: number; non2xx: number }> {
  const r = await autocannon({ url, duration: seconds, connections, pipelining: 1, headers });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx };
}
