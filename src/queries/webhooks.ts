import { allowed, type Actor } from '../commands/actor.js';
import type { Deps } from '../commands/deps.js';
import { loadEndpointFor } from '../commands/webhooks/manage-endpoint.js';
import { WEBHOOK_ACTION } from '../commands/webhooks/endpoint-input.js';
import { endpointEventTypes, webhookEventOf } from '../domain/webhooks/event-body.js';
import { webhookBody } from '../domain/webhooks/signing.js';
import { AppError } from '../domain/errors.js';
import { agencyRepo } from '../store/repos/agency-repo.js';
import { webhookRepo, type WebhookAttemptRow, type WebhookDeliveryRow, type WebhookEndpointRow } from '../store/repos/webhook-repo.js';
import type { Agency } from '../store/schema.js';

/** An endpoint as staff see it: never the secret. */
export interface EndpointView {
  id: string;
  agency: { id: string; code: string; name_zh: string; name_en: string };
  url: string;
  description: string;
  eventTypes: string[];
  includeSubtree: boolean;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  failingSince: string | null;
  lastSuccessAt: string | null;
  /** While a rotated-away secret still signs: until when. */
  previousSecretUntil: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function endpointView(ep: WebhookEndpointRow, agency: { id: string; code: string; name_zh: string; name_en: string }, now: Date): EndpointView {
  const until = ep.previous_secret_until && ep.previous_secret_until > now.toISOString() ? ep.previous_secret_until : null;
  return {
    id: ep.id,
    agency: { id: agency.id, code: agency.code, name_zh: agency.name_zh, name_en: agency.name_en },
    url: ep.url,
    description: ep.description,
    eventTypes: endpointEventTypes(ep.event_types),
    includeSubtree: ep.include_subtree === 1,
    enabled: ep.enabled === 1,
    disabledReason: ep.disabled_reason,
    disabledAt: ep.disabled_at,
    failingSince: ep.failing_since,
    lastSuccessAt: ep.last_success_at,
    previousSecretUntil: until,
    version: ep.version,
    createdAt: ep.created_at,
    updatedAt: ep.updated_at,
  };
}

/** The agencies whose webhooks `actor` manages (open ones, in tree order by path). */
export async function webhookAgencies(deps: Deps, actor: Actor): Promise<Agency[]> {
  const all = await agencyRepo.all(deps.db, { includeClosed: false });
  return all.filter((a) => allowed(actor, WEBHOOK_ACTION, a.path)).sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Every endpoint in the actor's scope, newest first. */
export async function listWebhooks(deps: Deps, actor: Actor): Promise<EndpointView[]> {
  const rows = await webhookRepo.endpointsOf(deps.db, null);
  const now = deps.clock.now();
  return rows
    .filter((r) => allowed(actor, WEBHOOK_ACTION, r.agency_path))
    .map((r) => endpointView(r, { id: r.agency_id, code: r.agency_code, name_zh: r.agency_name_zh, name_en: r.agency_name_en }, now));
}

/** One endpoint with its delivery counts, a page of deliveries and the latest attempts (the log). */
export async function webhookDetail(deps: Deps, actor: Actor, id: string, o: { before?: string; limit?: number } = {}) {
  const ep = await loadEndpointFor(deps.db, actor, id);
  const agency = await agencyRepo.byId(deps.db, ep.agency_id);
  if (!agency) throw new AppError('webhook_not_found');
  const limit = o.limit ?? 50;
  let before: { createdAt: string; id: string } | undefined;
  if (o.before) {
    const b = await webhookRepo.deliveryById(deps.db, o.before);
    if (b && b.endpoint_id === ep.id) before = { createdAt: b.created_at, id: b.id };
  }
  const deliveries = await webhookRepo.deliveriesOf(deps.db, ep.id, { limit, ...(before ? { before } : {}) });
  const last = deliveries[deliveries.length - 1];
  return {
    endpoint: endpointView(ep, agency, deps.clock.now()),
    counts: await webhookRepo.deliveryCounts(deps.db, ep.id),
    deliveries,
    nextBefore: deliveries.length === limit && last ? last.id : null,
    attempts: await webhookRepo.recentAttempts(deps.db, ep.id, 20),
  };
}

/** One delivery with its attempts and the exact body it sends. */
export async function webhookDeliveryDetail(deps: Deps, actor: Actor, endpointId: string, deliveryId: string): Promise<{ endpoint: EndpointView; delivery: WebhookDeliveryRow; attempts: WebhookAttemptRow[]; body: string }> {
  const ep = await loadEndpointFor(deps.db, actor, endpointId);
  const d = await webhookRepo.deliveryById(deps.db, deliveryId);
  if (!d || d.endpoint_id !== ep.id) throw new AppError('webhook_delivery_not_found');
  const agency = await agencyRepo.byId(deps.db, ep.agency_id);
  const event = await deps.db.selectFrom('events').selectAll().where('id', '=', d.event_id).executeTakeFirst();
  if (!agency || !event) throw new AppError('webhook_delivery_not_found');
  return { endpoint: endpointView(ep, agency, deps.clock.now()), delivery: d, attempts: await webhookRepo.attemptsOf(deps.db, d.id), body: webhookBody(webhookEventOf(event)) };
}
