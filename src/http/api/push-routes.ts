import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app.js';
import type { Actor } from '../../commands/actor.js';
import { createWebhookEndpoint, rotateWebhookSecret, setWebhookEnabled, updateWebhookEndpoint } from '../../commands/webhooks/manage-endpoint.js';
import { redeliverWebhook } from '../../commands/webhooks/redeliver.js';
import { AppError } from '../../domain/errors.js';
import { WEBHOOK_EVENT_TYPES } from '../../domain/webhooks/event-types.js';
import { agencyByCode } from '../../queries/agencies.js';
import { endpointView, listWebhooks, webhookDeliveryDetail, webhookDetail, type EndpointView } from '../../queries/webhooks.js';
import type { WebhookAttemptRow, WebhookDeliveryRow } from '../../store/repos/webhook-repo.js';
import { urlPolicyFor } from '../../domain/webhooks/url-policy.js';

function requireActor(req: FastifyRequest): Actor {
  if (!req.ctx.actor) throw new AppError('login_required');
  return req.ctx.actor;
}

const errors = { 400: Type.Ref('Error'), 401: Type.Ref('Error'), 403: Type.Ref('Error'), 404: Type.Ref('Error'), 409: Type.Ref('Error'), 429: Type.Ref('Error') };
const security = [{ session: [], csrf: [] }];
const EventType = Type.Unsafe<string>({ type: 'string', enum: [...WEBHOOK_EVENT_TYPES], description: 'Event type' });
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const DeliveryParams = Type.Object({ id: Type.String({ maxLength: 64 }), delivery: Type.String({ maxLength: 64 }) });
const Instant = Type.Union([Type.String(), Type.Null()]);

const EndpointSchema = Type.Object({
  id: Type.String(),
  agency_code: Type.String(),
  url: Type.String(),
  description: Type.String(),
  event_types: Type.Array(Type.String()),
  include_subtree: Type.Boolean({ description: "Also the events of every agency below the endpoint's agency" }),
  enabled: Type.Boolean(),
  disabled_reason: Type.Union([Type.Literal('staff'), Type.Literal('failures'), Type.Null()]),
  disabled_at: Instant,
  failing_since: Instant,
  last_success_at: Instant,
  previous_secret_valid_until: Type.Union([Type.String({ description: 'While a rotated-away secret still signs (both signatures are sent)' }), Type.Null()]),
  version: Type.Integer(),
  created_at: Type.String(),
  updated_at: Type.String(),
});

const EndpointBody = {
  url: Type.String({ minLength: 1, maxLength: 2000, description: 'https:// receiver (loopback http only on development instances); private addresses are refused' }),
  description: Type.Optional(Type.String({ maxLength: 200 })),
  event_types: Type.Array(EventType, { minItems: 1, maxItems: WEBHOOK_EVENT_TYPES.length, uniqueItems: true }),
  include_subtree: Type.Optional(Type.Boolean()),
};
const CreateBody = Type.Object({ agency_code: Type.String({ minLength: 1, maxLength: 64 }), ...EndpointBody }, { additionalProperties: false });
const UpdateBody = Type.Object({ version: Type.Integer({ minimum: 1 }), ...EndpointBody }, { additionalProperties: false });
const VersionBody = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

const DeliverySchema = Type.Object({
  id: Type.String(),
  event_id: Type.String({ description: 'Sent as Gongkai-Event-Id; the same on every attempt and redelivery' }),
  event_type: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('sending'), Type.Literal('succeeded'), Type.Literal('failed')]),
  attempts: Type.Integer({ description: 'Attempts in all' }),
  next_attempt_at: Instant,
  last_status_code: Type.Union([Type.Integer(), Type.Null()]),
  last_error: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  finished_at: Instant,
});
const AttemptSchema = Type.Object({ attempt: Type.Integer(), at: Type.String(), status_code: Type.Union([Type.Integer(), Type.Null()]), duration_ms: Type.Integer(), error: Type.Union([Type.String(), Type.Null()]), ok: Type.Boolean() });

