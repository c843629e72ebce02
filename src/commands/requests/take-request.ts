import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { applyStep, loadRequest } from './load.js';

/** An officer takes a received request: it becomes theirs and moves to `in_progress`. Needs `request.handle`. */
export async function takeRequest(deps: Deps, actor: Actor, requestId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const ctx = await loadRequest(trx, actor, requestId, 'request.handle');
    await applyStep(trx, deps, actor, ctx, { type: 'take' }, { kind: 'taken' }, { officer_id: actorId(actor) });
  });
}
