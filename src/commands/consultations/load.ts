import { AppError } from '../../domain/errors.js';
import type { Action } from '../../domain/policy.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import { consultationRepo, type ConsultationRow } from '../../store/repos/consultation-repo.js';
import type { Agency, Exec } from '../../store/schema.js';
import { actorId, authorize, type Actor } from '../actor.js';
import { appendAudit } from '../../store/repos/audit-repo.js';
import type { Deps } from '../deps.js';
import type { EventJson } from '../events.js';

/** A consultation with its agency. */
export interface Loaded {
  c: ConsultationRow;
  agency: Agency;
}

/** Loads a consultation; with an actor, checks `action` on its agency (not found and forbidden look alike to no one: staff see 403). */
export async function loadConsultation(db: Exec, id: string, actor?: Actor, action: Action = 'document.edit'): Promise<Loaded> {
  const c = await consultationRepo.byId(db, id);
  if (!c) throw new AppError('consultation_not_found');
  const agency = await agencyRepo.byId(db, c.agency_id);
  if (!agency) throw new AppError('consultation_not_found');
  if (actor) authorize(actor, action, agency.path);
  return { c, agency };
}

/** The public payload of a consultation event: no commenter data, ever (it reaches webhooks, feeds and e-mail). */
export async function eventPayload(db: Exec, l: Loaded, extra: { [key: string]: EventJson } = {}): Promise<{ [key: string]: EventJson }> {
  const draft = await db.selectFrom('documents').select(['index_number']).where('id', '=', l.c.draft_document_id).executeTakeFirst();
  return {
    consultation_id: l.c.id,
    title: l.c.title,
    agency_code: l.agency.code,
    path: `/consultations/${l.c.id}`,
    draft_index_number: draft?.index_number ?? null,
    starts_at: l.c.starts_at,
    ends_at: l.c.ends_at,
    ...extra,
  };
}

/** One audit record of a consultation step. `detail` holds no personal data. */
export async function audit(trx: Exec, deps: Pick<Deps, 'clock'>, actor: Actor, l: Loaded, action: string, detail: Record<string, unknown> = {}, target?: { type: string; id: string }): Promise<void> {
  await appendAudit(trx, {
    at: deps.clock.now().toISOString(),
    actorId: actorId(actor),
    actorUsername: actor.username,
    action,
    targetType: target?.type ?? 'consultation',
    targetId: target?.id ?? l.c.id,
    agencyId: l.agency.id,
    ip: actor.ip,
    detail,
  });
}
