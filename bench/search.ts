// Search at scale (issue 6): generates N synthetic Chinese documents (default 1,000,000, about
// 2 KB each, see search-corpus.ts), bulk-imports them with their search entries and
// transparency-log entries (sequenced into the tree), then measures 50 fixed queries through the
// read model the API uses (facets and snippets included), GET /api/v1/search against bare
// Fastify hello-world in the same run, and the server's memory.
//
// Usage: npx tsx bench/search.ts [documents] [--dir /tmp/gk-search-N] [--workers 2] [--reuse]
//   --dir     data directory (kept, so a later run can --reuse it; default a new one under /tmp)
//   --reuse   skip generation and import: measure the store already in --dir
//   DATABASE_URL=postgres://… imports into and queries PostgreSQL instead of SQLite.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openApp, type AppContext } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { SYSTEM_ACTOR } from '../src/commands/actor.js';
import { createAgencyIn } from '../src/commands/create-agency.js';
import { DEMO_AGENCIES, DEMO_OFFICE_HOURS, demoCode } from '../src/commands/demo-agencies.js';
import { seedDemo } from '../src/commands/seed-demo.js';
import { searchDocuments, type SearchInput } from '../src/queries/search.js';
import { BENCH_BUREAUS, corpus, type CorpusAgency } from './search-corpus.js';
import { importBatch, type ImportAgency, type ImportItem } from './search-import.js';
import { hasWrk, median, rps, rssMiB, start, waitReady, wrkRps } from './lib.js';

const ROOT = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const TOTAL = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const WORKERS = Number(opt('workers') ?? 2);
const REUSE = args.includes('--reuse');
const IMPORT_ONLY = args.includes('--import-only');
const SEED = 20_261_127;
const dir = opt('dir') ?? mkdtempSync(join(tmpdir(), 'gk-searchbench-'));
mkdirSync(dir, { recursive: true });
// The web tier as deployed at scale: the background worker (queues, the daily open-data export of
// every document) runs as its own process (`gongkai worker`), not inside the measured server.
const env = { GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'warn', GONGKAI_PORT: '8096', GONGKAI_API_RATE_LIMIT: '10000000', GONGKAI_WORKER: 'false', DATABASE_URL: process.env.DATABASE_URL ?? '' };
const load = (): string => execFileSync('uptime', { encoding: 'utf8' }).trim().replace(/.*load average/u, 'load average');
console.log(`search bench: ${TOTAL.toLocaleString('en')} documents, data in ${dir}, ${load()}`);

/** The demo tree plus the usual bureaus under each city and county: the issuing agencies. */
async function agencyTree(core: AppContext): Promise<(CorpusAgency & { row: ImportAgency })[]> {
  const deps = core.deps;
  await seedDemo(deps);
  const rows = await deps.db.selectFrom('agencies').select(['id', 'code', 'name_zh', 'name_en', 'time_zone', 'parent_id', 'level']).execute();
  const names = new Set(rows.map((r) => r.name_zh));
  let serial = 100;
  await deps.db.transaction().execute(async (trx) => {
    for (const a of DEMO_AGENCIES.filter((x) => x.level === 'city' || x.level === 'county')) {
      const parent = rows.find((r) => r.name_zh === a.zh);
      if (!parent) continue;
      for (const [bureau] of BENCH_BUREAUS) {
        const name = `${a.zh.replace(/人民政府$/u, '')}${bureau}`;
        serial++;
        if (names.has(name)) continue;
        await createAgencyIn(trx, deps, SYSTEM_ACTOR, {
          code: demoCode(a.region, serial), parent_id: parent.id, level: 'department', name_zh: name, name_en: `${bureau} of ${a.en} (bench)`,
          office_name_zh: `${name}政府信息公开工作机构`, office_name_en: 'Disclosure office (bench)', address_zh: '', address_en: '', postcode: '990000',
          office_hours_zh: DEMO_OFFICE_HOURS[0], office_hours_en: DEMO_OFFICE_HOURS[1], phone: '', fax: '', email: '', is_demo: true,
        });
      }
    }
  });
  const all = await deps.db.selectFrom('agencies').select(['id', 'code', 'name_zh', 'name_en', 'time_zone', 'level']).orderBy('code').execute();
  return all.map((a) => {
    // 文号 prefix: first character of the place, then 政 (government), 政办 (its office) or the bureau's short form.
    const place = a.name_zh.replace(/^(示范省|南岭省)/u, (m) => m.slice(0, 1)).slice(0, 1);
    const bureau = BENCH_BUREAUS.find(([b]) => a.name_zh.endsWith(b));
    const prefix = a.level !== 'department' ? `${place}政` : /办公(厅|室)$/u.test(a.name_zh) ? `${place}政办` : `${place}${bureau?.[1] ?? a.name_zh.slice(-3, -1)}`;
    return { code: a.code, name: a.name_zh, prefix, weight: a.level === 'department' ? 1 : 3, row: { id: a.id, code: a.code, name_zh: a.name_zh, name_en: a.name_en, time_zone: a.time_zone } };
  });
}

