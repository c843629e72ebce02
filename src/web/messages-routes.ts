/**
 * The public pages of messages to agencies (政民互动 / 留言, issue 8 §2): the form (no account),
 * the confirmation with tracking number and private link (shown once), the published list with
 * ratings per agency, one published message, the look-up form and the sender's private page with
 * the rating form. The console pages are in `messages-admin-routes.ts`.
 *
 * Pages that hold the private token or the form's answers are sent with `Cache-Control:
 * no-store`, `Referrer-Policy: no-referrer` and `X-Robots-Tag: noindex` (as the request pages).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { rateMessage } from '../commands/messages/rate-message.js';
import { submitMessage } from '../commands/messages/submit-message.js';
import { AppError, type FieldIssue } from '../domain/errors.js';
import { cleanMessageInput, isOneOf, MESSAGE_KINDS } from '../domain/messages/message-rules.js';
import { ensureCsrfToken, verifyCsrf } from '../http/csrf.js';
import { localePath } from '../http/request-context.js';
import { pick } from '../i18n/i18n.js';
import { agencyByCode, publicAgencyTree, type AgencyNode } from '../queries/agencies.js';
import { publishedMessage, publishedMessages, ratingSummaries, senderView } from '../queries/messages.js';
import type { Agency } from '../store/schema.js';
import { field, fields } from './form-body.js';
import { MESSAGE_FIELDS, MessageFormPage, MessageSentPage, type MessageValues } from './public/message-form-page.js';
import { MessageListPage } from './public/message-list-page.js';
import { MessagePage } from './public/message-page.js';
import { messagePath, messagePrivatePath } from './public/message-parts.js';
import { MessagePrivatePage, MessageTrackPage } from './public/message-private-page.js';
import { sendPage, type WebEnv } from './render.js';
import { registerMessagesAdminPages as registerAdmin } from './messages-admin-routes.js';

/** Messages per minute from one address: the platform's rate limit, as for applications. */
const SEND_PER_MINUTE = 30;

function flatten(nodes: AgencyNode[], out: Agency[] = []): Agency[] {
  for (const n of nodes) {
    out.push(n.agency);
    flatten(n.children, out);
  }
  return out;
}

function formIssues(e: unknown): FieldIssue[] | null {
  if (e instanceof AppError && e.kind === 'invalid') return e.fields.length ? e.fields : [{ field: 'form', code: e.code }];
  return null;
}

function keepPrivate(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
}

