/**
 * The consultation pages (意见征集, issue 8 §1). Public: the list, a consultation (draft with
 * numbered paragraphs, comment form, visible comments, statistics, feedback summary), the
 * verification landing page. The staff console pages are in `consultation-admin-routes.ts`.
 *
 * Readers have no account: a random id in the `gk_reader` cookie (httpOnly) tells one reader's
 * reports apart and counts an anonymous commenter once; the store keeps only its hash. Pages with
 * a form are `no-store` (they hold the CSRF token), so the page cache never keeps them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { checkVerification, submitComment, verifyComment } from '../commands/consultations/comment.js';
import { reportComment } from '../commands/consultations/moderate.js';
import { AppError, type FieldIssue } from '../domain/errors.js';
import { ensureCsrfToken, verifyCsrf } from '../http/csrf.js';
import { localePath } from '../http/request-context.js';
import { publicConsultation, publicConsultations } from '../queries/consultations.js';
import { newToken } from '../security/tokens.js';
import { registerConsultationAdmin } from './consultation-admin-routes.js';
import { field, fields } from './form-body.js';
import { ConsultationPage, type CommentValues, type ConsultationPageProps } from './public/consultation-page.js';
import { ConsultationListPage, ConsultationMessagePage, VerifyPage } from './public/consultation-list-page.js';
import { sendPage, type WebEnv } from './render.js';

const READER_COOKIE = 'gk_reader';
const ID = /^[0-9a-f-]{36}$/;
/** Comments per minute from one address. */
const COMMENTS_PER_MINUTE = 20;

/** The reader's random id, set on first visit. */
function readerId(req: FastifyRequest, reply: FastifyReply): string {
  const existing = req.cookies[READER_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const id = newToken();
  reply.setCookie(READER_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: 365 * 24 * 3600 });
  // Later reads in this request see the same id.
  req.cookies[READER_COOKIE] = id;
  return id;
}

function formIssues(e: unknown): FieldIssue[] | null {
  if (e instanceof AppError && e.kind === 'invalid') return e.fields.length ? e.fields : [{ field: 'form', code: e.code }];
  return null;
}

function idOf(id: string): string {
  if (!ID.test(id)) throw new AppError('consultation_not_found');
  return id;
}

