import { compareDates, isIsoDate } from '../../domain/calendar/iso-date.js';
import { invalid } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { applyStep, loadRequest, todayAt } from './load.js';

/**
 * Records the applicant's supplement (Art. 30): the reply period counts afresh from `on` (default
 * today; not in the future). Needs `request.handle`. A supplement after the deadline is accepted
 * with a `supplement_late` warning in the deadlines, since the applicant may have had good reason.
 */
export async function recordSupplement(deps: Deps, actor: Actor, requestId: string, opts: { on?: string; note?: string } = {}): Promise<{ dueDate: string | null }> {
  const note = (opts.note ?? '').trim();
  if (note.length > 4000) throw invalid([{ field: 'note', code: 'too_long' }]);
  return deps.db.transaction().execute(async (trx) => {
    const ctx = await loadRequest(trx, actor, requestId, 'request.handle');
    const today = todayAt(deps, ctx.agency);
    const on = opts.on ?? today;
    if (!isIsoDate(on) || compareDates(on, today) > 0) throw invalid([{ field: 'on', code: 'bad_date' }]);
    const { req } = await applyStep(trx, deps, actor, ctx, { type: 'supplement', on }, { kind: 'supplemented', details: { note } });
    return { dueDate: req.due_date };
  });
}
