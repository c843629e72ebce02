import { isIsoDate } from '../../domain/calendar/iso-date.js';
import { invalid } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { applyStep, loadRequest, todayAt } from './load.js';
import { notifyApplicant } from './notify.js';

/** A correction notice (补正告知). */
export interface CorrectionInput {
  /** What the applicant must supplement. */
  what: string;
  /** The day by which to supplement (YYYY-MM-DD), after today. */
  supplementBy: string;
}

/**
 * Asks the applicant to supplement an unclear application (Art. 30): once, within 7 working days
 * of receipt under cn-ogi (later notices are refused with `correction_notice_too_late`). The clock
 * stops until the supplement arrives and then restarts from it. Needs `request.handle`.
 */
export async function requestCorrection(deps: Deps, actor: Actor, requestId: string, input: CorrectionInput): Promise<void> {
  const what = input.what.trim();
  if (!what || what.length > 4000) throw invalid([{ field: 'what', code: what ? 'too_long' : 'required' }]);
  if (!isIsoDate(input.supplementBy)) throw invalid([{ field: 'supplement_by', code: 'bad_date' }]);
  await deps.db.transaction().execute(async (trx) => {
    const ctx = await loadRequest(trx, actor, requestId, 'request.handle');
    const on = todayAt(deps, ctx.agency);
    const { req } = await applyStep(trx, deps, actor, ctx, { type: 'request_correction', on, supplementBy: input.supplementBy }, {
      kind: 'correction_requested',
      details: { what, supplement_by: input.supplementBy },
    }, { corrections_requested: ctx.req.corrections_requested + 1, supplement_by: input.supplementBy });
    await notifyApplicant(trx, deps, req.id, 'request.correction_requested', { tracking_number: req.tracking_number, supplement_by: input.supplementBy });
  });
}
