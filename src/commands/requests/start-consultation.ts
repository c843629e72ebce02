import { invalid } from '../../domain/errors.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { applyStep, loadRequest, todayAt } from './load.js';
import { notifyApplicant } from './notify.js';

/** Whom the agency consults: a third party (Art. 32) or another agency (Art. 34). */
export type ConsultedParty = 'third_party' | 'other_agency';

/**
 * Starts a consultation: the clock stops (Arts. 32, 34: the time is not counted, up to 15 working
 * days under cn-ogi). Needs `request.handle`.
 */
export async function startConsultation(deps: Deps, actor: Actor, requestId: string, input: { party: ConsultedParty; note?: string }): Promise<void> {
  if (input.party !== 'third_party' && input.party !== 'other_agency') throw invalid([{ field: 'party', code: 'invalid' }]);
  const note = (input.note ?? '').trim();
  if (note.length > 2000) throw invalid([{ field: 'note', code: 'too_long' }]);
  await deps.db.transaction().execute(async (trx) => {
    const ctx = await loadRequest(trx, actor, requestId, 'request.handle');
    const on = todayAt(deps, ctx.agency);
    const { req } = await applyStep(trx, deps, actor, ctx, { type: 'start_consultation', on }, { kind: 'consultation_started', details: { party: input.party, note } });
    await notifyApplicant(trx, deps, req.id, 'request.consultation_started', { tracking_number: req.tracking_number, party: input.party });
  });
}
