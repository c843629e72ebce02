import { invalid } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { applyStep, loadRequest, todayAt } from './load.js';

/**
 * Ends the open consultation (the answer arrived, or the other agency stayed silent: Art. 34
 * counts silence as consent). The clock resumes the next day. Needs `request.handle`. Returns the
 * new due date.
 */
export async function endConsultation(deps: Deps, actor: Actor, requestId: string, input: { note?: string } = {}): Promise<{ dueDate: string | null }> {
  const note = (input.note ?? '').trim();
  if (note.length > 2000) throw invalid([{ field: 'note', code: 'too_long' }]);
  return deps.db.transaction().execute(async (trx) => {
    const ctx = await loadRequest(trx, actor, requestId, 'request.handle');
    const on = todayAt(deps, ctx.agency);
    const { req } = await applyStep(trx, deps, actor, ctx, { type: 'end_consultation', on }, { kind: 'consultation_ended', details: { note } });
    return { dueDate: req.due_date };
  });
}
