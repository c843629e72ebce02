import { AppError } from '../../domain/errors.js';
import { SYSTEM_ACTOR } from '../actor.js';
import type { Deps } from '../deps.js';
import { loadRevision } from './load.js';
import { publishRevisionIn } from './publish-revision.js';

/**
 * Publishes every scheduled revision whose time has come. Run by the worker every few seconds and
 * at start, so a publication due while the server was down happens as soon as it is back. Each
 * revision publishes in its own transaction; the state compare-and-set makes concurrent runs on
 * several instances safe (the loser's transaction rolls back). Returns how many were published.
 */
export async function publishDue(deps: Deps, limit = 100): Promise<number> {
  const now = deps.clock.now().toISOString();
  const due = await deps.db
    .selectFrom('document_revisions')
    .select('id')
    .where('state', '=', 'scheduled')
    .where('publish_at', '<=', now)
    .orderBy('publish_at')
    .limit(limit)
    .execute();
  let n = 0;
  for (const { id } of due) {
    try {
      await deps.db.transaction().execute(async (trx) => {
        const ctx = await loadRevision(trx, SYSTEM_ACTOR, id, 'document.review');
        if (ctx.rev.state !== 'scheduled') return;
        await publishRevisionIn(trx, deps, { ...SYSTEM_ACTOR, username: 'scheduler' }, ctx, 'scheduled');
        n += 1;
      });
    } catch (e) {
      // Another instance published it first (the compare-and-set failed): nothing to do.
      if (e instanceof AppError && e.code === 'bad_transition') continue;
      throw e;
    }
  }
  return n;
}