/** Public pages of the consultations area. */
export async function registerConsultationsPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  const deps = core.deps;
  const l = (req: FastifyRequest, p: string) => localePath(req.ctx.locale, p);

  app.get('/consultations', async (req, reply) =>
    sendPage(env, req, reply, { title: req.ctx.t('cs.title'), path: '/consultations', description: req.ctx.t('cs.intro') }, ConsultationListPage({ ctx: req.ctx, items: await publicConsultations(deps) }), { current: '/consultations' }),
  );

  const page = async (req: FastifyRequest, reply: FastifyReply, id: string, over: Partial<Pick<ConsultationPageProps, 'values' | 'issues' | 'flash'>> & { status?: number } = {}) => {
    const v = await publicConsultation(deps, id);
    req.ctx.csrf = ensureCsrfToken(req, reply);
    readerId(req, reply);
    reply.header('cache-control', 'no-store');
    return sendPage(
      env,
      req,
      reply,
      { title: v.c.title, path: `/consultations/${v.c.id}`, description: v.c.description.slice(0, 200) || undefined },
      ConsultationPage({ ctx: req.ctx, v, values: over.values ?? {}, issues: over.issues ?? [], ...(over.flash ? { flash: over.flash } : {}) }),
      { current: '/consultations', status: over.status ?? 200 },
    );
  };

  const FLASH: Record<string, { kind: 'ok' | 'info' | 'warn'; key: 'cs.sent.unverified' | 'cs.sent.pending' | 'cs.sent.published' | 'cs.sent.personal_data' | 'cs.reported' | 'cs.reported_dup' }> = {
    unverified: { kind: 'info', key: 'cs.sent.unverified' },
    pending: { kind: 'info', key: 'cs.sent.pending' },
    published: { kind: 'ok', key: 'cs.sent.published' },
    personal_data: { kind: 'warn', key: 'cs.sent.personal_data' },
    reported: { kind: 'ok', key: 'cs.reported' },
    reported_dup: { kind: 'info', key: 'cs.reported_dup' },
  };

  app.get<{ Params: { id: string }; Querystring: Record<string, string | undefined> }>('/consultations/:id', async (req, reply) => {
    const id = idOf(req.params.id);
    const p = typeof req.query.p === 'string' && /^\d{1,4}$/.test(req.query.p) ? req.query.p : '';
    const f = FLASH[String(req.query.sent ?? req.query.r ?? '')];
    return page(req, reply, id, { values: { paragraph: p }, ...(f ? { flash: { kind: f.kind, text: req.ctx.t(f.key) } } : {}) });
  });

  app.post<{ Params: { id: string } }>('/consultations/:id/comments', { onRequest: app.rateLimit({ max: COMMENTS_PER_MINUTE, timeWindow: '1 minute' }) }, async (req, reply) => {
    const id = idOf(req.params.id);
    verifyCsrf(req);
    const v = fields(req.body, ['paragraph', 'body', 'display_name', 'mode', 'email'] as const);
    const values: CommentValues = v;
    try {
      const r = await submitComment(deps, { consultation_id: id, ...v, mode: v.mode || 'email', reader_id: readerId(req, reply), locale: req.ctx.locale });
      const sent = r.queueReason === 'personal_data' ? 'personal_data' : r.state;
      return reply.redirect(`${l(req, `/consultations/${id}`)}?sent=${sent}#cs-form-h`, 303);
    } catch (e) {
      if (e instanceof AppError && e.code === 'consultation_window_closed') return page(req, reply, id, { values, flash: { kind: 'warn', text: req.ctx.t('error.consultation_window_closed') }, status: 409 });
      const issues = formIssues(e);
      if (!issues) throw e;
      return page(req, reply, id, { values, issues, status: 400 });
    }
  });

  app.post<{ Params: { id: string; cid: string } }>('/consultations/:id/comments/:cid/report', { onRequest: app.rateLimit({ max: COMMENTS_PER_MINUTE, timeWindow: '1 minute' }) }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!ID.test(req.params.cid)) throw new AppError('comment_not_found');
    verifyCsrf(req);
    let r = 'reported';
    try {
      await reportComment(deps, { comment_id: req.params.cid, reader_id: readerId(req, reply), reason: field(req.body, 'reason') });
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'already_reported') throw e;
      r = 'reported_dup';
    }
    return reply.redirect(`${l(req, `/consultations/${id}`)}?r=${r}#c-${req.params.cid}`, 303);
  });

  // --- the one-time verification link -----------------------------------------------------------
  const privateHeaders = (reply: FastifyReply) => reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
  const invalidLink = (req: FastifyRequest, reply: FastifyReply) =>
    sendPage(env, req, reply, { title: req.ctx.t('cs.verify.invalid_title'), path: '/consultations/verify', noindex: true }, ConsultationMessagePage({ ctx: req.ctx, heading: req.ctx.t('cs.verify.invalid_title'), text: req.ctx.t('cs.verify.invalid'), back: { href: '/consultations', label: req.ctx.t('cs.title') } }), { current: '/consultations', status: 404 });

  app.get<{ Querystring: { t?: string } }>('/consultations/verify', async (req, reply) => {
    privateHeaders(reply);
    const token = typeof req.query.t === 'string' ? req.query.t : '';
    try {
      const info = await checkVerification(deps, token);
      req.ctx.csrf = ensureCsrfToken(req, reply);
      return sendPage(env, req, reply, { title: req.ctx.t('cs.verify.title'), path: '/consultations/verify', noindex: true }, VerifyPage({ ctx: req.ctx, token, title: info.title, consultationId: info.consultationId }), { current: '/consultations' });
    } catch (e) {
      if (e instanceof AppError && e.code === 'verification_invalid') return invalidLink(req, reply);
      throw e;
    }
  });

  app.post('/consultations/verify', async (req, reply) => {
    privateHeaders(reply);
    verifyCsrf(req);
    try {
      const r = await verifyComment(deps, field(req.body, 't'));
      const sent = r.queueReason === 'personal_data' ? 'personal_data' : r.state;
      return reply.redirect(`${l(req, `/consultations/${r.consultationId}`)}?sent=${sent}#cs-form-h`, 303);
    } catch (e) {
      if (e instanceof AppError && e.code === 'verification_invalid') return invalidLink(req, reply);
      throw e;
    }
  });
}

/** Staff console pages of the consultations area (mounted under /admin). */
export async function registerConsultationsAdminPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  await registerConsultationAdmin(app, core, env);
}