/** Public pages of the messages area. */
export async function registerMessagesPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  const deps = core.deps;
  const l = (req: FastifyRequest, p: string) => localePath(req.ctx.locale, p);

  app.get<{ Querystring: Record<string, string | undefined> }>('/messages', async (req, reply) => {
    const q = req.query;
    const kind = typeof q.kind === 'string' && isOneOf(MESSAGE_KINDS, q.kind) ? q.kind : '';
    const code = typeof q.agency === 'string' ? q.agency.slice(0, 40) : '';
    const agency = code ? await agencyByCode(deps, code) : undefined;
    const page = /^[0-9]{1,5}$/.test(q.page ?? '') ? Math.max(1, Number(q.page)) : 1;
    const list = await publishedMessages(deps, { ...(agency ? { agencyCode: agency.code } : {}), ...(kind ? { kind } : {}), page, pageSize: 20 });
    const ratings = await ratingSummaries(deps, agency?.code);
    return sendPage(
      env, req, reply,
      { title: req.ctx.t('msg.title'), path: '/messages', description: req.ctx.t('msg.list.intro') },
      MessageListPage({ ctx: req.ctx, ...list, kind, agencyCode: agency?.code ?? '', agencyName: agency ? pick(req.ctx.locale, agency.name_zh, agency.name_en) : '', ratings }),
      { current: '/messages' },
    );
  });

  const formPage = async (req: FastifyRequest, reply: FastifyReply, values: MessageValues, issues: FieldIssue[], status = 200) => {
    req.ctx.csrf = ensureCsrfToken(req, reply);
    keepPrivate(reply);
    const agencies = flatten(await publicAgencyTree(deps));
    return sendPage(env, req, reply, { title: req.ctx.t('msg.form.title'), path: '/messages/new' }, MessageFormPage({ ctx: req.ctx, agencies, values, issues }), { current: '/messages', status });
  };

  app.get<{ Querystring: { agency?: string } }>('/messages/new', async (req, reply) => formPage(req, reply, { agency_code: typeof req.query.agency === 'string' ? req.query.agency.slice(0, 40) : '' }, []));

  app.post('/messages/new', { onRequest: app.rateLimit({ max: SEND_PER_MINUTE, timeWindow: '1 minute' }) }, async (req, reply) => {
    verifyCsrf(req);
    const v = fields(req.body, MESSAGE_FIELDS);
    const input = { kind: v.kind, category: v.category, title: v.title, body: v.body, name: v.name, email: v.email, phone: v.phone, is_public: v.is_public === '1' };
    try {
      const agency = v.agency_code ? await agencyByCode(deps, v.agency_code) : undefined;
      if (!agency || agency.status !== 'open') {
        const issues: FieldIssue[] = [{ field: 'agency_code', code: v.agency_code ? 'invalid' : 'required' }];
        try {
          cleanMessageInput(input);
        } catch (e) {
          issues.push(...(formIssues(e) ?? []));
        }
        throw new AppError('validation_failed', { fields: issues });
      }
      const r = await submitMessage(deps, agency.id, input, { ip: req.ip, locale: req.ctx.locale });
      keepPrivate(reply);
      const url = env.baseUrl + localePath(req.ctx.locale, messagePrivatePath(r.trackingNumber, r.token));
      return sendPage(
        env, req, reply,
        { title: req.ctx.t('msg.sent.title'), path: '/messages/new', noindex: true },
        MessageSentPage({ ctx: req.ctx, trackingNumber: r.trackingNumber, token: r.token, privateUrl: url, agency, dueDate: r.dueDate }),
        { current: '/messages' },
      );
    } catch (e) {
      const issues = formIssues(e);
      if (!issues) throw e;
      return formPage(req, reply, v, issues, 400);
    }
  });

  // --- look-up and the sender's private page ----------------------------------------------------
  const trackPage = (req: FastifyRequest, reply: FastifyReply, values: { number?: string }, issues: FieldIssue[], status = 200) => {
    keepPrivate(reply);
    return sendPage(env, req, reply, { title: req.ctx.t('msg.track.title'), path: '/messages/track', noindex: true }, MessageTrackPage({ ctx: req.ctx, values, issues }), { current: '/messages', status });
  };

  app.get('/messages/track', async (req, reply) => trackPage(req, reply, {}, []));

  // Reading only, so no CSRF token: a forged POST could show a visitor nothing they did not type.
  app.post('/messages/track', { onRequest: app.rateLimit({ max: SEND_PER_MINUTE, timeWindow: '1 minute' }) }, async (req, reply) => {
    const { number, token } = fields(req.body, ['number', 'token'] as const);
    const issues: FieldIssue[] = [];
    if (!number.trim()) issues.push({ field: 'number', code: 'required' });
    if (!token.trim()) issues.push({ field: 'token', code: 'required' });
    if (issues.length) return trackPage(req, reply, { number }, issues, 400);
    try {
      const v = await senderView(deps, number.trim(), token.trim());
      return reply.redirect(l(req, messagePrivatePath(v.tracking_number, token.trim())), 303);
    } catch (e) {
      if (e instanceof AppError && e.code === 'message_not_found') return trackPage(req, reply, { number }, [{ field: 'number', code: 'no_match' }], 404);
      throw e;
    }
  });

  const privatePage = async (req: FastifyRequest, reply: FastifyReply, number: string, token: string, over: { issues?: FieldIssue[]; flash?: string; status?: number } = {}) => {
    const v = await senderView(deps, number, token);
    req.ctx.csrf = ensureCsrfToken(req, reply);
    keepPrivate(reply);
    return sendPage(
      env, req, reply,
      { title: req.ctx.t('msg.private.title', { number: v.tracking_number }), path: `/messages/p/${encodeURIComponent(v.tracking_number)}`, noindex: true },
      MessagePrivatePage({ ctx: req.ctx, v, token, issues: over.issues ?? [], ...(over.flash ? { flash: over.flash } : {}) }),
      { current: '/messages', status: over.status ?? 200 },
    );
  };

  app.get<{ Params: { number: string }; Querystring: Record<string, string | undefined> }>('/messages/p/:number', async (req, reply) =>
    privatePage(req, reply, req.params.number, field(req.query, 't'), req.query.rated ? { flash: req.ctx.t('msg.private.thanks') } : {}),
  );

  app.post<{ Params: { number: string } }>('/messages/p/:number/rating', { onRequest: app.rateLimit({ max: SEND_PER_MINUTE, timeWindow: '1 minute' }) }, async (req, reply) => {
    verifyCsrf(req);
    const { t: token, rating, comment } = fields(req.body, ['t', 'rating', 'comment'] as const);
    try {
      await rateMessage(deps, req.params.number, token, { rating, comment });
      return reply.redirect(`${l(req, messagePrivatePath(req.params.number, token))}&rated=1`, 303);
    } catch (e) {
      const issues = formIssues(e);
      if (!issues) throw e;
      return privatePage(req, reply, req.params.number, token, { issues, status: 400 });
    }
  });

  // After the fixed paths above, so `new`, `track` and `p` are never taken for tracking numbers.
  app.get<{ Params: { number: string } }>('/messages/:number', async (req, reply) => {
    const m = await publishedMessage(deps, req.params.number);
    return sendPage(env, req, reply, { title: m.title, path: messagePath(m.tracking_number), description: m.title }, MessagePage({ ctx: req.ctx, m }), { current: '/messages' });
  });
}

/** Staff console pages of the messages area (mounted under /admin). */
export async function registerMessagesAdminPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  await registerAdmin(app, core, env);
}
