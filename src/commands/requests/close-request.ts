import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { applyStep, loadRequest, todayAt } from './load.js';

/** Closes a replied or abandoned request (nothing more to do). Needs `request.handle`. */
export async function closeRequest(deps: Deps, actor: Actor, requestId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const ctx = await loadRequest(trx, actor, requestId, 'request.handle');
    const on = todayAt(deps, ctx.agency);
    await applyStep(trx, deps, actor, ctx, { type: 'close', on }, { kind: 'closed' }, { closed_on: on });
  });
}
