import { AppError, invalid, type FieldIssue } from '../domain/errors.js';
import { isRole } from '../domain/policy.js';
import { checkPassword } from '../domain/password-policy.js';
import { hashPassword } from '../security/password.js';
import { isUniqueViolation } from '../store/dialect/dialect.js';
import { agencyRepo } from '../store/repos/agency-repo.js';
import { appendAudit } from '../store/repos/audit-repo.js';
import { userRepo } from '../store/repos/user-repo.js';
import type { Exec, User } from '../store/schema.js';
import { actorId, authorize, type Actor } from './actor.js';
import type { Deps } from './deps.js';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;
const EMAIL = /^[^\s@<>()]{1,64}@[^\s@<>()]{1,190}\.[^\s@<>()]{2,}$/u;

export interface CreateUserInput {
  username: string;
  display_name: string;
  email?: string;
  password: string;
  home_agency_id: string;
  is_demo?: boolean;
}

async function audit(db: Exec, deps: Deps, actor: Actor, action: string, targetId: string, agencyId: string | null, detail: Record<string, unknown> = {}) {
  await appendAudit(db, {
    at: deps.clock.now().toISOString(),
    actorId: actorId(actor),
    actorUsername: actor.username,
    action,
    targetType: 'user',
    targetId,
    agencyId,
    ip: actor.ip,
    detail,
  });
}

/** Loads a user the actor may manage (`staff.manage` over the user's home agency). */
async function managedUser(db: Exec, actor: Actor, userId: string): Promise<{ user: User; homePath: string }> {
  const user = await userRepo.byId(db, userId);
  if (!user) throw new AppError('user_not_found');
  const home = await agencyRepo.byId(db, user.home_agency_id);
  if (!home) throw new AppError('agency_not_found');
  // Staff outside the actor's read scope are reported as absent, not forbidden, so that
  // another province's staff list cannot be probed.
  if (actor.type === 'staff' && !actor.grants.some((g) => home.path.startsWith(g.agencyPath))) throw new AppError('user_not_found');
  authorize(actor, 'staff.manage', home.path);
  return { user, homePath: home.path };
}

/** Creates a staff account at a home agency the actor administers. Usernames are lower-case. */
export async function createUser(deps: Deps, actor: Actor, input: CreateUserInput): Promise<User> {
  const username = input.username.trim().toLowerCase();
  const issues: FieldIssue[] = [];
  if (!USERNAME.test(username)) issues.push({ field: 'username', code: 'bad_username' });
  if (!input.display_name.trim() || input.display_name.length > 100) issues.push({ field: 'display_name', code: 'required' });
  if (input.email && !EMAIL.test(input.email)) issues.push({ field: 'email', code: 'bad_email' });
  for (const c of checkPassword(input.password, username)) issues.push({ field: 'password', code: c });
  if (issues.length) throw invalid(issues);
  const hash = await hashPassword(input.password, deps.passwordCost);
  return deps.db.transaction().execute(async (trx) => {
    const home = await agencyRepo.byId(trx, input.home_agency_id);
    if (!home) throw invalid([{ field: 'home_agency_id', code: 'not_found' }]);
    authorize(actor, 'staff.manage', home.path);
    const at = deps.clock.now().toISOString();
    const row: User = {
      id: deps.newId(),
      username,
      display_name: input.display_name.trim(),
      email: input.email?.trim() ?? '',
      password_hash: hash,
      home_agency_id: home.id,
      status: 'active',
      is_demo: input.is_demo ? 1 : 0,
      version: 1,
      created_at: at,
      updated_at: at,
      password_changed_at: at,
    };
    try {
      await trx.insertInto('users').values(row).execute();
    } catch (e) {
      if (isUniqueViolation(e)) throw invalid([{ field: 'username', code: 'duplicate' }], 'duplicate_username');
      throw e;
    }
    await audit(trx, deps, actor, 'user.create', row.id, home.id, { username });
    return row;
  });
}

/** Sets a new password and revokes the user's sessions (so a stolen session dies with it). */
export async function setPassword(deps: Deps, actor: Actor, userId: string, password: string): Promise<void> {
  const pre = await userRepo.byId(deps.db, userId);
  if (!pre) throw new AppError('user_not_found');
  const issues = checkPassword(password, pre.username).map((c) => ({ field: 'password', code: c }));
  if (issues.length) throw invalid(issues, 'weak_password');
  const hash = await hashPassword(password, deps.passwordCost);
  await deps.db.transaction().execute(async (trx) => {
    const self = actor.type === 'staff' && actor.userId === userId;
    const { user } = self ? { user: pre } : await managedUser(trx, actor, userId);
    const at = deps.clock.now().toISOString();
    await trx.updateTable('users').set({ password_hash: hash, password_changed_at: at, updated_at: at, version: user.version + 1 }).where('id', '=', userId).execute();
    await trx.updateTable('sessions').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
    await audit(trx, deps, actor, 'user.password', userId, user.home_agency_id);
  });
}

/** Enables or disables an account; disabling revokes its sessions. */
export async function setUserStatus(deps: Deps, actor: Actor, userId: string, active: boolean): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const { user } = await managedUser(trx, actor, userId);
    const at = deps.clock.now().toISOString();
    await trx.updateTable('users').set({ status: active ? 'active' : 'disabled', updated_at: at, version: user.version + 1 }).where('id', '=', userId).execute();
    if (!active) await trx.updateTable('sessions').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
    await audit(trx, deps, actor, active ? 'user.enable' : 'user.disable', userId, user.home_agency_id);
  });
}

/** Grants `role` at an agency. The actor must administer both the user and the agency. */
export async function grantRole(deps: Deps, actor: Actor, userId: string, agencyId: string, role: string): Promise<string> {
  if (!isRole(role)) throw invalid([{ field: 'role', code: 'bad_role' }], 'bad_role');
  return deps.db.transaction().execute(async (trx) => {
    await managedUser(trx, actor, userId);
    const agency = await agencyRepo.byId(trx, agencyId);
    if (!agency) throw invalid([{ field: 'agency_id', code: 'not_found' }]);
    authorize(actor, 'staff.manage', agency.path);
    const id = deps.newId();
    const at = deps.clock.now().toISOString();
    try {
      await trx.insertInto('grants').values({ id, user_id: userId, agency_id: agencyId, role, created_at: at, created_by: actorId(actor) }).execute();
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('duplicate_grant');
      throw e;
    }
    await audit(trx, deps, actor, 'grant.add', userId, agencyId, { role, agency: agency.code });
    return id;
  });
}

/** Removes a grant. The actor must administer the grant's agency. */
export async function revokeRole(deps: Deps, actor: Actor, userId: string, agencyId: string, role: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await managedUser(trx, actor, userId);
    const agency = await agencyRepo.byId(trx, agencyId);
    if (!agency) throw new AppError('grant_not_found');
    authorize(actor, 'staff.manage', agency.path);
    const res = await trx.deleteFrom('grants').where('user_id', '=', userId).where('agency_id', '=', agencyId).where('role', '=', role).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw new AppError('grant_not_found');
    await audit(trx, deps, actor, 'grant.remove', userId, agencyId, { role, agency: agency.code });
  });
}
