import { compareDates, isIsoDate } from '../../domain/calendar/iso-date.js';
import { invalid } from '../../domain/errors.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { applyStep, loadRequest, todayAt } from './load.js';
import { notifyApplicant } from './notify.js';

/**
 * Records that the office and the applicant confirmed the application (Art. 31: online, fax and
 * ordinary mail are received on that day). `on` defaults to today and may not be in the future or
 * before the submission. Needs `request.handle`; the confirming officer takes the request unless
 * one already has it. The reply period starts here.
 */
export async function confirmReceipt(deps: Deps, actor: Actor, requestId: string, opts: { on?: string } = {}): Promise<{ receivedOn: string; dueDate: string | null }> {
  return deps.db.transaction().execute(async (trx) => {
    const ctx = await loadRequest(trx, actor, requestId, 'request.handle');
    const today = todayAt(deps, ctx.agency);
    const on = opts.on ?? today;
    if (!isIsoDate(on) || compareDates(on, today) > 0 || compareDates(on, ctx.req.submitted_on) < 0) throw invalid([{ field: 'on', code: 'bad_date' }]);
    const { req } = await applyStep(trx, deps, actor, ctx, { type: 'confirm_receipt', on }, { kind: 'received', details: { channel: ctx.req.channel } }, {
      received_on: on,
      officer_id: ctx.req.officer_id ?? actorId(actor),
    });
    await notifyApplicant(trx, deps, req.id, 'request.receipt_confirmed', { tracking_number: req.tracking_number, received_on: on, due_date: req.due_date });
    return { receivedOn: on, dueDate: req.due_date };
  });
}