function presentEndpoint(e: EndpointView) {
  const why = e.disabledReason;
  return {
    id: e.id, agency_code: e.agency.code, url: e.url, description: e.description, event_types: e.eventTypes, include_subtree: e.includeSubtree, enabled: e.enabled,
    disabled_reason: why === 'staff' ? ('staff' as const) : why === 'failures' ? ('failures' as const) : null, disabled_at: e.disabledAt, failing_since: e.failingSince,
    last_success_at: e.lastSuccessAt, previous_secret_valid_until: e.previousSecretUntil, version: e.version, created_at: e.createdAt, updated_at: e.updatedAt,
  };
}

function presentDelivery(d: WebhookDeliveryRow) {
  return {
    id: d.id, event_id: d.event_id, event_type: d.event_type, status: d.status, attempts: d.total_attempts, next_attempt_at: d.status === 'pending' ? d.not_before : null,
    last_status_code: d.last_status, last_error: d.last_error, created_at: d.created_at, finished_at: d.finished_at,
  };
}

const presentAttempt = (a: WebhookAttemptRow) => ({ attempt: a.attempt_no, at: a.at, status_code: a.status_code, duration_ms: a.duration_ms, error: a.error, ok: a.ok === 1 });

/**
 * `/api/v1/webhooks`: the staff API for webhook endpoints (issue 8 §4). Deliveries are POSTs of
 * `{id, type, created_at, data}` as RFC 8785 canonical JSON with `Gongkai-Event-Id`,
 * `Gongkai-Timestamp` (Unix seconds) and `Gongkai-Signature: v1=<hex HMAC-SHA256(secret,
 * timestamp + "." + body)>` (during a rotation's 24-hour grace period one `v1=` per valid
 * secret, comma separated); reject timestamps more than 5 minutes off and de-duplicate by the
 * event id. 2xx is success; otherwise retried for 26.5 hours (1 min doubling to 6 h).
 */
