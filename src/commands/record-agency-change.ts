import { agencyRepo } from '../store/repos/agency-repo.js';
import { appendAudit } from '../store/repos/audit-repo.js';
import type { Exec } from '../store/schema.js';
import { actorId, type Actor } from './actor.js';
import type { Deps } from './deps.js';

/**
 * Writes the two records every agency change leaves, in the caller's transaction: the agency's
 * own history row (before/after) and the staff audit entry.
 */
export async function recordAgencyChange(
  trx: Exec,
  deps: Deps,
  actor: Actor,
  change: { agencyId: string; at: string; history: string; audit: string; before: unknown; after: unknown; detail?: Record<string, unknown> },
): Promise<void> {
  await agencyRepo.appendHistory(trx, {
    id: deps.newId(),
    agency_id: change.agencyId,
    at: change.at,
    actor_id: actorId(actor),
    action: change.history,
    before: change.before,
    after: change.after,
  });
  await appendAudit(trx, {
    at: change.at,
    actorId: actorId(actor),
    actorUsername: actor.username,
    action: change.audit,
    targetType: 'agency',
    targetId: change.agencyId,
    agencyId: change.agencyId,
    ip: actor.ip,
    ...(change.detail ? { detail: change.detail } : {}),
  });
}
