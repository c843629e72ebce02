/**
 * The console pages of messages to agencies under `/admin/messages`: the lists (open, overdue,
 * mine, finished, all; supervisors see their subtree), one message with its sender and the forms
 * to assign, answer, transfer and redirect (Art. 39), and the agencies' answer deadlines.
 * Registered inside the `/admin` scope, so its sign-in and CSRF hooks apply. Every rule lives in
 * the commands.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import type { Actor } from '../commands/actor.js';
import { answerMessage } from '../commands/messages/answer-message.js';
import { assignMessage } from '../commands/messages/assign-message.js';
import { redirectMessage } from '../commands/messages/redirect-message.js';
import { setAnswerDays } from '../commands/messages/set-answer-days.js';
import { transferMessage } from '../commands/messages/transfer-message.js';
import { unpublishMessage } from '../commands/messages/unpublish-message.js';
import { AppError, type FieldIssue } from '../domain/errors.js';
import { isOneOf, MESSAGE_KINDS } from '../domain/messages/message-rules.js';
import { localePath } from '../http/request-context.js';
import { hasKey } from '../i18n/i18n.js';
import { answerDaysSetting, listMessages, messageDetail, MESSAGE_VIEWS, readableAgencies, settableAgencies } from '../queries/staff-messages.js';
import { MessageAdminDetailPage } from './admin/message-detail-page.js';
import { MessageAdminListPage } from './admin/message-list-page.js';
import { MessageSettingsPage } from './admin/message-settings-page.js';
import { field, intField } from './form-body.js';
import { sendPage, type WebEnv } from './render.js';

function actorOf(req: FastifyRequest): Actor {
  if (!req.ctx.actor) throw new AppError('login_required');
  return req.ctx.actor;
}

type Failure = { issues: FieldIssue[]; refusal?: string; status: number };

function failureOf(req: FastifyRequest, e: unknown): Failure | null {
  if (!(e instanceof AppError)) return null;
  if (e.kind === 'invalid' && e.fields.length) return { issues: e.fields, status: 400 };
  if (e.kind === 'invalid' || e.kind === 'conflict') {
    const key = `error.${e.code}`;
    return { issues: [], refusal: hasKey(key) ? req.ctx.t(key) : req.ctx.t('error.validation_failed'), status: e.kind === 'invalid' ? 400 : 409 };
  }
  return null;
}

/** Staff console pages of the messages area (mounted under /admin). */
export async function registerMessagesAdminPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  const deps = core.deps;
  const l = (req: FastifyRequest, p: string) => localePath(req.ctx.locale, p);
  const meta = (title: string, path: string) => ({ title, path, noindex: true });

  app.get<{ Querystring: Record<string, string | undefined> }>('/messages', async (req, reply) => {
    const actor = actorOf(req);
    const view = isOneOf(MESSAGE_VIEWS, req.query.view ?? '') ? (req.query.view as (typeof MESSAGE_VIEWS)[number]) : 'open'; // checked just before
    const kind = isOneOf(MESSAGE_KINDS, req.query.kind ?? '') ? (req.query.kind ?? '') : '';
    const agencies = await readableAgencies(deps, actor);
    const agencyId = agencies.some((a) => a.id === req.query.agency) ? (req.query.agency ?? '') : '';
    const items = await listMessages(deps, actor, { view, ...(kind ? { kind } : {}), ...(agencyId ? { agencyId } : {}) });
    const canSettings = (await settableAgencies(deps, actor)).length > 0;
    return sendPage(env, req, reply, meta(req.ctx.t('msg.admin.title'), '/admin/messages'), MessageAdminListPage({ ctx: req.ctx, view, kind, agencyId, agencies, items, canSettings }), { area: 'admin', current: '/admin/messages' });
  });

  const settingsPage = async (req: FastifyRequest, issues: FieldIssue[], flash?: string, status = 200) => {
    const actor = actorOf(req);
    const agencies = await settableAgencies(deps, actor);
    const rows = [];
    for (const a of agencies) rows.push(await answerDaysSetting(deps, actor, a.id));
    return { rows, issues, status, ...(flash ? { flash } : {}) };
  };

  app.get<{ Querystring: Record<string, string | undefined> }>('/messages/settings', async (req, reply) => {
    const s = await settingsPage(req, [], req.query.saved ? req.ctx.t('msg.admin.saved') : undefined);
    return sendPage(env, req, reply, meta(req.ctx.t('msg.admin.settings'), '/admin/messages/settings'), MessageSettingsPage({ ctx: req.ctx, ...s }), { area: 'admin', current: '/admin/messages' });
  });

  app.post('/messages/settings', async (req, reply) => {
    try {
      await setAnswerDays(deps, actorOf(req), field(req.body, 'agency'), intField(req.body, 'answer_days'));
      return reply.redirect(l(req, '/admin/messages/settings?saved=1'), 303);
    } catch (e) {
      const f = failureOf(req, e);
      if (!f) throw e;
      const s = await settingsPage(req, f.issues.length ? f.issues : [{ field: 'answer_days', code: 'invalid' }], undefined, f.status);
      return sendPage(env, req, reply, meta(req.ctx.t('msg.admin.settings'), '/admin/messages/settings'), MessageSettingsPage({ ctx: req.ctx, ...s }), { area: 'admin', current: '/admin/messages', status: s.status });
    }
  });

  const detail = async (req: FastifyRequest<{ Params: { id: string } }>, over: { issues?: FieldIssue[]; refusal?: string; step?: string } = {}) => {
    const d = await messageDetail(deps, actorOf(req), req.params.id);
    return MessageAdminDetailPage({ ctx: req.ctx, d, issues: over.issues ?? [], ...(over.refusal ? { refusal: over.refusal } : {}), ...(over.step ? { step: over.step } : {}) });
  };

  app.get<{ Params: { id: string } }>('/messages/:id', async (req, reply) =>
    sendPage(env, req, reply, meta(req.ctx.t('msg.admin.title'), `/admin/messages/${req.params.id}`), await detail(req), { area: 'admin', current: '/admin/messages' }),
  );

  const steps: Record<string, (actor: Actor, id: string, body: unknown) => Promise<unknown>> = {
    assign: (actor, id, body) => assignMessage(deps, actor, id, field(body, 'officer')),
    answer: (actor, id, body) => answerMessage(deps, actor, id, field(body, 'answer')),
    transfer: (actor, id, body) => transferMessage(deps, actor, id, { toAgencyId: field(body, 'to_agency'), reason: field(body, 'reason') }),
    redirect: (actor, id, body) => redirectMessage(deps, actor, id, { channel: field(body, 'channel'), note: field(body, 'note') }),
    unpublish: (actor, id, body) => unpublishMessage(deps, actor, id, field(body, 'unpublish_reason')),
  };

  app.post<{ Params: { id: string; step: string } }>('/messages/:id/:step', async (req, reply) => {
    const run = Object.hasOwn(steps, req.params.step) ? steps[req.params.step] : undefined;
    if (!run) throw new AppError('not_found');
    try {
      await run(actorOf(req), req.params.id, req.body);
      // A transferred message may leave the actor's scope: back to the list, not its page.
      const next = req.params.step === 'transfer' ? '/admin/messages?view=all' : `/admin/messages/${encodeURIComponent(req.params.id)}`;
      return reply.redirect(l(req, next), 303);
    } catch (e) {
      const f = failureOf(req, e);
      if (!f) throw e;
      const content = await detail(req, { issues: f.issues, step: req.params.step, ...(f.refusal ? { refusal: f.refusal } : {}) });
      return sendPage(env, req, reply, meta(req.ctx.t('msg.admin.title'), `/admin/messages/${req.params.id}`), content, { area: 'admin', current: '/admin/messages', status: f.status });
    }
  });
}
