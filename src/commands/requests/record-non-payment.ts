import { AppError } from '../../domain/errors.js';
import { outcomeInfo } from '../../domain/requests/outcomes.js';
import { requestRepo } from '../../store/repos/request-repo.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { applyStep, loadRequest, todayAt } from './load.js';
import { notifyApplicant } from './notify.js';

/**
 * The fee was not paid by the deadline: the request is no longer handled and is closed as
 * 其他处理 2 (国办函〔2020〕109号). Refused before the payment deadline has passed
 * (`payment_deadline_not_passed`). Needs `request.handle`.
 */
export async function recordNonPayment(deps: Deps, actor: Actor, requestId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const ctx = await loadRequest(trx, actor, requestId, 'request.handle');
    const fee = await requestRepo.pendingFee(trx, ctx.req.id);
    if (!fee) throw new AppError('fee_not_pending');
    const on = todayAt(deps, ctx.agency);
    const o = outcomeInfo('other.fee_unpaid');
    const { req } = await applyStep(trx, deps, actor, ctx, { type: 'fee_unpaid', on }, { kind: 'fee_unpaid', details: { outcome: o.code, due_on: fee.due_on } }, {
      outcome_code: o.code,
      closed_on: on,
      fee_due_on: null,
    });
    await requestRepo.updateFee(trx, fee.id, { status: 'unpaid' });
    await requestRepo.insertOutcome(trx, {
      request_id: req.id, code: o.code, basis: o.basis, reply_text: '', linked_documents: '[]', replied_on: on,
      created_by: actorId(actor), created_at: deps.clock.now().toISOString(),
    });
    await notifyApplicant(trx, deps, req.id, 'request.closed', { tracking_number: req.tracking_number, outcome: o.code });
  });
}
