import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** True when wrk (Debian package `wrk`, a load generator written in C) is installed. */
export function hasWrk(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    // wrk prints its version and exits 1; only a missing binary is ENOENT.
    return (e as { code?: string }).code !== 'ENOENT';
  }
}

/**
 * Requests per second with wrk (one thread, `connections` connections, `seconds` long). With
 * `paths` (a file of URL paths, one per line) each request takes a path: uniformly at random, or
 * with Zipf weights (s = 1: the n-th path is requested in proportion to 1/n) when `zipf`.
 * wrk costs the machine far less per request than autocannon, which on two cores otherwise
 * shares the CPU with the server and limits what is measured.
 */
export function wrkRps(url: string, opts: { seconds?: number; connections?: number; headers?: Record<string, string>; paths?: string; zipf?: boolean } = {}): { rps: number; non2xx: number } {
  const args = ['-t1', `-c${opts.connections ?? 20}`, `-d${opts.seconds ?? 5}s`];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}: ${v}`);
  if (opts.paths) {
    const script = join(mkdtempSync(join(tmpdir(), 'gk-wrk-')), 'paths.lua');
    writeFileSync(
      script,
      `local paths, cum, acc = {}, {}, 0
for line in io.lines(${JSON.stringify(opts.paths)}) do
  paths[#paths + 1] = line
  acc = acc + ${opts.zipf ? '1 / #paths' : '1'}
  cum[#cum + 1] = acc
end
request = function()
  local x, lo, hi = math.random() * acc, 1, #cum
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cum[mid] < x then lo = mid + 1 else hi = mid end
  end
  return wrk.format(nil, paths[lo])
end
`,
    );
    args.push('-s', script);
  }
  const out = execFileSync('wrk', [...args, url], { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  return { rps, non2xx };
}

/** CPU time (user + system) a process has used, in ms (Linux /proc; ticks are 10 ms). */
export function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(f[11]) + Number(f[12])) * 10;
}

/**
 * Waits until a freshly started server has finished its start-up work (its worker's first round:
 * open-data export, queues), i.e. used under 3 % of a CPU for a whole second, so that work does
 * not count against the first measurement. Gives up after `maxMs`.
 */
export async function waitIdle(pid: number, maxMs = 180_000): Promise<void> {
  const t0 = performance.now();
  let last = cpuMs(pid);
  while (performance.now() - t0 < maxMs) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuMs(pid);
    if (now - last < 30) return;
    last = now;
  }
}
