import type { Agency, Exec, NewAgency, AgencyUpdate } from '../schema.js';
import { invalidateRenders, pageTag } from './page-render-repo.js';

/** Reads and writes agencies. Callers enforce policy; this only persists. */
export const agencyRepo = {
  byId(db: Exec, id: string): Promise<Agency | undefined> {
    return db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
  },
  byCode(db: Exec, code: string): Promise<Agency | undefined> {
    return db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst();
  },
  /** All agencies in tree order (by path, then sort order within siblings is applied by callers). */
  all(db: Exec, opts: { includeClosed: boolean }): Promise<Agency[]> {
    let q = db.selectFrom('agencies').selectAll();
    if (!opts.includeClosed) q = q.where('status', '=', 'open');
    return q.orderBy('depth').orderBy('sort_order').orderBy('code').execute();
  },
  /** The agency at `path` and everything below it. */
  subtree(db: Exec, path: string, opts: { includeClosed: boolean }): Promise<Agency[]> {
    let q = db.selectFrom('agencies').selectAll().where('path', 'like', `${path}%`);
    if (!opts.includeClosed) q = q.where('status', '=', 'open');
    return q.orderBy('depth').orderBy('sort_order').orderBy('code').execute();
  },
  /** Agencies within any of `scopes` (paths). */
  inScopes(db: Exec, scopes: string[], opts: { includeClosed: boolean }): Promise<Agency[]> {
    if (scopes.length === 0) return Promise.resolve([]);
    let q = db.selectFrom('agencies').selectAll().where((eb) => eb.or(scopes.map((s) => eb('path', 'like', `${s}%`))));
    if (!opts.includeClosed) q = q.where('status', '=', 'open');
    return q.orderBy('depth').orderBy('sort_order').orderBy('code').execute();
  },
  async insert(db: Exec, row: NewAgency): Promise<void> {
    await db.insertInto('agencies').values(row).execute();
  },
  /** Updates when the stored version equals `expectedVersion`; returns false on a stale version. */
  async updateVersioned(db: Exec, id: string, expectedVersion: number, patch: AgencyUpdate): Promise<boolean> {
    const res = await db
      .updateTable('agencies')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    // Document pages kept by static publishing show the agency's names.
    await invalidateRenders(db, [pageTag.agency(id)]);
    return true;
  },
  async setPath(db: Exec, id: string, path: string, depth: number): Promise<void> {
    await db.updateTable('agencies').set({ path, depth }).where('id', '=', id).execute();
  },
  async countOpenChildren(db: Exec, id: string): Promise<number> {
    const r = await db
      .selectFrom('agencies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  async appendHistory(
    db: Exec,
    row: { id: string; agency_id: string; at: string; actor_id: string | null; action: string; before: unknown; after: unknown },
  ): Promise<void> {
    await db
      .insertInto('agency_history')
      .values({
        id: row.id,
        agency_id: row.agency_id,
        at: row.at,
        actor_id: row.actor_id,
        action: row.action,
        before_json: row.before === null ? null : JSON.stringify(row.before),
        after_json: JSON.stringify(row.after),
      })
      .execute();
  },
  history(db: Exec, agencyId: string) {
    return db
      .selectFrom('agency_history')
      .leftJoin('users', 'users.id', 'agency_history.actor_id')
      .selectAll('agency_history')
      .select('users.username as actor_username')
      .where('agency_id', '=', agencyId)
      .orderBy('at', 'desc')
      .orderBy('agency_history.id')
      .execute();
  },
};
