import { AppError } from '../domain/errors.js';
import { agencyRepo } from '../store/repos/agency-repo.js';
import { recordAgencyChange } from './record-agency-change.js';
import type { Agency } from '../store/schema.js';
import { authorize, type Actor } from './actor.js';
import type { Deps } from './deps.js';

/**
 * Closes (or reopens) an agency. Agencies are never deleted: a closed agency keeps its pages,
 * records and history, and takes no new content. Closing needs its open children closed first;
 * reopening needs an open parent.
 */
export async function setAgencyOpen(deps: Deps, actor: Actor, id: string, expectedVersion: number, open: boolean): Promise<Agency> {
  return deps.db.transaction().execute(async (trx) => {
    const cur = await agencyRepo.byId(trx, id);
    if (!cur) throw new AppError('agency_not_found');
    authorize(actor, 'agency.read', cur.path);
    authorize(actor, 'agency.manage', cur.path);
    if ((cur.status === 'open') === open) return cur;
    if (cur.version !== expectedVersion) throw new AppError('stale_version');
    if (!open && (await agencyRepo.countOpenChildren(trx, id)) > 0) throw new AppError('agency_has_open_children');
    if (open && cur.parent_id) {
      const parent = await agencyRepo.byId(trx, cur.parent_id);
      if (parent?.status === 'closed') throw new AppError('agency_closed');
    }
    const at = deps.clock.now().toISOString();
    const ok = await agencyRepo.updateVersioned(trx, id, expectedVersion, {
      status: open ? 'open' : 'closed',
      closed_at: open ? null : at,
      updated_at: at,
    });
    if (!ok) throw new AppError('stale_version');
    await recordAgencyChange(trx, deps, actor, {
      agencyId: id,
      at,
      history: open ? 'reopen' : 'close',
      audit: open ? 'agency.reopen' : 'agency.close',
      before: { status: cur.status },
      after: { status: open ? 'open' : 'closed' },
    });
    const next = await agencyRepo.byId(trx, id);
    if (!next) throw new AppError('agency_not_found');
    return next;
  });
}
