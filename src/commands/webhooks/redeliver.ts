import { AppError } from '../../domain/errors.js';
import { appendAudit } from '../../store/repos/audit-repo.js';
import { webhookRepo, type WebhookDeliveryRow } from '../../store/repos/webhook-repo.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { loadEndpointFor } from './manage-endpoint.js';

/**
 * Manual redelivery (issue 8 §4): puts one delivery of whichever status back in the queue, due now,
 * with a fresh attempt budget. It is sent with the same event id and body, so a receiver that
 * already had it recognises it. Refused while the endpoint is disabled (`webhook_disabled`) or
 * while the delivery is being sent (`webhook_delivery_busy`).
 */
export async function redeliverWebhook(deps: Deps, actor: Actor, endpointId: string, deliveryId: string): Promise<WebhookDeliveryRow> {
  return deps.db.transaction().execute(async (trx) => {
    const ep = await loadEndpointFor(trx, actor, endpointId);
    const d = await webhookRepo.deliveryById(trx, deliveryId);
    if (!d || d.endpoint_id !== ep.id) throw new AppError('webhook_delivery_not_found');
    if (ep.enabled !== 1) throw new AppError('webhook_disabled');
    const at = deps.clock.now().toISOString();
    if (!(await webhookRepo.requeue(trx, d.id, at))) throw new AppError('webhook_delivery_busy');
    await appendAudit(trx, { at, actorId: actorId(actor), actorUsername: actor.username, action: 'webhook.redeliver', targetType: 'webhook', targetId: ep.id, agencyId: ep.agency_id, ip: actor.ip, detail: { delivery_id: d.id, event_id: d.event_id } });
    const next = await webhookRepo.deliveryById(trx, d.id);
    if (!next) throw new AppError('webhook_delivery_not_found');
    return next;
  });
}
