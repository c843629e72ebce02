// Transparency log at 1,000,000 entries: append throughput (batched, a signed checkpoint after
// every batch, i.e. more often than once a second), the time to build an inclusion proof, and the
// time of `gongkai audit` (when it exists). Usage: npx tsx bench/tlog.ts [entries]
// Uses SQLite, or PostgreSQL when DATABASE_URL is set.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { canonicalJson } from '../src/domain/documents/content.js';
import { entryProof } from '../src/queries/tlog.js';
import { median } from './lib.js';
import { auditTree } from '../src/commands/audit-tree.js';
import { parseNoteVerifierKey } from '../src/tlog/note-keys.js';

const TOTAL = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'gk-tlogbench-'));
const core = await openApp(loadConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'warn', DATABASE_URL: process.env.DATABASE_URL }));
const tlog = core.tlog;
if (!tlog) throw new Error('no log');
const db = core.deps.db;

// Realistic entries (~450 bytes), queued the way commands queue them.
const t0 = performance.now();
for (let done = 0; done < TOTAL; ) {
  const n = Math.min(5_000, TOTAL - done);
  const rows: { event_id: string; document_id: null; entry: string; leaf_index: null; created_at: string }[] = [];
  for (let i = 0; i < n; i++) {
    const k = done + i;
    const entry = canonicalJson({
      schema: 'gongkai/v1', instance: 'bench.gongkai.test', agency: '11990100MB0000000X', kind: 'document',
      index_number: `11990100MB0000000X/${2020 + (k % 6)}-${String((k % 99_999) + 1).padStart(5, '0')}`, version: 1, action: 'publish',
      at: new Date(Date.UTC(2026, 0, 1) + k * 1000).toISOString(), content_sha256: k.toString(16).padStart(64, '0'),
      attachments: [{ name: '附件.pdf', sha256: (k * 7).toString(16).padStart(64, '0') }],
    });
    rows.push({ event_id: `bench-${k}`, document_id: null, entry, leaf_index: null, created_at: '2026-01-01T00:00:00.000Z' });
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('tlog_entries').values(rows.slice(i, i + 500)).execute();
  });
  done += n;
}
const queueMs = performance.now() - t0;

// Sequencing: batches of 5,000 with a signed checkpoint after each.
const s0 = performance.now();
let integrated = 0;
let checkpoints = 0;
for (;;) {
  const r = await tlog.sequencer.step();
  if (r.integrated === 0) break;
  integrated += r.integrated;
  checkpoints += 1;
}
const seqMs = performance.now() - s0;

// Inclusion proofs for random entries, as the proof API builds them.
const proofMs: number[] = [];
for (let i = 0; i < 2_000; i++) {
  const k = Math.floor(Math.random() * TOTAL);
  const p0 = performance.now();
  const p = await entryProof(core.deps, tlog, `bench-${k}`);
  proofMs.push(performance.now() - p0);
  if (!p || p.pending) throw new Error(`no proof for ${k}`);
}
proofMs.sort((a, b) => a - b);

// The tree part of `gongkai audit`: every leaf hash recomputed from its entry, every stored hash
// and the checkpoint compared (the entry part needs documents: see bench/audit.ts).
const a0 = performance.now();
const problems: string[] = [];
const counts = await auditTree(db, parseNoteVerifierKey(tlog.verifierKey), { report: (kind) => void problems.push(kind), progress: () => undefined });
const auditMs = performance.now() - a0;

console.log(`\nTransparency log, ${core.store.ops.kind}, ${TOTAL.toLocaleString('en')} entries`);
console.log(`  queueing (inserting pending rows):  ${(queueMs / 1000).toFixed(1)} s`);
console.log(`  sequencing: ${integrated.toLocaleString('en')} entries in ${(seqMs / 1000).toFixed(1)} s = ${Math.round(integrated / (seqMs / 1000)).toLocaleString('en')} entries/s, ${checkpoints} signed checkpoints`);
console.log(`  inclusion proof (entry + proof + checkpoint, 2,000 random): median ${median(proofMs).toFixed(2)} ms, p99 ${(proofMs[Math.floor(proofMs.length * 0.99)] ?? 0).toFixed(2)} ms`);
console.log(`  audit of the tree (recompute ${counts.treeSize.toLocaleString('en')} leaves, compare every stored hash and the checkpoint): ${(auditMs / 1000).toFixed(1)} s, ${problems.length} problems`);
await core.close();
