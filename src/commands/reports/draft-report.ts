import { AppError, invalid, type FieldIssue } from '../../domain/errors.js';
import { isCell } from '../../domain/reports/identities.js';
import { TABLE2_STAFF_ROWS } from '../../domain/reports/report-format.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import { appendAudit } from '../../store/repos/audit-repo.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import { reportRepo } from '../../store/repos/report-repo.js';
import type { Agency, AnnualReportRow, Exec } from '../../store/schema.js';
import { actorId, authorize, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { reportState } from './report-state.js';

/** The years a report may be drafted for. */
export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2008 || year > 2200) throw invalid([{ field: 'year', code: 'invalid' }]);
}

/**
 * Loads the agency (needs `document.edit` there: the report becomes a document) and its report row
 * for `year`, creating the draft row when there is none. A report submitted for publication is
 * frozen: refused with `report_published` once published and `report_in_review` while in review;
 * if the review sent it back (its revision is a draft again), the draft reopens.
 */
export async function editableReport(trx: Exec, deps: Deps, actor: Actor, agencyId: string, year: number): Promise<{ agency: Agency; row: AnnualReportRow }> {
  checkYear(year);
  const agency = await agencyRepo.byId(trx, agencyId);
  if (!agency) throw new AppError('agency_not_found');
  authorize(actor, 'document.edit', agency.path);
  const at = deps.clock.now().toISOString();
  let row = await reportRepo.byAgencyYear(trx, agency.id, year);
  if (!row) {
    await reportRepo.insert(trx, { id: deps.newId(), agency_id: agency.id, year, section1: '', section5: '', section6: '', version: 1, created_by: actorId(actor), created_at: at, updated_at: at });
    row = await reportRepo.byAgencyYear(trx, agency.id, year);
    if (!row) throw new AppError('not_found');
    await audit(trx, actor, at, 'report.create', row);
  }
  if (row.snapshot !== null && row.document_id !== null) {
    const doc = await documentRepo.documentById(trx, row.document_id);
    if (doc?.status === 'published') throw new AppError('report_published');
    const open = await documentRepo.openRevision(trx, row.document_id);
    if (open && open.state !== 'draft') throw new AppError('report_in_review');
    if (!(await reportRepo.updateVersioned(trx, row.id, row.version, { snapshot: null, submitted_at: null, updated_at: at }))) throw new AppError('stale_version');
    row = { ...row, snapshot: null, submitted_at: null, version: row.version + 1 };
  }
  return { agency, row };
}

/** Writes the staff audit entry of a report action. */
export async function audit(trx: Exec, actor: Actor, at: string, action: string, row: AnnualReportRow, detail: Record<string, unknown> = {}): Promise<void> {
  await appendAudit(trx, { at, actorId: actorId(actor), actorUsername: actor.username, action, targetType: 'annual_report', targetId: row.id, agencyId: row.agency_id, ip: actor.ip, detail: { year: row.year, ...detail } });
}

/** The staff-written sections (plain text; blank lines separate paragraphs). */
export interface SectionsInput {
  section1?: string;
  section5?: string;
  section6?: string;
}

/** Saves sections 一, 五 and 六 of the draft (creating the draft if needed). */
export async function saveReportSections(deps: Deps, actor: Actor, agencyId: string, year: number, input: SectionsInput): Promise<void> {
  const issues: FieldIssue[] = [];
  const clean = (field: keyof SectionsInput): string | undefined => {
    const v = input[field];
    if (v === undefined) return undefined;
    const s = v.replace(/\r\n/g, '\n').trim();
    if (s.length > 50_000) issues.push({ field, code: 'too_long' });
    return s;
  };
  const patch = { section1: clean('section1'), section5: clean('section5'), section6: clean('section6') };
  if (issues.length) throw invalid(issues);
  await deps.db.transaction().execute(async (trx) => {
    const { row } = await editableReport(trx, deps, actor, agencyId, year);
    const at = deps.clock.now().toISOString();
    const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (!(await reportRepo.updateVersioned(trx, row.id, row.version, { ...set, updated_at: at }))) throw new AppError('stale_version');
    await audit(trx, actor, at, 'report.save_sections', row, { sections: Object.keys(set) });
  });
}

