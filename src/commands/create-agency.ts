import { AppError, invalid, type FieldIssue } from '../domain/errors.js';
import { checkProfile, isTimeZone, levelAllowedUnder } from '../domain/agency-rules.js';
import { validateAgencyCode } from '../domain/uscc.js';
import { isUniqueViolation } from '../store/dialect/dialect.js';
import { agencyRepo } from '../store/repos/agency-repo.js';
import { recordAgencyChange } from './record-agency-change.js';
import type { Agency, Exec } from '../store/schema.js';
import { authorize, type Actor } from './actor.js';
import type { CreateAgencyInput } from './agency-input.js';
import type { Deps } from './deps.js';

/**
 * Creates an agency under `parent_id` (or a root, for the system actor only). Validates the code
 * (an 18-character unified social credit code is checked digit by digit), the level rules and the
 * disclosure-guide fields; records history and audit in the same transaction.
 */
export async function createAgency(deps: Deps, actor: Actor, input: CreateAgencyInput): Promise<Agency> {
  return deps.db.transaction().execute((trx) => createAgencyIn(trx, deps, actor, input));
}

/** `createAgency` inside a transaction the caller owns (used by bulk import to stay all-or-nothing). */
export async function createAgencyIn(trx: Exec, deps: Deps, actor: Actor, input: CreateAgencyInput): Promise<Agency> {
  const issues: FieldIssue[] = checkProfile(input);
  const code = validateAgencyCode(input.code.trim());
  if (!code.ok) issues.push({ field: 'code', code: `bad_code_${code.reason}` });
  const tz = input.time_zone || deps.defaultTimeZone;
  if (!isTimeZone(tz)) issues.push({ field: 'time_zone', code: 'bad_time_zone' });
  if (issues.length) throw invalid(issues);
  const normalizedCode = code.ok ? code.normalized : input.code;

  {
    let parent: Agency | undefined;
    if (input.parent_id) {
      parent = await agencyRepo.byId(trx, input.parent_id);
      if (!parent) throw invalid([{ field: 'parent_id', code: 'not_found' }], 'bad_agency_parent');
      authorize(actor, 'agency.manage', parent.path);
      if (parent.status === 'closed') throw new AppError('agency_closed');
    } else if (actor.type !== 'system') {
      throw new AppError('forbidden', { message: 'only the operator creates top-level agencies' });
    }
    if (!levelAllowedUnder(parent ? (parent.level as Agency['level']) : null, input.level)) {
      throw invalid([{ field: 'level', code: 'level_not_allowed_here' }], 'bad_agency_parent');
    }
    const id = deps.newId();
    const at = deps.clock.now().toISOString();
    const row = {
      id,
      parent_id: parent?.id ?? null,
      code: normalizedCode,
      kind: input.level === 'department' ? ('department' as const) : ('government' as const),
      level: input.level,
      name_zh: input.name_zh.trim(),
      name_en: input.name_en.trim(),
      office_name_zh: input.office_name_zh ?? '',
      office_name_en: input.office_name_en ?? '',
      address_zh: input.address_zh ?? '',
      address_en: input.address_en ?? '',
      postcode: input.postcode ?? '',
      office_hours_zh: input.office_hours_zh ?? '',
      office_hours_en: input.office_hours_en ?? '',
      phone: input.phone ?? '',
      fax: input.fax ?? '',
      email: input.email ?? '',
      website: input.website ?? '',
      time_zone: tz,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: (parent?.depth ?? -1) + 1,
      sort_order: input.sort_order ?? 0,
      status: 'open' as const,
      closed_at: null,
      is_demo: input.is_demo ? 1 : 0,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    try {
      await agencyRepo.insert(trx, row);
    } catch (e) {
      if (isUniqueViolation(e)) throw invalid([{ field: 'code', code: 'duplicate' }], 'duplicate_agency_code');
      throw e;
    }
    await recordAgencyChange(trx, deps, actor, {
      agencyId: id,
      at,
      history: 'create',
      audit: 'agency.create',
      before: null,
      after: row,
      detail: { code: row.code, name_zh: row.name_zh },
    });
    return row;
  }
}
