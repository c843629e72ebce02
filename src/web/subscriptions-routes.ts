/**
 * Pages of the subscriptions area (issue 8 §3): the subscribe form, confirmation (GET shows a
 * button, POST confirms, so a mail scanner that follows links confirms nothing), the management
 * page reached with the signed link of every mail, and the RFC 8058 one-click unsubscribe: POST
 * to `/unsubscribe/<token>` (what mail clients send with `List-Unsubscribe=One-Click`) removes
 * every subscription without CSRF or confirmation; GET shows a confirmation page.
 *
 * Pages that hold a token are `no-store`, `no-referrer` and `noindex`, like the request pages.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { subscribe } from '../commands/subscriptions/subscribe.js';
import { changeFrequency, confirmSubscription, removeSubscription, unsubscribeAll } from '../commands/subscriptions/manage.js';
import { AppError, type FieldIssue } from '../domain/errors.js';
import { ensureCsrfToken, verifyCsrf } from '../http/csrf.js';
import { localePath } from '../http/request-context.js';
import { manageView, subscribeOptions } from '../queries/subscriptions.js';
import { field, fields } from './form-body.js';
import { FORM_KINDS, SUBSCRIBE_FIELDS, SubscribePage, SubscriptionMessagePage, type SubscribeValues } from './public/subscription-form-page.js';
import { SubscriptionManagePage } from './public/subscription-manage-page.js';
import { sendPage, type WebEnv } from './render.js';

/** Subscription requests per minute from one address. */
const SUBSCRIBE_PER_MINUTE = 20;

function keepPrivate(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
}