/** Parses 万元 as typed (up to six decimals) into fen; null when malformed. */
export function wanToFen(s: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(s.trim());
  if (!m) return null;
  return Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0'));
}

/** Table 二 figures staff enter (Art. 20(5), (6), (8)); the fee in 万元 as typed. */
export interface StaffFiguresInput {
  licensing?: number;
  penalty?: number;
  enforcement?: number;
  feeWan?: string;
}

/** Records the staff-entered figures of table 二 (each an audited `entry`). */
export async function enterStaffFigures(deps: Deps, actor: Actor, agencyId: string, year: number, input: StaffFiguresInput): Promise<void> {
  const issues: FieldIssue[] = [];
  const values: [string, number][] = [];
  for (const key of ['licensing', 'penalty', 'enforcement'] as const) {
    const v = input[key];
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < 0 || v > 1e9) issues.push({ field: key, code: 'invalid' });
    else values.push([key, v]);
  }
  if (input.feeWan !== undefined) {
    const fen = wanToFen(input.feeWan);
    if (fen === null) issues.push({ field: 'fees', code: 'invalid' });
    else values.push(['fees', fen]);
  }
  if (issues.length) throw invalid(issues);
  await deps.db.transaction().execute(async (trx) => {
    const { row } = await editableReport(trx, deps, actor, agencyId, year);
    const at = deps.clock.now().toISOString();
    for (const [key, value] of values) {
      if (!TABLE2_STAFF_ROWS.includes(key as (typeof TABLE2_STAFF_ROWS)[number])) continue; // keys come from the fixed list above
      await reportRepo.appendFigure(trx, { id: deps.newId(), report_id: row.id, kind: 'entry', table_key: 'table2', row_key: key, col: 0, value, computed: null, reason: '', actor_id: actorId(actor), actor_name: actor.username, at });
    }
    await audit(trx, actor, at, 'report.enter_figures', row, Object.fromEntries(values));
  });
}

/** One correction as staff submit it: `value` null withdraws an earlier correction. */
export interface CorrectionInput {
  table: string;
  row: string;
  column: number;
  value: number | null;
  reason: string;
}

/**
 * Corrects one cell of the draft, with a reason (4–1000 characters), recording the figure the
 * records give beside it. Totals are not recomputed: an inconsistent correction shows as a broken
 * identity and blocks publication until the other cells are corrected too.
 */
export async function correctFigure(deps: Deps, actor: Actor, agencyId: string, year: number, input: CorrectionInput): Promise<void> {
  const reason = input.reason.trim();
  const issues: FieldIssue[] = [];
  if (!isCell(input.table, input.row, input.column)) issues.push({ field: 'cell', code: 'bad_cell' });
  if (input.value !== null && (!Number.isInteger(input.value) || input.value < 0 || input.value > 1e9)) issues.push({ field: 'value', code: 'invalid' });
  if (reason.length < 4) issues.push({ field: 'reason', code: 'required' });
  if (reason.length > 1000) issues.push({ field: 'reason', code: 'too_long' });
  if (issues.length) throw invalid(issues);
  await deps.db.transaction().execute(async (trx) => {
    const { agency, row } = await editableReport(trx, deps, actor, agencyId, year);
    const state = await reportState(trx, agency, year);
    const table: Record<string, number[]> = state.computed[input.table as 'table2' | 'table3' | 'table4']; // checked by isCell
    const computed = table[input.row]?.[input.column] ?? null;
    const at = deps.clock.now().toISOString();
    await reportRepo.appendFigure(trx, { id: deps.newId(), report_id: row.id, kind: 'correction', table_key: input.table, row_key: input.row, col: input.column, value: input.value, computed, reason, actor_id: actorId(actor), actor_name: actor.username, at });
    await audit(trx, actor, at, 'report.correct', row, { table: input.table, row: input.row, column: input.column, value: input.value, computed, reason });
  });
}
