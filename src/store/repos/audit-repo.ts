import type { Exec } from '../schema.js';
import type { AuditEntry } from '../schema.js';

/** One audit record to append. `detail` is serialised as JSON and must hold no secrets. */
export interface AuditInput {
  at: string;
  actorId: string | null;
  actorUsername: string;
  action: string;
  targetType: string;
  targetId: string;
  agencyId: string | null;
  ip: string | null;
  detail?: Record<string, unknown>;
}

/** Appends to the audit trail. The table is append-only in the database itself (see dialect). */
export async function appendAudit(db: Exec, a: AuditInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: a.at,
      actor_id: a.actorId,
      actor_username: a.actorUsername,
      action: a.action,
      target_type: a.targetType,
      target_id: a.targetId,
      agency_id: a.agencyId,
      ip: a.ip,
      detail: JSON.stringify(a.detail ?? {}),
    })
    .execute();
}

/**
 * Reads the trail, newest first, limited to records of agencies whose path starts with one of
 * `scopes` (all records when `scopes` is null). Keyset pagination by id.
 */
export async function listAudit(
  db: Exec,
  opts: { scopes: string[] | null; before?: number; limit: number },
): Promise<(AuditEntry & { agency_name_zh: string | null; agency_name_en: string | null })[]> {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('agencies', 'agencies.id', 'audit_log.agency_id')
    .selectAll('audit_log')
    .select(['agencies.name_zh as agency_name_zh', 'agencies.name_en as agency_name_en']);
  if (opts.scopes) {
    const scopes = opts.scopes;
    if (scopes.length === 0) return [];
    q = q.where((eb) => eb.or(scopes.map((s) => eb('agencies.path', 'like', `${s}%`))));
  }
  if (opts.before !== undefined) q = q.where('audit_log.id', '<', opts.before);
  return q.orderBy('audit_log.id', 'desc').limit(opts.limit).execute();
}
