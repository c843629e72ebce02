import { parse } from 'csv-parse/sync';
import { AppError, invalid, type FieldIssue } from '../domain/errors.js';
import { isAgencyLevel } from '../domain/agency-rules.js';
import { agencyRepo } from '../store/repos/agency-repo.js';
import type { Actor } from './actor.js';
import { PROFILE_KEYS } from './agency-input.js';
import { createAgencyIn } from './create-agency.js';
import type { Deps } from './deps.js';

/** Columns of the agency CSV. `code`, `level`, `name_zh`, `name_en` are required; `parent_code` may be empty for a root. */
export const AGENCY_CSV_COLUMNS = ['code', 'parent_code', 'level', ...PROFILE_KEYS.filter((k) => k !== 'sort_order')] as const;

/**
 * Imports agencies from CSV (UTF-8, optional BOM, header row). Parents may be existing agencies or
 * rows earlier in the file. All-or-nothing: a single bad row aborts the whole import, and the error
 * names the line and field.
 */
export async function importAgencies(deps: Deps, actor: Actor, csv: string): Promise<{ created: number }> {
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[]; // columns:true yields string maps
  } catch (e) {
    throw invalid([{ field: 'csv', code: 'bad_csv', message: e instanceof Error ? e.message : String(e) }], 'bad_csv');
  }
  const header = records[0] ? Object.keys(records[0]) : [];
  const missing = ['code', 'level', 'name_zh', 'name_en'].filter((c) => !header.includes(c));
  if (records.length && missing.length) throw invalid(missing.map((m) => ({ field: `csv.${m}`, code: 'required' })), 'bad_csv');
  const unknown = header.filter((h) => !(AGENCY_CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) throw invalid(unknown.map((u) => ({ field: `csv.${u}`, code: 'unknown_field' })), 'bad_csv');
  return deps.db.transaction().execute(async (trx) => {
    let n = 0;
    for (const [i, r] of records.entries()) {
      const line = i + 2; // header is line 1
      const at = (issues: FieldIssue[]) => issues.map((f) => ({ ...f, field: `line ${line}: ${f.field}` }));
      const level = r.level ?? '';
      if (!isAgencyLevel(level)) throw invalid(at([{ field: 'level', code: 'invalid' }]), 'bad_csv');
      let parentId: string | null = null;
      if (r.parent_code) {
        const parent = await agencyRepo.byCode(trx, r.parent_code);
        if (!parent) throw invalid(at([{ field: 'parent_code', code: 'not_found' }]), 'bad_csv');
        parentId = parent.id;
      }
      const { parent_code: _parentCode, ...rest } = r;
      const input = { ...rest, code: r.code ?? '', name_zh: r.name_zh ?? '', name_en: r.name_en ?? '', level, parent_id: parentId };
      try {
        await createAgencyIn(trx, deps, actor, input);
      } catch (e) {
        if (e instanceof AppError && e.kind !== 'forbidden') throw invalid(at(e.fields.length ? e.fields : [{ field: 'row', code: e.code }]), 'bad_csv');
        throw e;
      }
      n++;
    }
    return { created: n };
  });
}
