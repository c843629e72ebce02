import { AppError } from '../domain/errors.js';
import { scopesFor } from '../domain/policy.js';
import { allowed, type Actor } from '../commands/actor.js';
import type { Deps } from '../commands/deps.js';
import { agencyRepo } from '../store/repos/agency-repo.js';
import { listAudit } from '../store/repos/audit-repo.js';
import { userRepo } from '../store/repos/user-repo.js';

/** Staff whose home agency is within the actor's `staff.read` scope. */
export async function listStaff(deps: Deps, actor: Actor) {
  const scopes = actor.type === 'system' ? null : scopesFor(actor.grants, 'staff.read');
  return userRepo.list(deps.db, scopes);
}

/** One staff member with grants. Reported as not found outside the actor's `staff.read` scope. */
export async function staffMember(deps: Deps, actor: Actor, id: string) {
  const user = await userRepo.byId(deps.db, id);
  if (!user) throw new AppError('user_not_found');
  const home = await agencyRepo.byId(deps.db, user.home_agency_id);
  if (!home || !allowed(actor, 'staff.read', home.path)) throw new AppError('user_not_found');
  const grants = await userRepo.grants(deps.db, id);
  const { password_hash: _omit, ...safe } = user;
  return { user: safe, home, grants, canManage: allowed(actor, 'staff.manage', home.path) };
}

/** The audit trail within the actor's `audit.read` scope, newest first. */
export async function auditTrail(deps: Deps, actor: Actor, before: number | undefined, limit = 50) {
  const scopes = actor.type === 'system' ? null : scopesFor(actor.grants, 'audit.read');
  return listAudit(deps.db, { scopes, before, limit });
}

/** A staff member's grants with agency names. */
export function grantsOf(deps: Deps, userId: string) {
  return userRepo.grants(deps.db, userId);
}
