import { outcomeInfo } from '../../domain/requests/outcomes.js';
import { requestRepo } from '../../store/repos/request-repo.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { applyStep, loadRequest, todayAt } from './load.js';
import { notifyApplicant } from './notify.js';

/**
 * Art. 30: no supplement by the deadline without good reason, so the application is treated as
 * abandoned; counted as 其他处理 1. Only after the supplement deadline has passed. Needs `request.handle`.
 */
export async function markAbandoned(deps: Deps, actor: Actor, requestId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const ctx = await loadRequest(trx, actor, requestId, 'request.handle');
    const on = todayAt(deps, ctx.agency);
    const o = outcomeInfo('other.no_correction');
    const { req } = await applyStep(trx, deps, actor, ctx, { type: 'abandon', on }, { kind: 'abandoned', details: { outcome: o.code } }, { outcome_code: o.code });
    await requestRepo.insertOutcome(trx, {
      request_id: req.id, code: o.code, basis: o.basis, reply_text: '', linked_documents: '[]', replied_on: on,
      created_by: actorId(actor), created_at: deps.clock.now().toISOString(),
    });
    await notifyApplicant(trx, deps, req.id, 'request.closed', { tracking_number: req.tracking_number, outcome: o.code });
  });
}