/** Public pages of the subscriptions area. */
export async function registerSubscriptionsPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  const deps = core.deps;
  const l = (req: FastifyRequest, p: string) => localePath(req.ctx.locale, p);

  const formPage = async (req: FastifyRequest, reply: FastifyReply, values: SubscribeValues, issues: FieldIssue[], status = 200) => {
    req.ctx.csrf = ensureCsrfToken(req, reply);
    reply.header('cache-control', 'no-store');
    return sendPage(env, req, reply, { title: req.ctx.t('sub.title'), path: '/subscribe', description: req.ctx.t('sub.intro') }, SubscribePage({ ctx: req.ctx, options: await subscribeOptions(deps), values, issues }), { status });
  };

  app.get('/subscribe', async (req, reply) => {
    const q = fields(req.query, SUBSCRIBE_FIELDS);
    // A link from a search page carries its query string as `search`; from a document page, `document`.
    return formPage(req, reply, { ...q, frequency: q.frequency || 'immediate' }, []);
  });

  app.post('/subscribe', { onRequest: app.rateLimit({ max: SUBSCRIBE_PER_MINUTE, timeWindow: '1 minute' }) }, async (req, reply) => {
    verifyCsrf(req);
    const v = fields(req.body, SUBSCRIBE_FIELDS);
    const targetField = FORM_KINDS.find(([k]) => k === v.kind)?.[1];
    try {
      await subscribe(deps, { email: v.email, kind: v.kind, target: targetField ? v[targetField] : '', subtree: v.subtree === '1', frequency: v.frequency, locale: req.ctx.locale });
    } catch (e) {
      if (!(e instanceof AppError) || e.kind !== 'invalid') throw e;
      const issues = (e.fields.length ? e.fields : [{ field: 'kind', code: e.code }]).map((i) => (i.field === 'target' ? { ...i, field: targetField ?? 'kind' } : i));
      return formPage(req, reply, v, issues, 400);
    }
    keepPrivate(reply);
    return sendPage(env, req, reply, { title: req.ctx.t('sub.sent.title'), path: '/subscribe', noindex: true }, SubscriptionMessagePage({ ctx: req.ctx, title: req.ctx.t('sub.sent.title'), body: req.ctx.t('sub.sent.body') }));
  });

  app.get<{ Params: { token: string } }>('/subscriptions/confirm/:token', async (req, reply) => {
    req.ctx.csrf = ensureCsrfToken(req, reply);
    keepPrivate(reply);
    const action = l(req, `/subscriptions/confirm/${encodeURIComponent(req.params.token)}`);
    return sendPage(
      env,
      req,
      reply,
      { title: req.ctx.t('sub.confirm.title'), path: '/subscriptions/confirm', noindex: true },
      SubscriptionMessagePage({ ctx: req.ctx, title: req.ctx.t('sub.confirm.title'), body: req.ctx.t('sub.confirm.body'), form: { action, button: req.ctx.t('sub.confirm.button'), csrf: true } }),
    );
  });

  app.post<{ Params: { token: string } }>('/subscriptions/confirm/:token', async (req, reply) => {
    verifyCsrf(req);
    const r = await confirmSubscription(deps, req.params.token);
    keepPrivate(reply);
    return sendPage(
      env,
      req,
      reply,
      { title: req.ctx.t('sub.confirmed.title'), path: '/subscriptions/confirm', noindex: true },
      SubscriptionMessagePage({ ctx: req.ctx, title: req.ctx.t('sub.confirmed.title'), body: req.ctx.t('sub.confirmed.body', { label: r.label }), link: { href: l(req, r.managePath), label: req.ctx.t('sub.manage.link') } }),
    );
  });

  const managePage = async (req: FastifyRequest, reply: FastifyReply, token: string, flash?: string) => {
    const view = await manageView(deps, token);
    req.ctx.csrf = ensureCsrfToken(req, reply);
    keepPrivate(reply);
    return sendPage(
      env,
      req,
      reply,
      { title: req.ctx.t('sub.manage.title'), path: '/subscriptions/manage', noindex: true },
      SubscriptionManagePage({ ctx: req.ctx, token, email: view.email, subscriptions: view.subscriptions, ...(flash ? { flash } : {}) }),
    );
  };

  app.get<{ Params: { token: string }; Querystring: { done?: string } }>('/subscriptions/manage/:token', async (req, reply) => {
    const done = req.query.done;
    return managePage(req, reply, req.params.token, done === 'saved' ? req.ctx.t('sub.manage.saved') : done === 'removed' ? req.ctx.t('sub.manage.removed') : undefined);
  });

  app.post<{ Params: { token: string } }>('/subscriptions/manage/:token/frequency', async (req, reply) => {
    verifyCsrf(req);
    await changeFrequency(deps, req.params.token, field(req.body, 'id'), field(req.body, 'frequency'));
    return reply.redirect(`${l(req, `/subscriptions/manage/${encodeURIComponent(req.params.token)}`)}?done=saved`, 303);
  });

  app.post<{ Params: { token: string } }>('/subscriptions/manage/:token/remove', async (req, reply) => {
    verifyCsrf(req);
    await removeSubscription(deps, req.params.token, field(req.body, 'id'));
    return reply.redirect(`${l(req, `/subscriptions/manage/${encodeURIComponent(req.params.token)}`)}?done=removed`, 303);
  });

  const unsubscribedPage = (req: FastifyRequest, reply: FastifyReply) => {
    keepPrivate(reply);
    return sendPage(env, req, reply, { title: req.ctx.t('sub.unsub.done.title'), path: '/unsubscribe', noindex: true }, SubscriptionMessagePage({ ctx: req.ctx, title: req.ctx.t('sub.unsub.done.title'), body: req.ctx.t('sub.unsub.done.body') }));
  };

  app.post<{ Params: { token: string } }>('/subscriptions/manage/:token/all', async (req, reply) => {
    verifyCsrf(req);
    await unsubscribeAll(deps, req.params.token);
    return unsubscribedPage(req, reply);
  });

  app.get<{ Params: { token: string } }>('/unsubscribe/:token', async (req, reply) => {
    // Checks the link first, so a wrong one says so before asking anything.
    await manageView(deps, req.params.token);
    keepPrivate(reply);
    return sendPage(
      env,
      req,
      reply,
      { title: req.ctx.t('sub.unsub.title'), path: '/unsubscribe', noindex: true },
      SubscriptionMessagePage({ ctx: req.ctx, title: req.ctx.t('sub.unsub.title'), body: req.ctx.t('sub.unsub.body'), form: { action: l(req, `/unsubscribe/${encodeURIComponent(req.params.token)}`), button: req.ctx.t('sub.unsub.button'), csrf: false } }),
    );
  });

  // RFC 8058 §3.1: the mail client POSTs `List-Unsubscribe=One-Click` to the URL of the header,
  // with no cookies and no CSRF token; the signed token in the URL is the authority.
  app.post<{ Params: { token: string } }>('/unsubscribe/:token', async (req, reply) => {
    await unsubscribeAll(deps, req.params.token);
    return unsubscribedPage(req, reply);
  });
}

/** Staff console pages of the subscriptions area (mounted under /admin): none; subscribers are not listed to staff. */
export async function registerSubscriptionsAdminPages(_app: FastifyInstance, _core: AppContext, _env: WebEnv): Promise<void> {}
