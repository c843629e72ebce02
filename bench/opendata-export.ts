// The open-data export and the supervision table at volume: N published documents (default
// 100,000, copies of the demo documents with their bodies; bench/gen-documents.ts), then
// - `writeOpenDataFiles` into a directory (documents.jsonl/csv, attachments.csv, each also .gz):
//   wall time, rows, file sizes and the peak RSS (the export streams; memory must stay flat);
// - `refreshOpenData` into the blob store (what the daily job does), once;
// - `supervisionOverview` for the whole tree (one grouped query per measure).
// Usage: npx tsx bench/opendata-export.ts [documents]   (SQLite, or PostgreSQL with DATABASE_URL)
// To show the export's memory is bounded: node --max-old-space-size=128 --import tsx bench/opendata-export.ts
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { dropPostgresSchema } from '../src/store/dialect/dialect.js';
import { SYSTEM_ACTOR } from '../src/commands/actor.js';
import { seedDemo } from '../src/commands/seed-demo.js';
import { directorySink, writeOpenDataFiles } from '../src/commands/opendata/write-export.js';
import { refreshOpenData } from '../src/jobs/opendata-jobs.js';
import { supervisionOverview } from '../src/queries/supervision.js';
import { generateDocuments } from './gen-documents.js';

const TOTAL = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'gk-opendata-bench-'));
// With PostgreSQL, a schema of its own, dropped at the end.
const pgSchema = process.env.DATABASE_URL ? `bench_${randomBytes(4).toString('hex')}` : undefined;
const core = await openApp(loadConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'warn', DATABASE_URL: process.env.DATABASE_URL }), pgSchema ? { pgSchema } : {});
await seedDemo(core.deps);
let t0 = performance.now();
await generateDocuments(core.deps, TOTAL);
console.log(`generated ${TOTAL.toLocaleString('en')} documents in ${((performance.now() - t0) / 1000).toFixed(1)} s (${core.store.ops.kind})`);

let peak = process.memoryUsage().rss;
let heapPeak = process.memoryUsage().heapUsed;
const sample = setInterval(() => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  heapPeak = Math.max(heapPeak, m.heapUsed);
}, 50);
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
const before = process.memoryUsage().rss;
t0 = performance.now();
const r = await writeOpenDataFiles(core.deps, directorySink(join(dir, 'export')));
const ms = performance.now() - t0;
console.log(`export to a directory: ${r.documents.toLocaleString('en')} documents, ${r.attachments.toLocaleString('en')} attachments in ${(ms / 1000).toFixed(1)} s (${Math.round(r.documents / (ms / 1000)).toLocaleString('en')} documents/s); RSS ${mib(before)} before, peak ${mib(peak)}; peak JS heap ${mib(heapPeak)}`);
for (const f of r.files) console.log(`  ${f.name.padEnd(20)} ${mib(f.size).padStart(8)}  ${f.rows.toLocaleString('en')} rows`);
t0 = performance.now();
await refreshOpenData(core.deps, { trigger: 'cli' });
console.log(`refresh of the served files (blob store, with statistics): ${((performance.now() - t0) / 1000).toFixed(1)} s; peak RSS ${mib(peak)}`);
clearInterval(sample);
await supervisionOverview(core.deps, SYSTEM_ACTOR); // warm
t0 = performance.now();
const o = await supervisionOverview(core.deps, SYSTEM_ACTOR);
console.log(`supervision overview of ${o.rows.length} agencies: ${(performance.now() - t0).toFixed(0)} ms`);
await core.close();
if (pgSchema && process.env.DATABASE_URL) await dropPostgresSchema(process.env.DATABASE_URL, pgSchema);
