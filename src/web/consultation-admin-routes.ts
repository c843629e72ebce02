/**
 * The staff console of consultations under `/admin/consultations`: the list, opening a published
 * draft for comment, one consultation with every comment and its moderation, closing by hand, the
 * moderation queue, and the feedback summary. Registered inside the `/admin` scope, so its
 * sign-in and CSRF hooks apply. Every rule lives in the commands.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import type { Actor } from '../commands/actor.js';
import { closeConsultation } from '../commands/consultations/close-consultation.js';
import { moderateComment } from '../commands/consultations/moderate.js';
import { openConsultation } from '../commands/consultations/open-consultation.js';
import { saveSummary, type PointInput } from '../commands/consultations/summary.js';
import { AppError, type FieldIssue } from '../domain/errors.js';
import { localePath } from '../http/request-context.js';
import { consultationAgencies, moderationQueue, staffConsultation, staffConsultations } from '../queries/consultations.js';
import { AdminConsultationListPage, AdminConsultationPage, ModerationQueuePage, NewConsultationPage } from './admin/consultation-pages.js';
import { field, fields } from './form-body.js';
import { sendPage, type WebEnv } from './render.js';
import { commentsCsv } from './admin/consultation-csv.js';
import { contentDisposition } from './public/content-disposition.js';

function actorOf(req: FastifyRequest): Actor {
  if (!req.ctx.actor) throw new AppError('login_required');
  return req.ctx.actor;
}

function formIssues(e: unknown): FieldIssue[] | null {
  if (e instanceof AppError && e.kind === 'invalid') return e.fields.length ? e.fields : [{ field: 'form', code: e.code }];
  return null;
}

const NEW_FIELDS = ['agency_id', 'draft_index_number', 'title', 'description', 'starts_local', 'ends_local', 'moderation', 'allow_anonymous'] as const;
const ID = /^[0-9a-f-]{36}$/;
/** The most point rows a summary form may send. */
const MAX_POINTS = 60;

