import type { Deps } from '../../commands/deps.js';
import { isWebhookEventType } from '../../domain/webhooks/event-types.js';
import { endpointEventTypes } from '../../domain/webhooks/event-body.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import type { EventRow } from '../../store/repos/event-repo.js';
import { webhookRepo, type WebhookDeliveryRow } from '../../store/repos/webhook-repo.js';

/**
 * Expands one platform event into one delivery per matching endpoint: enabled, asking for the
 * event's type, and belonging to the event's agency, or to an ancestor of it with the subtree
 * filter on. Idempotent: the (endpoint, event) key makes a second run add nothing. Returns how
 * many deliveries were new.
 */
export async function expandWebhookEvent(deps: Deps, event: EventRow, now: Date): Promise<number> {
  if (!event.agency_id || !isWebhookEventType(event.kind)) return 0;
  const agencyId = event.agency_id;
  return deps.db.transaction().execute(async (trx) => {
    const agency = await agencyRepo.byId(trx, agencyId);
    if (!agency) return 0;
    const ancestors = agency.path.split('/').filter((id) => id && id !== agencyId);
    const endpoints = (await webhookRepo.candidatesFor(trx, agencyId, ancestors)).filter((ep) => endpointEventTypes(ep.event_types).includes(event.kind));
    const at = now.toISOString();
    const rows: WebhookDeliveryRow[] = endpoints.map((ep) => ({
      id: deps.newId(),
      endpoint_id: ep.id,
      event_id: event.id,
      event_type: event.kind,
      status: 'pending',
      not_before: at,
      attempts: 0,
      total_attempts: 0,
      claim_token: null,
      lease_until: null,
      last_status: null,
      last_error: null,
      created_at: at,
      finished_at: null,
    }));
    return webhookRepo.insertDeliveries(trx, rows);
  });
}
