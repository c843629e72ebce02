/**
 * Role-based access, scoped to an agency subtree. A grant of role R at agency A applies to A and
 * every agency below it. Pure: callers supply the grants with their agency paths.
 */

export const ROLES = ['admin', 'editor', 'reviewer', 'request_officer', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(x: string): x is Role {
  return (ROLES as readonly string[]).includes(x);
}

/**
 * The actions the console and API check. `*.read` actions are granted to every role in scope;
 * supervisors read everything in their subtree and change nothing.
 */
export const ACTIONS = [
  'agency.read',
  'agency.edit_profile', // the disclosure-office details of the disclosure guide (Art. 12)
  'agency.manage', // create, move, rename, close
  'staff.read',
  'staff.manage',
  'audit.read',
  'document.read',
  'document.edit',
  'document.review',
  'request.read',
  'request.handle',
  'supervise',
] as const;
export type Action = (typeof ACTIONS)[number];

const READS: Action[] = ['agency.read', 'document.read', 'request.read'];

/** What each role may do within its subtree. */
export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  admin: [
    ...READS,
    'agency.edit_profile',
    'agency.manage',
    'staff.read',
    'staff.manage',
    'audit.read',
  ],
  editor: [...READS, 'agency.edit_profile', 'document.edit'],
  reviewer: [...READS, 'document.review'],
  request_officer: [...READS, 'request.handle'],
  supervisor: [...READS, 'staff.read', 'supervise'],
};

/** One grant as seen by the policy: the role and the materialised path of its agency. */
export interface ScopedGrant {
  role: Role;
  agencyId: string;
  /** Materialised path of the granted agency: `/rootId/…/agencyId/`. */
  agencyPath: string;
}

/** True when `path` is `scopePath` or below it. Paths are `/id/id/…/` with a trailing slash. */
export function withinScope(scopePath: string, path: string): boolean {
  return path.startsWith(scopePath);
}

/** May a holder of `grants` perform `action` on a record belonging to the agency at `targetPath`? */
export function can(grants: readonly ScopedGrant[], action: Action, targetPath: string): boolean {
  return grants.some((g) => ROLE_ACTIONS[g.role].includes(action) && withinScope(g.agencyPath, targetPath));
}

/** The agency paths under which `action` is allowed (for filtering lists). Nested scopes are collapsed. */
export function scopesFor(grants: readonly ScopedGrant[], action: Action): string[] {
  const paths = grants.filter((g) => ROLE_ACTIONS[g.role].includes(action)).map((g) => g.agencyPath);
  const unique = [...new Set(paths)].sort((a, b) => a.length - b.length);
  return unique.filter((p, i) => !unique.slice(0, i).some((q) => withinScope(q, p)));
}

/** Whether a holder may grant `role` at `targetPath`: only admins, only inside their own scope. */
export function canGrant(grants: readonly ScopedGrant[], targetPath: string): boolean {
  return can(grants, 'staff.manage', targetPath);
}
