import { AppError, invalid } from '../../domain/errors.js';
import { requestRepo } from '../../store/repos/request-repo.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { checkAppealFields } from './record-appeal.js';
import { auditRequest, loadRequest, todayAt } from './load.js';

/** Records the result of a reconsideration or litigation (upheld, corrected, other, or back to pending). Needs `request.handle`. */
export async function updateAppealResult(deps: Deps, actor: Actor, appealId: string, input: { result: string; decidedOn?: string; note?: string }): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const appeal = await requestRepo.appealById(trx, appealId);
    if (!appeal) throw new AppError('appeal_not_found');
    const ctx = await loadRequest(trx, actor, appeal.request_id, 'request.handle');
    const issues = checkAppealFields(input, todayAt(deps, ctx.agency));
    if (input.decidedOn && input.decidedOn < appeal.filed_on) issues.push({ field: 'decided_on', code: 'before_filing' });
    if (issues.length) throw invalid(issues);
    const at = deps.clock.now().toISOString();
    await requestRepo.updateAppeal(trx, appeal.id, { result: input.result, decided_on: input.decidedOn ?? null, ...(input.note !== undefined ? { note: input.note.trim() } : {}), updated_at: at });
    await auditRequest(trx, actor, at, 'request.appeal_updated', ctx.req, { appeal: appeal.id, result: input.result });
  });
}
