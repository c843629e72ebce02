import { AppError } from '../domain/errors.js';
import { can, type Action, type ScopedGrant } from '../domain/policy.js';

/**
 * Who is acting. Staff act through their grants; `system` is the CLI run by the operator on the
 * server itself, which holds every permission (like a database superuser).
 */
export type Actor =
  | { type: 'staff'; userId: string; username: string; grants: ScopedGrant[]; ip: string | null }
  | { type: 'system'; username: string; ip: null };

export const SYSTEM_ACTOR: Actor = { type: 'system', username: 'cli', ip: null };

/** Throws `forbidden` unless `actor` may do `action` on a record of the agency at `path`. */
export function authorize(actor: Actor, action: Action, path: string): void {
  if (actor.type === 'system') return;
  if (!can(actor.grants, action, path)) throw new AppError('forbidden');
}

/** Non-throwing form of `authorize`. */
export function allowed(actor: Actor, action: Action, path: string): boolean {
  return actor.type === 'system' || can(actor.grants, action, path);
}

export function actorId(actor: Actor): string | null {
  return actor.type === 'staff' ? actor.userId : null;
}
