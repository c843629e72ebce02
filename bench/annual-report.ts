// The annual report and the statistics for one agency holding N documents (default 100,000) and
// M requests (default 10,000) spread over 2020–2025, written directly as the commands would leave
// them (documents; requests with their outcomes; appeals): no workflow, only to reach the volume.
// Times the report of 2025 (tables 二/三/四 with every identity and the carry-over), the agency's
// statistics page data, its subtree's, and the comparison across its parent's level.
// Usage: npx tsx bench/annual-report.ts [documents] [requests]   (SQLite, or PostgreSQL with DATABASE_URL)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Insertable } from 'kysely';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { seedDemo } from '../src/commands/seed-demo.js';
import { reportState } from '../src/commands/reports/report-state.js';
import { APPLICANT_TYPES } from '../src/domain/requests/applicant-types.js';
import { OUTCOME_CODES } from '../src/domain/requests/outcomes.js';
import { agencyStatistics, levelComparison } from '../src/queries/statistics.js';
import type { DocumentTable, RequestOutcomeTable, RequestTable } from '../src/store/schema.js';

const DOCS = Number(process.argv[2] ?? 100_000);
const REQS = Number(process.argv[3] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'gk-reportbench-'));
const core = await openApp(loadConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'warn', DATABASE_URL: process.env.DATABASE_URL }));
const db = core.deps.db;
await seedDemo(core.deps);
const agencies = await db.selectFrom('agencies').selectAll().orderBy('depth', 'desc').execute();
const agency = agencies.find((a) => a.parent_id !== null);
if (!agency) throw new Error('seed the demo first');
const parent = agencies.find((a) => a.id === agency.parent_id);
if (!parent) throw new Error('no parent');

const day = (k: number, year: number) => `${year}-${String(1 + (k % 12)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`;
const genres = ['notices', 'notices', 'plans', 'statistics', 'budgets', 'licensing', 'regulations', 'normative', 'other', 'interpretation'];
let t0 = performance.now();
for (let done = 0; done < DOCS; ) {
  const rows: Insertable<DocumentTable>[] = [];
  for (let i = 0; i < 1000 && done < DOCS; i++, done++) {
    const year = 2020 + (done % 6);
    const formed = day(done, year);
    const at = `${formed}T02:00:00.000Z`;
    const repealed = done % 37 === 0;
    rows.push({ id: `rb-doc-${done}`, agency_id: agency.id, index_number: `${agency.code}/${year}-${String(90_000 + done)}`, index_year: year, index_serial: 90_000 + done, status: 'published', current_version: 1, current_revision_id: null, title: `文件${done}`, doc_number: '', genre: genres[done % genres.length] ?? 'other', theme_code: 'general.openness', date_formed: formed, is_normative: done % 10 === 7 ? 1 : 0, interprets_id: null, first_published_at: at, published_date: formed, last_published_at: at, timeliness_days: done % 30, validity: repealed ? 'repealed' : 'valid', validity_date: repealed ? day(done + 3, Math.min(2025, year + 1)) : null, validity_note: '', created_by: 'bench', version: 1, created_at: at, updated_at: at });
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 100) await trx.insertInto('documents').values(rows.slice(i, i + 100)).execute();
  });
}
for (let done = 0; done < REQS; ) {
  const reqs: Insertable<RequestTable>[] = [];
  const outs: Insertable<RequestOutcomeTable>[] = [];
  for (let i = 0; i < 500 && done < REQS; i++, done++) {
    const year = 2020 + (done % 6);
    const received = day(done, year);
    const at = `${received}T02:00:00.000Z`;
    const open = done % 50 === 0;
    const replied = day(done + 1, done % 12 === 11 ? Math.min(year + 1, 2026) : year);
    const id = `rb-req-${done}`;
    reqs.push({ id, agency_id: agency.id, regime: 'cn-ogi', tracking_number: `YSQ-B-${done}`, token_hash: 'x', state: open ? 'in_progress' : 'replied', applicant_type: APPLICANT_TYPES[done % APPLICANT_TYPES.length] ?? 'natural_person', title: '申请', doc_number: '', other_features: '', description_key: `d${done}`, form_wanted: 'electronic', delivery_wanted: 'email', channel: 'in_person', submitted_at: at, submitted_on: received, received_on: received, repeat_of_id: null, officer_id: null, due_date: day(done + 2, year), clock_status: null, correction_notice_due_by: null, supplement_by: null, extensions_granted: done % 9 === 0 ? 1 : 0, extension_days_granted: 0, corrections_requested: 0, fee_due_on: null, outcome_code: open ? null : (OUTCOME_CODES[done % OUTCOME_CODES.length] ?? 'disclosed'), replied_on: open ? null : replied, closed_on: null, version: 1, created_at: at, updated_at: at });
    if (!open) outs.push({ request_id: id, code: OUTCOME_CODES[done % OUTCOME_CODES.length] ?? 'disclosed', basis: '', reply_text: '', linked_documents: '[]', replied_on: replied < received ? received : replied, created_by: null, created_at: at });
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < reqs.length; i += 100) await trx.insertInto('requests').values(reqs.slice(i, i + 100)).execute();
    for (let i = 0; i < outs.length; i += 100) await trx.insertInto('request_outcomes').values(outs.slice(i, i + 100)).execute();
  });
}
console.log(`generated ${DOCS.toLocaleString('en')} documents and ${REQS.toLocaleString('en')} requests for ${agency.name_zh} in ${((performance.now() - t0) / 1000).toFixed(1)} s (${core.store.ops.kind})`);

const time = async (label: string, fn: () => Promise<unknown>) => {
  await fn(); // warm
  const runs = 3;
  t0 = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  console.log(`  ${label}: ${((performance.now() - t0) / runs).toFixed(0)} ms`);
};
const state = await reportState(db, agency, 2025);
console.log(`2025 report: 一 ${state.figures.table3.new[6]}, 二 ${state.figures.table3.carried_over[6]}, （七） ${state.figures.table3.total[6]}, 四 ${state.figures.table3.carried_forward[6]}; broken identities: ${state.identities.filter((i) => !i.holds).length}`);
await time('annual report 2025 (tables 二/三/四, identities, carry-over)', () => reportState(db, agency, 2025));
await time('statistics 2025, agency', () => agencyStatistics(core.deps, agency.code, 2025, 'agency'));
await time('statistics 2025, subtree of the parent', () => agencyStatistics(core.deps, parent.code, 2025, 'subtree'));
await time('comparison across the parent level', () => levelComparison(core.deps, parent.code, 2025));
await core.close();