/** Registers the console pages on the `/admin` scope. */
export async function registerConsultationAdmin(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  const deps = core.deps;
  const l = (req: FastifyRequest, p: string) => localePath(req.ctx.locale, p);
  const meta = (title: string, path: string) => ({ title, path, noindex: true });
  const current = '/admin/consultations';
  const idOf = (id: string) => {
    if (!ID.test(id)) throw new AppError('consultation_not_found');
    return id;
  };

  app.get('/consultations', async (req, reply) => {
    const actor = actorOf(req);
    const [items, agencies, queue] = await Promise.all([staffConsultations(deps, actor), consultationAgencies(deps, actor), moderationQueue(deps, actor)]);
    return sendPage(env, req, reply, meta(req.ctx.t('cs.admin.title'), current), AdminConsultationListPage({ ctx: req.ctx, items, canCreate: agencies.length > 0, queued: queue.length }), { area: 'admin', current });
  });

  const newPage = async (req: FastifyRequest, values: Record<string, string>, issues: FieldIssue[], status = 200) => {
    const agencies = await consultationAgencies(deps, actorOf(req));
    if (!agencies.length) throw new AppError('forbidden');
    return { agencies, values, issues, status };
  };
  app.get('/consultations/new', async (req, reply) => {
    const p = await newPage(req, { moderation: 'post' }, []);
    return sendPage(env, req, reply, meta(req.ctx.t('cs.admin.new'), '/admin/consultations/new'), NewConsultationPage({ ctx: req.ctx, ...p }), { area: 'admin', current });
  });
  app.post('/consultations/new', async (req, reply) => {
    const v = fields(req.body, NEW_FIELDS);
    try {
      const r = await openConsultation(deps, actorOf(req), { ...v, allow_anonymous: v.allow_anonymous === '1' });
      return reply.redirect(`${l(req, `/admin/consultations/${r.id}`)}?done=opened`, 303);
    } catch (e) {
      const issues = formIssues(e);
      if (!issues) throw e;
      const p = await newPage(req, v, issues, 400);
      return sendPage(env, req, reply, meta(req.ctx.t('cs.admin.new'), '/admin/consultations/new'), NewConsultationPage({ ctx: req.ctx, ...p }), { area: 'admin', current, status: 400 });
    }
  });

  app.get('/consultations/queue', async (req, reply) => {
    const actor = actorOf(req);
    const items = await moderationQueue(deps, actor);
    const ids = [...new Set(items.map((i) => i.consultation_id))];
    const views = new Map(await Promise.all(ids.map(async (id) => [id, await staffConsultation(deps, actor, id)] as const)));
    return sendPage(
      env,
      req,
      reply,
      meta(req.ctx.t('cs.admin.queue'), '/admin/consultations/queue'),
      ModerationQueuePage({ ctx: req.ctx, items, tzOf: (id) => views.get(id)?.c.time_zone ?? deps.defaultTimeZone, paragraphsOf: (id) => views.get(id)?.paragraphs ?? [] }),
      { area: 'admin', current },
    );
  });

  const detail = async (req: FastifyRequest, id: string, values: Record<string, string> = {}, issues: FieldIssue[] = [], status = 200, flash?: string) => {
    const v = await staffConsultation(deps, actorOf(req), id);
    return { v, values, issues, status, ...(flash ? { flash } : {}) };
  };
  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/consultations/:id', async (req, reply) => {
    const done = req.query.done;
    const flash = done === 'opened' || done === 'closed' || done === 'saved' || done === 'published' || done === 'moderated' ? req.ctx.t(`cs.admin.done.${done}`) : undefined;
    const d = await detail(req, idOf(req.params.id), {}, [], 200, flash);
    return sendPage(env, req, reply, meta(d.v.c.title, `/admin/consultations/${d.v.c.id}`), AdminConsultationPage({ ctx: req.ctx, ...d }), { area: 'admin', current });
  });

  // Every received comment for the agency's own analysis (no e-mail address: not needed to weigh a comment).
  app.get<{ Params: { id: string } }>('/consultations/:id/comments.csv', async (req, reply) => {
    const v = await staffConsultation(deps, actorOf(req), idOf(req.params.id));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', contentDisposition(`${v.c.title}-意见.csv`))
      .send(commentsCsv(req.ctx, v));
  });

  app.post<{ Params: { id: string } }>('/consultations/:id/close', async (req, reply) => {
    const id = idOf(req.params.id);
    await closeConsultation(deps, actorOf(req), id);
    return reply.redirect(`${l(req, `/admin/consultations/${id}`)}?done=closed`, 303);
  });

  app.post<{ Params: { id: string } }>('/consultations/:id/summary', async (req, reply) => {
    const id = idOf(req.params.id);
    const body = req.body;
    const rows = Math.min(MAX_POINTS, Math.max(0, Number(field(body, 'rows')) || 0));
    const points: PointInput[] = [];
    const values: Record<string, string> = { intro: field(body, 'intro'), final_index_number: field(body, 'final_index_number') };
    for (let i = 1; i <= rows; i++) {
      const p = { point: field(body, `point_${i}`), decision: field(body, `decision_${i}`), reason: field(body, `reason_${i}`) };
      values[`point_${i}`] = p.point;
      values[`decision_${i}`] = p.decision;
      values[`reason_${i}`] = p.reason;
      points.push(p);
    }
    const publish = field(body, 'action') === 'publish';
    try {
      await saveSummary(deps, actorOf(req), id, { intro: values.intro ?? '', final_index_number: values.final_index_number ?? '', points }, publish);
      return reply.redirect(`${l(req, `/admin/consultations/${id}`)}?done=${publish ? 'published' : 'saved'}`, 303);
    } catch (e) {
      const issues = formIssues(e);
      if (!issues) throw e;
      // Issues name rows among the non-empty ones; map them back to the rows as typed.
      const typed = points.map((p, i) => ({ p, i: i + 1 })).filter(({ p }) => p.point.trim() || p.reason.trim());
      const remapped = issues.map((x) => {
        const m = /^(point|decision|reason)_(\d+)$/.exec(x.field);
        const row = m ? typed[Number(m[2]) - 1] : undefined;
        return m && row ? { ...x, field: `${m[1]}_${row.i}` } : x;
      });
      const d = await detail(req, id, values, remapped, 400);
      return sendPage(env, req, reply, meta(d.v.c.title, `/admin/consultations/${id}`), AdminConsultationPage({ ctx: req.ctx, ...d }), { area: 'admin', current, status: 400 });
    }
  });

  app.post<{ Params: { cid: string } }>('/consultations/comments/:cid/moderate', async (req, reply) => {
    if (!ID.test(req.params.cid)) throw new AppError('comment_not_found');
    const v = fields(req.body, ['decision', 'reason', 'version', 'back'] as const);
    await moderateComment(deps, actorOf(req), req.params.cid, { decision: v.decision, reason: v.reason, version: Number(v.version) || 0 });
    const back = /^\/admin\/consultations(\/queue|\/[0-9a-f-]{36})$/.test(v.back) ? v.back : '/admin/consultations/queue';
    return reply.redirect(`${l(req, back)}${back.endsWith('/queue') ? '' : '?done=moderated'}#c-${req.params.cid}`, 303);
  });
}
