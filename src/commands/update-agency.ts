import { AppError, invalid } from '../domain/errors.js';
import { checkProfile, isTimeZone } from '../domain/agency-rules.js';
import { agencyRepo } from '../store/repos/agency-repo.js';
import { recordAgencyChange } from './record-agency-change.js';
import type { Agency } from '../store/schema.js';
import { authorize, type Actor } from './actor.js';
import { NAME_FIELDS, PROFILE_KEYS, type AgencyProfileInput } from './agency-input.js';
import type { Deps } from './deps.js';

/**
 * Changes an agency's names and disclosure-guide details. A rename needs `agency.manage`; the
 * office details need `agency.edit_profile`. `expectedVersion` guards against lost updates: a
 * stale version is refused with `stale_version`. Unchanged input records nothing.
 */
export async function updateAgency(
  deps: Deps,
  actor: Actor,
  id: string,
  expectedVersion: number,
  patch: AgencyProfileInput,
): Promise<Agency> {
  const issues = checkProfile(patch);
  if (patch.time_zone !== undefined && !isTimeZone(patch.time_zone)) issues.push({ field: 'time_zone', code: 'bad_time_zone' });
  if (issues.length) throw invalid(issues);
  return deps.db.transaction().execute(async (trx) => {
    const cur = await agencyRepo.byId(trx, id);
    if (!cur) throw new AppError('agency_not_found');
    authorize(actor, 'agency.read', cur.path);
    const changed: AgencyProfileInput = {};
    for (const k of PROFILE_KEYS) {
      if (k === 'sort_order') {
        if (patch.sort_order !== undefined && patch.sort_order !== cur.sort_order) changed.sort_order = patch.sort_order;
        continue;
      }
      const v = patch[k];
      if (v === undefined) continue;
      const nv = v.trim();
      if (nv !== cur[k]) changed[k] = nv;
    }
    const keys = Object.keys(changed);
    if (keys.length === 0) return cur;
    const renaming = NAME_FIELDS.some((k) => k in changed);
    authorize(actor, renaming ? 'agency.manage' : 'agency.edit_profile', cur.path);
    if (cur.status === 'closed') throw new AppError('agency_closed');
    if (cur.version !== expectedVersion) throw new AppError('stale_version');
    const at = deps.clock.now().toISOString();
    const ok = await agencyRepo.updateVersioned(trx, id, expectedVersion, { ...changed, updated_at: at });
    if (!ok) throw new AppError('stale_version');
    const before = Object.fromEntries(keys.map((k) => [k, cur[k as keyof Agency]]));
    await recordAgencyChange(trx, deps, actor, {
      agencyId: id,
      at,
      history: renaming ? 'rename' : 'update',
      audit: renaming ? 'agency.rename' : 'agency.update',
      before,
      after: changed,
      detail: { fields: keys },
    });
    const next = await agencyRepo.byId(trx, id);
    if (!next) throw new AppError('agency_not_found');
    return next;
  });
}