export async function registerPushApi(root: FastifyInstance, app: AppContext): Promise<void> {
  const api = root.withTypeProvider<TypeBoxTypeProvider>();
  const deps = app.deps;
  const policy = urlPolicyFor(app.config.publicUrl);
  const noStore = (reply: { header(k: string, v: string): unknown }) => reply.header('cache-control', 'no-store');

  api.get('/webhooks', { schema: { summary: 'Webhook endpoints in your scope', tags: ['webhooks'], security: [{ session: [] }], response: { 200: Type.Object({ items: Type.Array(EndpointSchema) }), ...errors } } }, async (req, reply) => {
    noStore(reply);
    return { items: (await listWebhooks(deps, requireActor(req))).map(presentEndpoint) };
  });

  api.post(
    '/webhooks',
    {
      schema: {
        summary: 'Register a webhook endpoint; the answer carries its signing secret, shown this once',
        tags: ['webhooks'],
        security,
        body: CreateBody,
        response: { 201: Type.Object({ endpoint: EndpointSchema, secret: Type.String({ description: 'whsec_…: keep it; it is never shown again' }) }), ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const agency = await agencyByCode(deps, req.body.agency_code);
      if (!agency) throw new AppError('agency_not_found');
      const r = await createWebhookEndpoint(deps, actor, agency.id, { url: req.body.url, description: req.body.description ?? '', event_types: req.body.event_types, include_subtree: req.body.include_subtree ?? false }, policy);
      noStore(reply);
      return reply.status(201).send({ endpoint: presentEndpoint(endpointView(r.endpoint, agency, deps.clock.now())), secret: r.secret });
    },
  );

  api.get(
    '/webhooks/:id',
    { schema: { summary: 'One webhook endpoint with its delivery counts', tags: ['webhooks'], security: [{ session: [] }], params: IdParams, response: { 200: Type.Object({ endpoint: EndpointSchema, counts: Type.Record(Type.String(), Type.Integer()) }), ...errors } } },
    async (req, reply) => {
      noStore(reply);
      const d = await webhookDetail(deps, requireActor(req), req.params.id, { limit: 1 });
      return { endpoint: presentEndpoint(d.endpoint), counts: d.counts };
    },
  );

  api.patch('/webhooks/:id', { schema: { summary: "Change an endpoint's URL, description, event types or subtree filter", tags: ['webhooks'], security, params: IdParams, body: UpdateBody, response: { 200: EndpointSchema, ...errors } } }, async (req) => {
    const actor = requireActor(req);
    const { version, ...b } = req.body;
    await updateWebhookEndpoint(deps, actor, req.params.id, version, { url: b.url, description: b.description ?? '', event_types: b.event_types, include_subtree: b.include_subtree ?? false }, policy);
    return presentEndpoint((await webhookDetail(deps, actor, req.params.id, { limit: 1 })).endpoint);
  });

  for (const [action, enabled] of [['enable', true], ['disable', false]] as const) {
    api.post(`/webhooks/:id/${action}`, { schema: { summary: enabled ? 'Enable an endpoint (its pending deliveries are due at once)' : 'Disable an endpoint', tags: ['webhooks'], security, params: IdParams, body: VersionBody, response: { 200: EndpointSchema, ...errors } } }, async (req) => {
      const actor = requireActor(req);
      await setWebhookEnabled(deps, actor, req.params.id, req.body.version, enabled);
      return presentEndpoint((await webhookDetail(deps, actor, req.params.id, { limit: 1 })).endpoint);
    });
  }

  api.post(
    '/webhooks/:id/rotate-secret',
    {
      schema: {
        summary: 'New signing secret (shown this once); the old one keeps signing for 24 hours',
        tags: ['webhooks'],
        security,
        params: IdParams,
        body: VersionBody,
        response: { 200: Type.Object({ endpoint: EndpointSchema, secret: Type.String(), previous_secret_valid_until: Type.String() }), ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const r = await rotateWebhookSecret(deps, actor, req.params.id, req.body.version);
      noStore(reply);
      return { endpoint: presentEndpoint((await webhookDetail(deps, actor, req.params.id, { limit: 1 })).endpoint), secret: r.secret, previous_secret_valid_until: r.previousValidUntil };
    },
  );

  api.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        summary: "An endpoint's deliveries, newest first (50 a page; `before` = the last id of the previous page)",
        tags: ['webhooks'],
        security: [{ session: [] }],
        params: IdParams,
        querystring: Type.Object({ before: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(DeliverySchema), next_before: Type.Union([Type.String(), Type.Null()]) }), ...errors },
      },
    },
    async (req, reply) => {
      noStore(reply);
      const d = await webhookDetail(deps, requireActor(req), req.params.id, req.query.before ? { before: req.query.before } : {});
      return { items: d.deliveries.map(presentDelivery), next_before: d.nextBefore };
    },
  );

  api.get(
    '/webhooks/:id/deliveries/:delivery',
    { schema: { summary: 'One delivery with its attempt log and the exact body sent', tags: ['webhooks'], security: [{ session: [] }], params: DeliveryParams, response: { 200: Type.Object({ ...DeliverySchema.properties, body: Type.String(), attempt_log: Type.Array(AttemptSchema) }), ...errors } } },
    async (req, reply) => {
      noStore(reply);
      const d = await webhookDeliveryDetail(deps, requireActor(req), req.params.id, req.params.delivery);
      return { ...presentDelivery(d.delivery), body: d.body, attempt_log: d.attempts.map(presentAttempt) };
    },
  );

  api.post(
    '/webhooks/:id/deliveries/:delivery/redeliver',
    { schema: { summary: 'Send a delivery again (same event id and body), with a fresh attempt budget', tags: ['webhooks'], security, params: DeliveryParams, response: { 202: DeliverySchema, ...errors } } },
    async (req, reply) => {
      const d = await redeliverWebhook(deps, requireActor(req), req.params.id, req.params.delivery);
      return reply.status(202).send(presentDelivery(d));
    },
  );
}
