import { AppError, invalid } from '../../domain/errors.js';
import { quoteProcessingFee, type FeeConfig, type FeeQuote } from '../../domain/fees/fees.js';
import { requestRepo } from '../../store/repos/request-repo.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { calendarForAgency, regimeOf } from './calendar.js';
import { applyStep, loadRequest, todayAt } from './load.js';
import { notifyApplicant } from './notify.js';

/** The charging method of a fee notice: per request (按件) or per volume (按量), never both. */
export type FeeNoticeInput = { method: 'per_request' } | { method: 'per_volume'; pages: number };

/**
 * Sends a fee notice (国办函〔2020〕109号, Art. 42). Per request, the request's number among the
 * applicant's requests to this agency received in the same calendar month is counted by the
 * store; per volume, the officer gives the page count. The amount is integer fen; a zero quote
 * is refused (`no_fee_due`). The applicant has `paymentDueWorkingDays` working days to pay.
 * Needs `request.handle`.
 */
export async function issueFeeNotice(deps: Deps, actor: Actor, requestId: string, input: FeeNoticeInput, config: FeeConfig = deps.feeConfig): Promise<FeeQuote & { dueOn: string; units: number }> {
  if (input.method === 'per_volume' && (!Number.isSafeInteger(input.pages) || input.pages < 0)) throw invalid([{ field: 'pages', code: 'invalid' }]);
  return deps.db.transaction().execute(async (trx) => {
    const ctx = await loadRequest(trx, actor, requestId, 'request.handle');
    const applicant = await requestRepo.applicantOf(trx, ctx.req.id);
    if (!applicant) throw new AppError('request_not_found');
    const units = input.method === 'per_request' ? await requestRepo.numberInMonth(trx, ctx.req, applicant.applicant_key) : input.pages;
    const quote = quoteProcessingFee(input.method === 'per_request' ? { method: 'per_request', requestNumberInMonth: units } : { method: 'per_volume', pages: units }, config);
    if (quote.totalFen === 0) throw new AppError('no_fee_due', { message: `${input.method} ${units}: no fee` });
    const today = todayAt(deps, ctx.agency);
    const calendar = await calendarForAgency(deps, ctx.agency.id, regimeOf(ctx.req.regime), trx);
    const dueOn = calendar.addWorkingDays(today, config.paymentDueWorkingDays).value;
    await requestRepo.insertFee(trx, {
      id: deps.newId(), request_id: ctx.req.id, method: quote.method, units, amount_fen: quote.totalFen, lines: JSON.stringify(quote.lines),
      notice_on: today, due_on: dueOn, status: 'pending', paid_on: null, paid_fen: null, created_by: actorId(actor), created_at: deps.clock.now().toISOString(),
    });
    const { req } = await applyStep(trx, deps, actor, ctx, { type: 'fee_notice', on: today }, { kind: 'fee_notice', details: { method: quote.method, units, amount_fen: quote.totalFen, due_on: dueOn } }, { fee_due_on: dueOn });
    await notifyApplicant(trx, deps, req.id, 'request.fee_notice', { tracking_number: req.tracking_number, amount_fen: quote.totalFen, due_on: dueOn });
    return { ...quote, dueOn, units };
  });
}
