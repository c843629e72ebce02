import { AppError, invalid } from '../domain/errors.js';
import { levelAllowedUnder } from '../domain/agency-rules.js';
import { agencyRepo } from '../store/repos/agency-repo.js';
import { recordAgencyChange } from './record-agency-change.js';
import type { Agency } from '../store/schema.js';
import { authorize, type Actor } from './actor.js';
import type { Deps } from './deps.js';

/**
 * Moves an agency (with its subtree) under a new parent. The actor must manage both the current
 * and the new parent's scope. Refuses cycles, closed targets and level-rule violations; rewrites
 * the materialised paths of the whole subtree in the same transaction and records history.
 */
export async function moveAgency(deps: Deps, actor: Actor, id: string, expectedVersion: number, newParentId: string): Promise<Agency> {
  return deps.db.transaction().execute(async (trx) => {
    const cur = await agencyRepo.byId(trx, id);
    if (!cur) throw new AppError('agency_not_found');
    authorize(actor, 'agency.read', cur.path);
    const parent = await agencyRepo.byId(trx, newParentId);
    if (!parent) throw invalid([{ field: 'parent_id', code: 'not_found' }], 'bad_agency_parent');
    const oldParent = cur.parent_id ? await agencyRepo.byId(trx, cur.parent_id) : undefined;
    // Moving needs management rights where it leaves and where it arrives.
    authorize(actor, 'agency.manage', oldParent?.path ?? cur.path);
    authorize(actor, 'agency.manage', parent.path);
    if (cur.status === 'closed' || parent.status === 'closed') throw new AppError('agency_closed');
    if (parent.path.startsWith(cur.path)) throw invalid([{ field: 'parent_id', code: 'cycle' }], 'agency_cycle');
    if (parent.id === cur.parent_id) return cur;
    if (!levelAllowedUnder(parent.level, cur.level)) throw invalid([{ field: 'parent_id', code: 'level_not_allowed_here' }], 'bad_agency_parent');
    if (cur.version !== expectedVersion) throw new AppError('stale_version');
    const at = deps.clock.now().toISOString();
    const ok = await agencyRepo.updateVersioned(trx, id, expectedVersion, { parent_id: parent.id, updated_at: at });
    if (!ok) throw new AppError('stale_version');
    const newPath = `${parent.path}${cur.id}/`;
    const depthDelta = parent.depth + 1 - cur.depth;
    for (const a of await agencyRepo.subtree(trx, cur.path, { includeClosed: true })) {
      await agencyRepo.setPath(trx, a.id, newPath + a.path.slice(cur.path.length), a.depth + depthDelta);
    }
    await recordAgencyChange(trx, deps, actor, {
      agencyId: id,
      at,
      history: 'move',
      audit: 'agency.move',
      before: { parent_id: cur.parent_id, parent_code: oldParent?.code ?? null },
      after: { parent_id: parent.id, parent_code: parent.code },
      detail: { from: oldParent?.code ?? null, to: parent.code },
    });
    const next = await agencyRepo.byId(trx, id);
    if (!next) throw new AppError('agency_not_found');
    return next;
  });
}
