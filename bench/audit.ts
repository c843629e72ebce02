// `gongkai audit` over a realistic store: N published documents (default 100,000) with their log
// entries, sequenced and signed, then the whole audit (every entry rebuilt from the database,
// every attachment re-hashed, the tree recomputed and compared with every stored hash and the
// checkpoint). Usage: npx tsx bench/audit.ts [documents]   (SQLite, or PostgreSQL with DATABASE_URL)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { auditLog } from '../src/commands/audit-log.js';
import { seedDemo } from '../src/commands/seed-demo.js';
import { parseNoteVerifierKey } from '../src/tlog/note-keys.js';
import { generateDocuments } from './gen-documents.js';

const TOTAL = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'gk-auditbench-'));
const core = await openApp(loadConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'warn', DATABASE_URL: process.env.DATABASE_URL }));
const tlog = core.tlog;
if (!tlog) throw new Error('no log');
await seedDemo(core.deps);
await generateDocuments(core.deps, TOTAL, { logEntries: true });
for (;;) if ((await tlog.sequencer.step()).integrated === 0) break;
const t0 = performance.now();
const report = await auditLog(core.deps, parseNoteVerifierKey(tlog.verifierKey));
const ms = performance.now() - t0;
console.log(`\ngongkai audit, ${core.store.ops.kind}: ${report.events.toLocaleString('en')} events, ${report.entries.toLocaleString('en')} entries, ${report.blobs} attachment files`);
console.log(`  ${(ms / 1000).toFixed(1)} s (${Math.round(report.events / (ms / 1000)).toLocaleString('en')} events/s), ${report.ok ? 'clean' : `${report.divergences.length} divergences (first: ${report.divergences[0]?.kind})`}`);
await core.close();