/** Imports documents 0..TOTAL-1, segmentation in worker threads, writes in order on this thread. */
async function importAll(core: AppContext, agencies: (CorpusAgency & { row: ImportAgency })[]): Promise<{ ms: number; seqMs: number; entries: number; count: number }> {
  const deps = core.deps;
  const have = Number((await deps.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('created_by', '=', 'import').executeTakeFirstOrThrow()).n);
  const BATCH = 2_000;
  // Node 20 workers do not inherit tsx's hooks: register tsx in the worker, then import the entry.
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./search-worker.ts', import.meta.url).href);
  const boot = `import(${api}).then((m) => { m.register(); return import(${entry}); });`;
  const workers = Array.from({ length: WORKERS }, () => new Worker(boot, { eval: true, workerData: { agencies, seed: SEED } }));
  const pending = new Map<number, { resolve: (items: ImportItem[]) => void; promise: Promise<ImportItem[]> }>();
  for (const w of workers) {
    w.on('message', (m: { from: number; items: ImportItem[] }) => pending.get(m.from)?.resolve(m.items));
    w.on('error', (e) => {
      console.error(e);
      process.exit(1);
    });
  }
  // Oldest first, as an archive would be imported and as documents are published: search ids
  // (the FTS rowids) then follow publication order, and index serials rise with the date.
  const c = corpus(agencies, SEED);
  const days = new Int32Array(TOTAL);
  for (let k = 0; k < TOTAL; k++) days[k] = c.day(k);
  const order = Int32Array.from({ length: TOTAL }, (_, k) => k).sort((x, y) => (days[x] ?? 0) - (days[y] ?? 0) || x - y);
  let dispatched = have;
  let turn = 0;
  const dispatch = () => {
    while (dispatched < TOTAL && pending.size < WORKERS * 3) {
      const from = dispatched;
      let resolve: (items: ImportItem[]) => void = () => undefined;
      const promise = new Promise<ImportItem[]>((r) => (resolve = r));
      pending.set(from, { resolve, promise });
      workers[turn++ % workers.length]?.postMessage({ from, ks: Array.from(order.subarray(from, Math.min(TOTAL, from + BATCH))) });
      dispatched = Math.min(TOTAL, from + BATCH);
    }
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage(); // the whole process: this thread and the workers
  let last = t0;
  let waitMs = 0;
  for (let from = have; from < TOTAL; from += BATCH) {
    dispatch();
    const w0 = performance.now();
    const items = await pending.get(from)?.promise;
    waitMs += performance.now() - w0;
    pending.delete(from);
    if (!items) throw new Error(`lost batch ${from}`);
    await importBatch(deps, items, { next: deps.newId });
    const done = Math.min(TOTAL, from + BATCH);
    if (performance.now() - last > 20_000 || done === TOTAL) {
      last = performance.now();
      console.log(`  ${done.toLocaleString('en')} imported, ${Math.round((done - have) / ((last - t0) / 1000))} documents/s (waiting for segmentation ${Math.round((100 * waitMs) / (last - t0))}% of the time), ${load()}`);
    }
  }
  await Promise.all(workers.map((w) => w.terminate()));
  const ms = performance.now() - t0;
  // The log: queued entries sequenced into the tree with signed checkpoints, as the server does.
  const s0 = performance.now();
  let entries = 0;
  for (;;) {
    const r = await core.tlog?.sequencer.step();
    if (!r || r.integrated === 0) break;
    entries += r.integrated;
  }
  const cpu = process.cpuUsage(cpu0);
  console.log(`  CPU time of all threads: ${((cpu.user + cpu.system) / 1000 / Math.max(1, TOTAL - have)).toFixed(2)} ms per document`);
  return { ms: ms + (performance.now() - s0), seqMs: performance.now() - s0, entries, count: TOTAL - have };
}

/**
 * The 50 fixed queries: two-character words, agency names, 文号 in their forms (taken from
 * imported documents at fixed positions), Traditional script, common and rare terms.
 */
async function queries(core: AppContext): Promise<string[]> {
  const n = Number((await core.deps.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('doc_number', '!=', '').executeTakeFirstOrThrow()).n);
  const numbers: string[] = [];
  for (const at of [Math.floor(n / 7), Math.floor(n / 3), Math.floor((n * 5) / 7)]) {
    const r = await core.deps.db.selectFrom('documents').select('doc_number').where('doc_number', '!=', '').orderBy('index_number').limit(1).offset(at).executeTakeFirst();
    numbers.push(r?.doc_number ?? '');
  }
  const [n1 = '', n2 = '', n3 = ''] = numbers;
  return [
    // two-character words
    '教育', '补贴', '扶贫', '养老', '供水', '垃圾', '消防', '就业', '民宿', '控烟', '渔业', '疫苗',
    // agency names
    '云溪市财政局', '青山县人民政府', '江川市教育局', '示范省人民政府办公厅', '白水区人民政府办公室', '南岭省人民政府',
    // document numbers in their forms: canonical, other brackets, year and serial apart, serial only, prefix with year
    n1, n2.replace('〔', '[').replace('〕', ']'), n3.replace(/〔(\d{4})〕/u, ' $1 '), n1.replace(/^.*〕/u, ''), n2.replace(/\d+号$/u, ''),
    // Traditional script
    '政務公開', '營商環境', '鄉村振興', '醫療保障', '學前教育', '養老服務', '財政局 預算', '穩崗補貼',
    // common terms, alone and together
    '工作', '发展 建设', '管理 服务', '安全生产', '项目 资金', '社会 保障', '改革 发展 工作',
    // rare terms and combinations
    '宁塘村', '柳湾社区', '金田村 水库', '跨省通办', '地膜回收', '直播带货', '秸秆综合利用', '乡村振兴 资金',
    '垃圾分类 社区', '云溪市 义务教育', '高校毕业生 就业', '危险化学品 安全',
  ];
}

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

let core = await openApp(loadConfig(env));
if (core.store.ops.kind === 'sqlite') {
  // Bulk-load setting for this connection only; queries below run on a fresh connection with
  // the server's own settings (GONGKAI_BENCH_SQLITE_PRAGMA adds one, to compare).
  await sql`PRAGMA cache_size = -1048576`.execute(core.deps.db);
}
const agencies = await agencyTree(core);
let imported: { ms: number; seqMs: number; entries: number; count: number } | null = null;
if (!REUSE) {
  imported = await importAll(core, agencies);
  console.log(`imported ${imported.count.toLocaleString('en')} documents in ${(imported.ms / 1000).toFixed(1)} s = ${Math.round(imported.count / (imported.ms / 1000)).toLocaleString('en')} documents/s (segmentation, search index, log entries; of it sequencing ${imported.entries.toLocaleString('en')} log entries: ${(imported.seqMs / 1000).toFixed(1)} s), ${load()}`);
}
if (REUSE) {
  // Log entries an interrupted import left queued: sequence them now (part of the import's cost).
  const s0 = performance.now();
  let entries = 0;
  for (;;) {
    const r = await core.tlog?.sequencer.step();
    if (!r || r.integrated === 0) break;
    entries += r.integrated;
  }
  const docs = Number((await core.deps.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  console.log(`store holds ${docs.toLocaleString('en')} documents; sequenced ${entries.toLocaleString('en')} queued log entries in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
}
if (IMPORT_ONLY) {
  await core.close();
  process.exit(0);
}
await core.close();
core = await openApp(loadConfig(env));
const pragma = process.env.GONGKAI_BENCH_SQLITE_PRAGMA;
if (pragma && core.store.ops.kind === 'sqlite') await sql`PRAGMA ${sql.raw(pragma)}`.execute(core.deps.db);
const qs = await queries(core);
const lat: { q: string; ms: number; cpu: number; total: number; sampled: number | null }[] = [];
// Wall-clock time, and this process's CPU time for the query (on a machine shared with other
// work, the wall clock also counts the time the scheduler gave to others).
const run = async (q: string) => {
  const u = process.cpuUsage();
  const t = performance.now();
  const r = await searchDocuments(core.deps, { q, page: 1, pageSize: 20 });
  const ms = performance.now() - t;
  const c = process.cpuUsage(u);
  return { q, ms, cpu: (c.user + c.system) / 1000, total: r.total, sampled: r.sampled };
};
for (const q of qs) await run(q); // warm-up pass (page cache of the database)
const ROUNDS = 3;
const runs: (typeof lat)[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const round: typeof lat = [];
  for (const q of qs) round.push(await run(q));
  runs.push(round);
}
// Each query's median over the rounds, then the median and p95 over the 50 queries.
for (const [i, q] of qs.entries()) {
  const xs = runs.map((r) => r[i]).filter((x) => x !== undefined);
  lat.push({ q, ms: median(xs.map((x) => x.ms)), cpu: median(xs.map((x) => x.cpu)), total: xs[0]?.total ?? 0, sampled: xs[0]?.sampled ?? null });
}
const ms = lat.map((l) => l.ms);
const cpu = lat.map((l) => l.cpu);
console.log(`\n50 queries through the read model (total, 3 facets, page of 20 with snippets), ${core.store.ops.kind}, median of ${ROUNDS} rounds each, ${load()}`);
console.log('      wall      cpu     hits  query');
for (const l of lat) console.log(`  ${l.ms.toFixed(1).padStart(8)} ${l.cpu.toFixed(1).padStart(8)} ${String(l.total).padStart(8)}${l.sampled ? '*' : ' '} ${l.q}`);
console.log(`  wall clock: median ${median(ms).toFixed(1)} ms, p95 ${pct(ms, 0.95).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`);
console.log(`  CPU time:   median ${median(cpu).toFixed(1)} ms, p95 ${pct(cpu, 0.95).toFixed(1)} ms, max ${Math.max(...cpu).toFixed(1)} ms   (* ranked and faceted over the most recent ${lat.find((l) => l.sampled)?.sampled ?? '-'} matches)`);

// Filters as readers click them: 10 of the queries, each with an agency (a city government with
// its subtree, and a department), a genre, a year and a date range: 50 filtered searches.
const city = await core.deps.db.selectFrom('agencies').select('code').where('level', '=', 'city').orderBy('code').executeTakeFirstOrThrow();
const dept = await core.deps.db.selectFrom('agencies').select('code').where('level', '=', 'department').orderBy('code').executeTakeFirstOrThrow();
const filtersOf: [string, Partial<SearchInput>][] = [
  ['city subtree', { agency: city.code, subtree: true }],
  ['department', { agency: dept.code }],
  ['genre', { genre: 'normative' }],
  ['year', { year: 2019 }],
  ['date range', { from: '2024-03-01', to: '2024-08-31' }],
];
const fq = ['教育', '补贴', '工作', '发展 建设', '政務公開', '安全生产', '宁塘村', '跨省通办', '云溪市 义务教育', '危险化学品 安全'];
const filtered: { label: string; ms: number; total: number }[] = [];
for (let round = 0; round < 2; round++) {
  for (const [label, f] of filtersOf) {
    for (const q of fq) {
      const t = performance.now();
      const r = await searchDocuments(core.deps, { q, page: 1, pageSize: 20, ...f });
      if (round === 1) filtered.push({ label: `${label}: ${q}`, ms: performance.now() - t, total: r.total });
    }
  }
}
const fms = filtered.map((x) => x.ms);
const slowest = [...filtered].sort((a, b) => b.ms - a.ms).slice(0, 3);
console.log(`\n50 filtered searches (10 queries × agency subtree, department, genre, year, date range), second round, ${load()}`);
console.log(`  wall clock: median ${median(fms).toFixed(1)} ms, p95 ${pct(fms, 0.95).toFixed(1)} ms; slowest: ${slowest.map((x) => `${x.label} ${x.ms.toFixed(0)} ms (${x.total})`).join('; ')}`);
await core.close();

// The API over HTTP against hello-world, same run.
if (!existsSync(join(ROOT, 'dist/cli.js')) || !args.includes('--no-build')) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
// A server left over on the port would be measured instead of ours: refuse.
const busy = await fetch('http://127.0.0.1:8096/healthz').then(() => true, () => false);
if (busy) throw new Error('port 8096 is already in use');
const app = start(process.execPath, [join(ROOT, 'dist/cli.js'), 'serve'], env, ROOT);
const stopAll = () => {
  app.child.kill('SIGTERM');
  hello?.child.kill('SIGTERM');
};
process.on('exit', stopAll);
let hello: ReturnType<typeof start> | undefined;
await waitReady('http://127.0.0.1:8096/healthz', performance.now(), 300_000);
hello = start(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/hello.ts')], { PORT: '8095' }, ROOT);
await waitReady('http://127.0.0.1:8095/', performance.now());
let qi = 0;
async function searchRps(seconds = 10): Promise<{ rps: number; p50: number; p99: number; non2xx: number }> {
  const r = await autocannon({
    url: 'http://127.0.0.1:8096',
    duration: seconds,
    connections: 20,
    requests: [{ setupRequest: (req) => ({ ...req, path: `/api/v1/search?q=${encodeURIComponent(qs[qi++ % qs.length] ?? '工作')}` }) }],
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx };
}
const rounds = 3;
const res = { hello: [] as number[], search: [] as number[], p50: [] as number[], p99: [] as number[], rss: [] as number[], non2xx: 0, wrkHello: [] as number[], wrkSearch: [] as number[] };
// wrk (C; far cheaper per request than autocannon on two cores) takes the 50 queries at random,
// with Accept-Encoding: gzip as HTTP libraries and browsers send.
const WRK = hasWrk();
const queryPaths = join(mkdtempSync(join(tmpdir(), 'gk-search-paths-')), 'paths.txt');
writeFileSync(queryPaths, qs.map((q) => `/api/v1/search?q=${encodeURIComponent(q)}`).join('\n') + '\n');
for (let i = 0; i < rounds; i++) {
  if (WRK) {
    res.wrkHello.push(wrkRps('http://127.0.0.1:8095/', { headers: { 'accept-encoding': 'gzip, deflate, br' } }).rps);
    const w = wrkRps('http://127.0.0.1:8096', { seconds: 10, headers: { 'accept-encoding': 'gzip, deflate, br' }, paths: queryPaths });
    res.wrkSearch.push(w.rps);
    res.non2xx += w.non2xx;
  }
  res.hello.push((await rps('http://127.0.0.1:8095/')).rps);
  const s = await searchRps();
  res.search.push(s.rps);
  res.p50.push(s.p50);
  res.p99.push(s.p99);
  res.non2xx += s.non2xx;
  res.rss.push(rssMiB(app.child.pid ?? 0));
}
await app.stop();
await hello.stop();
process.off('exit', stopAll);
const h = median(res.hello);
const s = median(res.search);
console.log(`\nGET /api/v1/search, the 50 queries in rotation, 20 connections, median of ${rounds} rounds of 10 s, ${load()}`);
console.log(`  hello-world ${h.toFixed(0)} req/s; search ${s.toFixed(0)} req/s (p50 ${median(res.p50)} ms, p99 ${median(res.p99)} ms, non-2xx ${res.non2xx}): ratio ${(s / h).toFixed(3)}`);
if (WRK) console.log(`  load from wrk (gzip accepted): hello-world ${median(res.wrkHello).toFixed(0)} req/s; search ${median(res.wrkSearch).toFixed(0)} req/s: ratio ${(median(res.wrkSearch) / median(res.wrkHello)).toFixed(3)}`);
console.log(`  server RSS while serving: ${median(res.rss).toFixed(0)} MiB (max ${Math.max(...res.rss).toFixed(0)})`);
const wrkRatio = WRK ? `, wrk ${(median(res.wrkSearch) / median(res.wrkHello)).toFixed(3)}` : '';
console.log(`\nsummary: ${imported ? `import ${Math.round(imported.count / (imported.ms / 1000))} documents/s; ` : ''}query median ${median(ms).toFixed(1)} ms, p95 ${pct(ms, 0.95).toFixed(1)} ms (CPU ${median(cpu).toFixed(1)} / ${pct(cpu, 0.95).toFixed(1)} ms); filtered median ${median(fms).toFixed(1)} ms, p95 ${pct(fms, 0.95).toFixed(1)} ms; API ratio autocannon ${(s / h).toFixed(3)}${wrkRatio}; RSS ${median(res.rss).toFixed(0)} MiB`);
