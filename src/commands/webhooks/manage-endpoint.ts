import { AppError } from '../../domain/errors.js';
import { newWebhookSecret } from '../../domain/webhooks/signing.js';
import { SECRET_GRACE_MS } from '../../domain/webhooks/retry.js';
import type { UrlPolicy } from '../../domain/webhooks/url-policy.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import { appendAudit } from '../../store/repos/audit-repo.js';
import { webhookRepo, type WebhookEndpointRow } from '../../store/repos/webhook-repo.js';
import type { Exec } from '../../store/schema.js';
import { actorId, authorize, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { checkEndpointInput, WEBHOOK_ACTION, type EndpointInput } from './endpoint-input.js';

async function audit(trx: Exec, deps: Deps, actor: Actor, action: string, ep: WebhookEndpointRow, at: string, detail: Record<string, unknown> = {}): Promise<void> {
  // The secret never reaches the audit trail; the URL does (it is configuration, not a credential).
  await appendAudit(trx, { at, actorId: actorId(actor), actorUsername: actor.username, action, targetType: 'webhook', targetId: ep.id, agencyId: ep.agency_id, ip: actor.ip, detail: { url: ep.url, ...detail } });
}

/** Loads an endpoint and checks the actor may manage it (404 when it does not exist). */
export async function loadEndpointFor(trx: Exec, actor: Actor, id: string): Promise<WebhookEndpointRow> {
  const ep = await webhookRepo.endpointById(trx, id);
  if (!ep) throw new AppError('webhook_not_found');
  const agency = await agencyRepo.byId(trx, ep.agency_id);
  if (!agency) throw new AppError('webhook_not_found');
  authorize(actor, WEBHOOK_ACTION, agency.path);
  return ep;
}

/**
 * Registers a webhook endpoint for an agency (issue 8 §4). Returns the endpoint and its secret,
 * which is shown to the caller this once (the console and API never show it again; rotate to get a
 * new one).
 */
export async function createWebhookEndpoint(deps: Deps, actor: Actor, agencyId: string, input: EndpointInput, policy: UrlPolicy): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
  const c = checkEndpointInput(input, policy);
  return deps.db.transaction().execute(async (trx) => {
    const agency = await agencyRepo.byId(trx, agencyId);
    if (!agency) throw new AppError('agency_not_found');
    authorize(actor, WEBHOOK_ACTION, agency.path);
    if (agency.status === 'closed') throw new AppError('agency_closed');
    const at = deps.clock.now().toISOString();
    const secret = newWebhookSecret();
    const endpoint: WebhookEndpointRow = {
      id: deps.newId(),
      agency_id: agency.id,
      include_subtree: c.includeSubtree ? 1 : 0,
      url: c.url,
      description: c.description,
      event_types: JSON.stringify(c.eventTypes),
      secret,
      previous_secret: null,
      previous_secret_until: null,
      enabled: 1,
      disabled_reason: null,
      disabled_at: null,
      failing_since: null,
      last_success_at: null,
      version: 1,
      created_by: actorId(actor),
      created_at: at,
      updated_at: at,
    };
    await webhookRepo.insertEndpoint(trx, endpoint);
    await audit(trx, deps, actor, 'webhook.create', endpoint, at, { event_types: c.eventTypes, include_subtree: c.includeSubtree });
    return { endpoint, secret };
  });
}

/** Changes an endpoint's URL, description, event types and subtree filter (`stale_version` on a lost update). */
export async function updateWebhookEndpoint(deps: Deps, actor: Actor, id: string, version: number, input: EndpointInput, policy: UrlPolicy): Promise<WebhookEndpointRow> {
  const c = checkEndpointInput(input, policy);
  return deps.db.transaction().execute(async (trx) => {
    const ep = await loadEndpointFor(trx, actor, id);
    const at = deps.clock.now().toISOString();
    const ok = await webhookRepo.updateEndpoint(trx, id, version, { url: c.url, description: c.description, event_types: JSON.stringify(c.eventTypes), include_subtree: c.includeSubtree ? 1 : 0, updated_at: at });
    if (!ok) throw new AppError('stale_version');
    const next = await loadEndpointFor(trx, actor, id);
    await audit(trx, deps, actor, 'webhook.update', next, at, { before_url: ep.url, event_types: c.eventTypes, include_subtree: c.includeSubtree });
    return next;
  });
}

/**
 * Enables or disables an endpoint. Re-enabling clears the failure record and makes its pending
 * deliveries due at once with a fresh attempt budget; events that happened while it was disabled
 * were not queued for it.
 */
export async function setWebhookEnabled(deps: Deps, actor: Actor, id: string, version: number, enabled: boolean): Promise<WebhookEndpointRow> {
  return deps.db.transaction().execute(async (trx) => {
    await loadEndpointFor(trx, actor, id);
    const at = deps.clock.now().toISOString();
    const set = enabled ? { enabled: 1, disabled_reason: null, disabled_at: null, failing_since: null, updated_at: at } : { enabled: 0, disabled_reason: 'staff', disabled_at: at, updated_at: at };
    if (!(await webhookRepo.updateEndpoint(trx, id, version, set))) throw new AppError('stale_version');
    if (enabled) await webhookRepo.restartPending(trx, id, at);
    const next = await loadEndpointFor(trx, actor, id);
    await audit(trx, deps, actor, enabled ? 'webhook.enable' : 'webhook.disable', next, at);
    return next;
  });
}

/**
 * Rotates the secret: a new one signs from now on, and the old one keeps signing alongside it for
 * `SECRET_GRACE_MS` (24 h), so receivers can switch without losing a delivery. A second rotation
 * within the grace period drops the oldest secret. Returns the new secret (shown once).
 */
export async function rotateWebhookSecret(deps: Deps, actor: Actor, id: string, version: number): Promise<{ endpoint: WebhookEndpointRow; secret: string; previousValidUntil: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const ep = await loadEndpointFor(trx, actor, id);
    const now = deps.clock.now();
    const at = now.toISOString();
    const until = new Date(now.getTime() + SECRET_GRACE_MS).toISOString();
    const secret = newWebhookSecret();
    if (!(await webhookRepo.updateEndpoint(trx, id, version, { secret, previous_secret: ep.secret, previous_secret_until: until, updated_at: at }))) throw new AppError('stale_version');
    const next = await loadEndpointFor(trx, actor, id);
    await audit(trx, deps, actor, 'webhook.rotate_secret', next, at, { previous_valid_until: until });
    return { endpoint: next, secret, previousValidUntil: until };
  });
}
