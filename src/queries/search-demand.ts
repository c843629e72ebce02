/**
 * Demand signals for staff (issue 6 §6): the most frequent queries and the most frequent
 * zero-result queries, per week, for the whole site or one agency in the viewer's scope. The
 * rows hold no personal data (see `recordSearch`).
 */
import { authorize, type Actor } from '../commands/actor.js';
import type { Deps } from '../commands/deps.js';
import { AppError } from '../domain/errors.js';
import { scopesFor } from '../domain/policy.js';
import { agencyRepo } from '../store/repos/agency-repo.js';

/** One line of a demand table. */
export interface DemandLine {
  query: string;
  /** Times searched. */
  n: number;
  /** Results of the latest run. */
  results: number;
}

/** The demand of one week in one scope. */
export interface SearchDemand {
  week: string;
  /** Weeks with recorded searches, newest first. */
  weeks: string[];
  top: DemandLine[];
  zero: DemandLine[];
}

/** Top queries and zero-result queries of `week` (default: the latest), site-wide or for `agency`. */
export async function searchDemand(deps: Deps, actor: Actor, opts: { week?: string; agency?: string; limit?: number }): Promise<SearchDemand> {
  if (actor.type === 'staff' && actor.grants.length === 0) throw new AppError('forbidden');
  let agencyId: string | null = null;
  if (opts.agency) {
    const ag = await deps.db.selectFrom('agencies').select(['id', 'path']).where('code', '=', opts.agency).executeTakeFirst();
    if (!ag) throw new AppError('agency_not_found');
    authorize(actor, 'document.read', ag.path);
    agencyId = ag.id;
  }
  const scoped = deps.db.selectFrom('search_queries').where('agency_id', agencyId === null ? 'is' : '=', agencyId);
  const weeks = (await scoped.select('week').distinct().orderBy('week', 'desc').limit(26).execute()).map((w) => w.week);
  const week = opts.week && weeks.includes(opts.week) ? opts.week : (weeks[0] ?? '');
  const limit = opts.limit ?? 20;
  const lines = async (zeroOnly: boolean): Promise<DemandLine[]> => {
    let q = scoped.where('week', '=', week);
    if (zeroOnly) q = q.where('result_count', '=', 0);
    const rows = await q
      .select(['query'])
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('result_count').as('lo'), eb.fn.max('result_count').as('hi')])
      .groupBy('query')
      .orderBy('n', 'desc')
      .orderBy('query')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ query: r.query, n: Number(r.n), results: Number(r.hi) }));
  };
  return { week, weeks, top: week ? await lines(false) : [], zero: week ? await lines(true) : [] };
}

/** The agencies whose demand the actor may see (for the console's scope picker), by tree order. */
export async function demandAgencies(deps: Deps, actor: Actor): Promise<{ code: string; name_zh: string; name_en: string }[]> {
  const rows = actor.type === 'system' ? await agencyRepo.all(deps.db, { includeClosed: true }) : await agencyRepo.inScopes(deps.db, scopesFor(actor.grants, 'document.read'), { includeClosed: true });
  return rows
    .sort((a, b) => a.path.localeCompare(b.path))
    .slice(0, 500)
    .map((a) => ({ code: a.code, name_zh: a.name_zh, name_en: a.name_en }));
}
