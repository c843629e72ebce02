import type { ScopedGrant, Role } from '../../domain/policy.js';
import { isRole } from '../../domain/policy.js';
import type { Exec, User } from '../schema.js';

export interface GrantView {
  id: string;
  role: Role;
  agency_id: string;
  agency_code: string;
  agency_name_zh: string;
  agency_name_en: string;
  agency_path: string;
  created_at: string;
}

/** Reads and writes staff accounts and their grants. Callers enforce policy. */
export const userRepo = {
  byId(db: Exec, id: string): Promise<User | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },
  byUsername(db: Exec, username: string): Promise<User | undefined> {
    return db.selectFrom('users').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
  },
  /** Staff whose home agency lies within one of `scopes` (all when null). */
  list(db: Exec, scopes: string[] | null) {
    let q = db
      .selectFrom('users')
      .innerJoin('agencies', 'agencies.id', 'users.home_agency_id')
      .select([
        'users.id',
        'users.username',
        'users.display_name',
        'users.email',
        'users.status',
        'users.created_at',
        'agencies.id as agency_id',
        'agencies.code as agency_code',
        'agencies.name_zh as agency_name_zh',
        'agencies.name_en as agency_name_en',
        'agencies.path as agency_path',
      ]);
    if (scopes) {
      if (scopes.length === 0) return Promise.resolve([]);
      q = q.where((eb) => eb.or(scopes.map((s) => eb('agencies.path', 'like', `${s}%`))));
    }
    return q.orderBy('agencies.path').orderBy('users.username').execute();
  },
  async grants(db: Exec, userId: string): Promise<GrantView[]> {
    const rows = await db
      .selectFrom('grants')
      .innerJoin('agencies', 'agencies.id', 'grants.agency_id')
      .select([
        'grants.id',
        'grants.role',
        'grants.created_at',
        'agencies.id as agency_id',
        'agencies.code as agency_code',
        'agencies.name_zh as agency_name_zh',
        'agencies.name_en as agency_name_en',
        'agencies.path as agency_path',
      ])
      .where('grants.user_id', '=', userId)
      .orderBy('agencies.path')
      .orderBy('grants.role')
      .execute();
    // Unknown roles (from a newer version, say) grant nothing rather than failing.
    return rows.flatMap((r) => (isRole(r.role) ? [{ ...r, role: r.role }] : []));
  },
  async scopedGrants(db: Exec, userId: string): Promise<ScopedGrant[]> {
    return (await userRepo.grants(db, userId)).map((g) => ({ role: g.role, agencyId: g.agency_id, agencyPath: g.agency_path }));
  },
};
