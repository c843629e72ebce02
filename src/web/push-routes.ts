import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import type { Actor } from '../commands/actor.js';
import { createWebhookEndpoint, rotateWebhookSecret, setWebhookEnabled, updateWebhookEndpoint } from '../commands/webhooks/manage-endpoint.js';
import { redeliverWebhook } from '../commands/webhooks/redeliver.js';
import { AppError, type FieldIssue } from '../domain/errors.js';
import { urlPolicyFor } from '../domain/webhooks/url-policy.js';
import { localePath } from '../http/request-context.js';
import { hasKey } from '../i18n/i18n.js';
import { endpointView, listWebhooks, webhookAgencies, webhookDeliveryDetail, webhookDetail } from '../queries/webhooks.js';
import { NewWebhookPage, WebhookListPage, WebhookSecretPage, type WebhookFormValues } from './admin/webhook-pages.js';
import { WebhookDeliveryPage, WebhookDetailPage } from './admin/webhook-detail-page.js';
import { field, intField } from './form-body.js';
import { sendPage, type WebEnv } from './render.js';

/** Public pages of the push area: none for webhooks (ActivityPub registers its own routes). */
export async function registerPushPages(_app: FastifyInstance, _core: AppContext, _env: WebEnv): Promise<void> {}

/** Every value of a repeated form field (checkbox groups). */
function values(body: unknown, name: string): string[] {
  if (!body || typeof body !== 'object') return [];
  const v = (body as Record<string, unknown>)[name];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function formOf(body: unknown): WebhookFormValues & { url: string; description: string; event_types: string[]; include_subtree: boolean } {
  return { agency_id: field(body, 'agency_id'), url: field(body, 'url'), description: field(body, 'description'), event_types: values(body, 'event_types'), include_subtree: field(body, 'include_subtree') === '1' };
}

/** The message of an error code (the generic one for a code without its own). */
function errorText(req: FastifyRequest, code: string): string {
  const key = `error.${code}`;
  return hasKey(key) ? req.ctx.t(key) : req.ctx.t('error.validation_failed');
}

function actorOf(req: FastifyRequest): Actor {
  if (!req.ctx.actor) throw new AppError('login_required');
  return req.ctx.actor;
}

function formIssues(e: unknown): FieldIssue[] | null {
  if (e instanceof AppError && e.kind === 'invalid') return e.fields.length ? e.fields : [{ field: 'form', code: 'invalid' }];
  return null;
}

/**
 * Webhooks in the staff console (mounted under /admin): the list, registration (the secret is
 * shown once, on the page answering the POST, never in a URL), each endpoint's settings, enable
 * and disable, secret rotation, deliveries with manual redelivery, and the attempt log. Managing
 * needs `agency.edit_profile` at the endpoint's agency (admins and editors).
 */
export async function registerPushAdminPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  const deps = core.deps;
  const policy = urlPolicyFor(core.config.publicUrl);
  const l = (req: FastifyRequest, p: string) => localePath(req.ctx.locale, p);
  const meta = (req: FastifyRequest, path: string) => ({ title: req.ctx.t('webhooks.title'), path, noindex: true });
  const opts = (status = 200) => ({ area: 'admin' as const, current: '/admin/webhooks', status });

  app.get('/webhooks', async (req, reply) => {
    const actor = actorOf(req);
    const rows = await listWebhooks(deps, actor);
    const canCreate = (await webhookAgencies(deps, actor)).length > 0;
    return sendPage(env, req, reply, meta(req, '/admin/webhooks'), WebhookListPage({ ctx: req.ctx, rows, canCreate }), opts());
  });

  const newForm = async (req: FastifyRequest, reply: FastifyReply, v: WebhookFormValues, issues: FieldIssue[], status = 200) => {
    const agencies = await webhookAgencies(deps, actorOf(req));
    if (!agencies.length) throw new AppError('forbidden');
    return sendPage(env, req, reply, meta(req, '/admin/webhooks/new'), NewWebhookPage({ ctx: req.ctx, agencies, values: v, issues }), opts(status));
  };

  app.get('/webhooks/new', async (req, reply) => newForm(req, reply, { event_types: ['document.published', 'document.corrected', 'document.withdrawn'] }, []));

  app.post('/webhooks/new', async (req, reply) => {
    const v = formOf(req.body);
    try {
      const r = await createWebhookEndpoint(deps, actorOf(req), v.agency_id ?? '', v, policy);
      const agency = (await webhookAgencies(deps, actorOf(req))).find((a) => a.id === r.endpoint.agency_id);
      if (!agency) throw new AppError('agency_not_found');
      return sendPage(env, req, reply, meta(req, '/admin/webhooks/new'), WebhookSecretPage({ ctx: req.ctx, ep: endpointView(r.endpoint, agency, deps.clock.now()), secret: r.secret, previousValidUntil: null }), opts(201));
    } catch (e) {
      const issues = formIssues(e) ?? (e instanceof AppError && e.code === 'agency_not_found' ? [{ field: 'agency_id', code: 'not_found' }] : null);
      if (!issues) throw e;
      return newForm(req, reply, v, issues, 400);
    }
  });

  type P = { Params: { id: string }; Querystring: { before?: string; saved?: string; redelivered?: string } };
  const detail = async (req: FastifyRequest<P>, reply: FastifyReply, over: { values?: WebhookFormValues; issues?: FieldIssue[]; error?: string; status?: number } = {}) => {
    const q = req.query;
    const d = await webhookDetail(deps, actorOf(req), req.params.id, q.before ? { before: q.before } : {});
    const flash = q.saved ? req.ctx.t('webhooks.saved') : q.redelivered ? req.ctx.t('webhooks.redelivered') : undefined;
    return sendPage(
      env,
      req,
      reply,
      meta(req, `/admin/webhooks/${req.params.id}`),
      WebhookDetailPage({ ctx: req.ctx, ep: d.endpoint, counts: d.counts, deliveries: d.deliveries, nextBefore: d.nextBefore, attempts: d.attempts, values: over.values ?? null, issues: over.issues ?? [], flash, error: over.error }),
      opts(over.status ?? 200),
    );
  };

  app.get<P>('/webhooks/:id', async (req, reply) => detail(req, reply));

  /** Runs a change, then redirects (303) or re-shows the page with the problem. */
  const change = async (req: FastifyRequest<P>, reply: FastifyReply, run: (actor: Actor) => Promise<unknown>, v?: WebhookFormValues) => {
    try {
      await run(actorOf(req));
      return reply.redirect(l(req, `/admin/webhooks/${req.params.id}?saved=1`), 303);
    } catch (e) {
      const issues = formIssues(e);
      if (issues) return detail(req, reply, { ...(v ? { values: v } : {}), issues, status: 400 });
      if (e instanceof AppError && e.kind === 'conflict') return detail(req, reply, { error: errorText(req, e.code), status: 409 });
      throw e;
    }
  };

  app.post<P>('/webhooks/:id', async (req, reply) => {
    const v = formOf(req.body);
    return change(req, reply, (a) => updateWebhookEndpoint(deps, a, req.params.id, intField(req.body, 'version'), v, policy), v);
  });
  app.post<P>('/webhooks/:id/enable', async (req, reply) => change(req, reply, (a) => setWebhookEnabled(deps, a, req.params.id, intField(req.body, 'version'), true)));
  app.post<P>('/webhooks/:id/disable', async (req, reply) => change(req, reply, (a) => setWebhookEnabled(deps, a, req.params.id, intField(req.body, 'version'), false)));

  app.post<P>('/webhooks/:id/rotate', async (req, reply) => {
    try {
      const r = await rotateWebhookSecret(deps, actorOf(req), req.params.id, intField(req.body, 'version'));
      const d = await webhookDetail(deps, actorOf(req), req.params.id, { limit: 1 });
      return sendPage(env, req, reply, meta(req, `/admin/webhooks/${req.params.id}`), WebhookSecretPage({ ctx: req.ctx, ep: d.endpoint, secret: r.secret, previousValidUntil: r.previousValidUntil }), opts());
    } catch (e) {
      if (e instanceof AppError && e.kind === 'conflict') return detail(req, reply, { error: errorText(req, e.code), status: 409 });
      throw e;
    }
  });

  type D = { Params: { id: string; delivery: string } };
  app.get<D>('/webhooks/:id/deliveries/:delivery', async (req, reply) => {
    const d = await webhookDeliveryDetail(deps, actorOf(req), req.params.id, req.params.delivery);
    return sendPage(env, req, reply, meta(req, `/admin/webhooks/${req.params.id}/deliveries/${req.params.delivery}`), WebhookDeliveryPage({ ctx: req.ctx, ep: d.endpoint, delivery: d.delivery, attempts: d.attempts, body: d.body }), opts());
  });

  app.post<D>('/webhooks/:id/deliveries/:delivery/redeliver', async (req, reply) => {
    try {
      await redeliverWebhook(deps, actorOf(req), req.params.id, req.params.delivery);
      return reply.redirect(l(req, `/admin/webhooks/${req.params.id}?redelivered=1#deliveries`), 303);
    } catch (e) {
      if (e instanceof AppError && e.kind === 'conflict') {
        const r = req as unknown as FastifyRequest<P>; // same :id parameter; the page reads only it and the query
        return detail(r, reply, { error: errorText(req, e.code), status: 409 });
      }
      throw e;
    }
  });
}
