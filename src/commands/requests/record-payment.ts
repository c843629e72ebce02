import { AppError, invalid } from '../../domain/errors.js';
import { requestRepo } from '../../store/repos/request-repo.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { applyStep, loadRequest, todayAt } from './load.js';

/** Records the payment of the open fee notice; `amountFen` must be its amount. Needs `request.handle`. */
export async function recordPayment(deps: Deps, actor: Actor, requestId: string, input: { amountFen: number }): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const ctx = await loadRequest(trx, actor, requestId, 'request.handle');
    const fee = await requestRepo.pendingFee(trx, ctx.req.id);
    if (!fee) throw new AppError('fee_not_pending');
    if (!Number.isSafeInteger(input.amountFen) || input.amountFen !== fee.amount_fen) throw invalid([{ field: 'amount_fen', code: 'mismatch', message: `the notice is for ${fee.amount_fen} fen` }]);
    const on = todayAt(deps, ctx.agency);
    await requestRepo.updateFee(trx, fee.id, { status: 'paid', paid_on: on, paid_fen: input.amountFen });
    await applyStep(trx, deps, actor, ctx, { type: 'fee_paid', on }, { kind: 'fee_paid', details: { amount_fen: input.amountFen } }, { fee_due_on: null });
  });
}
