import { invalid } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { applyStep, loadRequest, todayAt } from './load.js';
import { notifyApplicant } from './notify.js';

/** An extension of the reply period. */
export interface ExtensionInput {
  days: number;
  /** Who approved it: Art. 33, the head of the disclosure office. */
  approver: string;
  reason: string;
}

/**
 * Extends the reply period (Art. 33: once, by at most 20 working days under cn-ogi, approved by the
 * head of the disclosure office; the applicant is told). Refused beyond the regime's maximum
 * (`extension_exceeds_maximum`), a second time (`extension_already_granted`) or after the period
 * ended. Needs `request.handle`. Returns the new due date.
 */
export async function extendRequest(deps: Deps, actor: Actor, requestId: string, input: ExtensionInput): Promise<{ dueDate: string | null }> {
  const reason = input.reason.trim();
  const approver = input.approver.trim();
  if (!reason || reason.length > 2000) throw invalid([{ field: 'reason', code: reason ? 'too_long' : 'required' }]);
  if (approver.length > 100) throw invalid([{ field: 'approver', code: 'too_long' }]);
  return deps.db.transaction().execute(async (trx) => {
    const ctx = await loadRequest(trx, actor, requestId, 'request.handle');
    const on = todayAt(deps, ctx.agency);
    const { req } = await applyStep(trx, deps, actor, ctx, { type: 'extend', on, days: input.days, approver }, {
      kind: 'extended',
      details: { days: input.days, approver, reason },
    }, { extensions_granted: ctx.req.extensions_granted + 1, extension_days_granted: ctx.req.extension_days_granted + input.days });
    await notifyApplicant(trx, deps, req.id, 'request.extended', { tracking_number: req.tracking_number, days: input.days, due_date: req.due_date });
    return { dueDate: req.due_date };
  });
}
