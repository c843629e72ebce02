// Document-page throughput at 100,000 published documents, against bare Fastify hello-world in
// the same run, and the server's memory while serving; and the time static publishing takes to
// render every page. Load from wrk (Debian package `wrk`) when installed, and from autocannon.
// Usage: npx tsx bench/document-page.ts [docs]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { seedDemo } from '../src/commands/seed-demo.js';
import { generateDocuments } from './gen-documents.js';
import { anonMiB, hasWrk, median, rps, rssMiB, start, waitIdle, waitReady, wrkRps } from './lib.js';

const ROOT = join(import.meta.dirname, '..');
const TOTAL = Number(process.argv[2] ?? 100_000);
execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });

const dir = mkdtempSync(join(tmpdir(), 'gk-docbench-'));
const env = { GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'warn', GONGKAI_PORT: '8097', GONGKAI_API_RATE_LIMIT: '10000000', DATABASE_URL: '' };
const t0 = performance.now();
const core = await openApp(loadConfig(env));
await seedDemo(core.deps);
// Every document has its transparency-log entry, sequenced, as in production (a page is kept by
// static publishing once its version has a leaf index).
const indexes = await generateDocuments(core.deps, TOTAL, { logEntries: true });
while (core.tlog && (await core.tlog.sequencer.step()).integrated > 0);
await core.close();
console.log(`generated ${TOTAL} documents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// Static publishing: every page rendered and kept before the first reader (as after a deployment).
const t1 = performance.now();
const rendered = execFileSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'render-pages'], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const renderSeconds = (performance.now() - t1) / 1000;
console.log(`render-pages: ${rendered.trim()} in ${renderSeconds.toFixed(1)} s`);

const app = start(process.execPath, [join(ROOT, 'dist/cli.js'), 'serve'], env, ROOT);
await waitReady('http://127.0.0.1:8097/healthz', performance.now());
await waitIdle(app.child.pid ?? 0);
const hello = start(process.execPath, ['-e', "import('fastify').then(async({default:F})=>{const a=F();a.get('/',async()=>({hello:'world'}));await a.listen({port:8099,host:'127.0.0.1'})})"], {}, ROOT);
await waitReady('http://127.0.0.1:8099/', performance.now());

const hot = indexes[Math.floor(indexes.length / 2)] ?? '';
const pathsFile = join(dir, 'paths.txt');
writeFileSync(pathsFile, indexes.map((ix) => `/documents/${ix}`).join('\n') + '\n');
const WRK = hasWrk();
/** What every browser sends; cached pages are then sent compressed. */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };
/** Uniformly random documents: every request a different page (worst case for caches). */
async function randomDocs(seconds = 5): Promise<number> {
  const r = await autocannon({
    url: 'http://127.0.0.1:8097',
    duration: seconds,
    connections: 20,
    headers: BROWSER,
    requests: [{ setupRequest: (req) => ({ ...req, path: `/documents/${indexes[Math.floor(Math.random() * indexes.length)] ?? hot}` }) }],
  });
  return r.requests.average;
}
/** Zipf-like skew: most readers read the popular documents (s = 1 over the 100,000). */
const weights: number[] = [];
let acc = 0;
for (let i = 1; i <= indexes.length; i++) weights.push((acc += 1 / i));
function zipfIndex(): string {
  const x = Math.random() * acc;
  let lo = 0;
  let hi = weights.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((weights[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return indexes[lo] ?? hot;
}
async function zipfDocs(seconds = 5): Promise<number> {
  const r = await autocannon({ url: 'http://127.0.0.1:8097', duration: seconds, connections: 20, headers: BROWSER, requests: [{ setupRequest: (req) => ({ ...req, path: `/documents/${zipfIndex()}` }) }] });
  return r.requests.average;
}

const rounds = 3;
type Series = { hello: number[]; one: number[]; zipf: number[]; uniform: number[] };
const series = (): Series => ({ hello: [], one: [], zipf: [], uniform: [] });
const byWrk = series();
const byAutocannon = series();
const mem = { rss: [] as number[], anon: [] as number[] };
let errors = 0;
for (let i = 0; i < rounds; i++) {
  if (WRK) {
    const w = (url: string, o: { paths?: string; zipf?: boolean } = {}) => {
      const r = wrkRps(url, { headers: BROWSER, ...o });
      errors += r.non2xx;
      return r.rps;
    };
    byWrk.hello.push(w('http://127.0.0.1:8099/'));
    byWrk.one.push(w(`http://127.0.0.1:8097/documents/${hot}`));
    byWrk.zipf.push(w('http://127.0.0.1:8097', { paths: pathsFile, zipf: true }));
    byWrk.uniform.push(w('http://127.0.0.1:8097', { paths: pathsFile }));
  }
  byAutocannon.hello.push((await rps('http://127.0.0.1:8099/')).rps);
  byAutocannon.one.push((await rps(`http://127.0.0.1:8097/documents/${hot}`, 5, 20, BROWSER)).rps);
  byAutocannon.zipf.push(await zipfDocs());
  byAutocannon.uniform.push(await randomDocs());
  mem.rss.push(rssMiB(app.child.pid ?? 0));
  mem.anon.push(anonMiB(app.child.pid ?? 0));
}
await app.stop();
await hello.stop();
console.log(`\nDocument pages (requests with Accept-Encoding: gzip, as browsers send) at ${TOTAL.toLocaleString('en')} published documents (median of ${rounds} rounds, 20 connections, 5 s each)`);
console.log(`  static publishing (render-pages, every page rendered and kept): ${renderSeconds.toFixed(1)} s, ${(TOTAL / renderSeconds).toFixed(0)} pages/s`);
for (const [client, s] of [['wrk', byWrk], ['autocannon', byAutocannon]] as const) {
  if (!s.hello.length) continue;
  const h = median(s.hello);
  console.log(`  load from ${client}:`);
  console.log(`    hello-world                          ${h.toFixed(0).padStart(7)} req/s`);
  for (const [label, xs] of [['one document, repeated', s.one], ['Zipf-skewed over all documents', s.zipf], ['uniformly random documents', s.uniform]] as const) {
    const m = median(xs);
    console.log(`    ${label.padEnd(36)} ${m.toFixed(0).padStart(7)} req/s   ratio ${(m / h).toFixed(2)}`);
  }
}
if (!WRK) console.log('  (wrk not installed: apt-get install wrk)');
if (errors) console.log(`  non-2xx responses under wrk: ${errors}`);
console.log(`  server RSS while serving: ${median(mem.rss).toFixed(0)} MiB, of which ${median(mem.anon).toFixed(0)} MiB anonymous (the rest: database pages mapped from the file, shared with the OS cache)`);
