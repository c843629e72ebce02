// Cold start and idle memory of `gongkai serve`, against bare Fastify hello-world in the same run.
// Usage: npx tsx bench/startup.ts [runs]   (needs `npm run build` first; the bench runs it)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, rps, rssMiB, start, waitReady } from './lib.js';

const ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.argv[2] ?? 5);

const buildT0 = performance.now();
execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
const buildMs = performance.now() - buildT0;

async function measure(label: string, cmd: string, args: string[], env: Record<string, string>, port: number, fresh: boolean, reuseDir?: string) {
  const cold: number[] = [];
  const idle: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = reuseDir ?? mkdtempSync(join(tmpdir(), 'gk-bench-'));
    const t0 = performance.now();
    const s = start(cmd, args, { ...env, GONGKAI_DATA_DIR: dir, GONGKAI_PORT: String(port), PORT: String(port), GONGKAI_LOG_LEVEL: 'warn', DATABASE_URL: '' }, ROOT);
    cold.push(await waitReady(`http://127.0.0.1:${port}/healthz`, t0));
    await new Promise((r) => setTimeout(r, 3000));
    idle.push(rssMiB(s.child.pid ?? 0));
    await s.stop();
    if (fresh) rmSync(dir, { recursive: true, force: true });
  }
  return { label, coldMs: median(cold), idleMiB: median(idle) };
}

const hello = await measure('fastify hello-world', process.execPath, ['bench/hello.ts'].map((f) => join(ROOT, f)).flatMap((f) => ['--import', 'tsx', f]), {}, 8099, true);
// tsx is not used for the app: `npm start` runs the compiled dist/.
const helloCompiled = await measure('fastify hello-world (no tsx)', process.execPath, ['-e', "import('fastify').then(async({default:F})=>{const a=F();a.get('/healthz',async()=>({ok:true}));await a.listen({port:Number(process.env.PORT),host:'127.0.0.1'})})"], {}, 8099, true);
const app = await measure('gongkai serve (first start: migrate + demo seed)', process.execPath, [join(ROOT, 'dist/cli.js'), 'serve'], {}, 8098, true);
const warmDir = mkdtempSync(join(tmpdir(), 'gk-bench-'));
const warm = await measure('gongkai serve (later start, existing data)', process.execPath, [join(ROOT, 'dist/cli.js'), 'serve'], {}, 8098, false, warmDir);

// Throughput of a public page against hello-world, same machine, same run.
const a = start(process.execPath, [join(ROOT, 'dist/cli.js'), 'serve'], { GONGKAI_DATA_DIR: mkdtempSync(join(tmpdir(), 'gk-bench-')), GONGKAI_PORT: '8098', GONGKAI_LOG_LEVEL: 'warn', GONGKAI_API_RATE_LIMIT: '10000000', DATABASE_URL: '' }, ROOT);
await waitReady('http://127.0.0.1:8098/healthz', performance.now());
const h = start(process.execPath, ['-e', "import('fastify').then(async({default:F})=>{const a=F();a.get('/',async()=>({hello:'world'}));await a.listen({port:8099,host:'127.0.0.1'})})"], {}, ROOT);
await waitReady('http://127.0.0.1:8099/', performance.now());
const ref = await rps('http://127.0.0.1:8099/');
const agencies = await rps('http://127.0.0.1:8098/agencies');
const apiTree = await rps('http://127.0.0.1:8098/api/v1/agencies');
const servingMiB = rssMiB(a.child.pid ?? 0);
await a.stop();
await h.stop();

console.log(`\nGongkai startup and idle memory (median of ${RUNS} runs)`);
console.log(`  tsc build (incremental cache cold/warm varies): ${buildMs.toFixed(0)} ms`);
for (const r of [hello, helloCompiled, app, warm]) console.log(`  ${r.label.padEnd(50)} cold start ${r.coldMs.toFixed(0).padStart(5)} ms   idle RSS ${r.idleMiB.toFixed(1)} MiB`);
console.log(`\nThroughput, 20 connections, 5 s each (requests/s, ratio to hello-world)`);
console.log(`  hello-world                 ${ref.rps.toFixed(0)} req/s  p50 ${ref.p50} ms`);
console.log(`  GET /agencies (HTML)        ${agencies.rps.toFixed(0)} req/s  p50 ${agencies.p50} ms  ratio ${(agencies.rps / ref.rps).toFixed(2)}  non-2xx ${agencies.non2xx}`);
console.log(`  GET /api/v1/agencies (JSON) ${apiTree.rps.toFixed(0)} req/s  p50 ${apiTree.p50} ms  ratio ${(apiTree.rps / ref.rps).toFixed(2)}  non-2xx ${apiTree.non2xx}`);
console.log(`  server RSS after load: ${servingMiB.toFixed(1)} MiB`);
