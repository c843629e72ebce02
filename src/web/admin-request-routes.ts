/**
 * The officer console of disclosure on request (issue 5 §1, §4–9) under `/admin/requests`: the
 * lists (open, overdue, mine, finished, the supervisor's overview), registration of offline
 * applications (Art. 31), one request with its applicant (staff in scope only), deadlines,
 * history and a form for each step the state allows, files, appeals, the reply letter, and the
 * letter templates. Registered inside the `/admin` scope, so its sign-in and CSRF hooks apply
 * (the multipart upload checks its token itself). Every rule lives in the commands.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import type { Actor } from '../commands/actor.js';
import { canEditLetterTemplates, saveLetterTemplate } from '../commands/letters/save-letter-template.js';
import { addStaffFile } from '../commands/requests/add-request-file.js';
import { closeRequest } from '../commands/requests/close-request.js';
import { confirmReceipt } from '../commands/requests/confirm-receipt.js';
import { endConsultation } from '../commands/requests/end-consultation.js';
import { extendRequest } from '../commands/requests/extend-request.js';
import { issueFeeNotice } from '../commands/requests/issue-fee-notice.js';
import { todayAt } from '../commands/requests/load.js';
import { markAbandoned } from '../commands/requests/mark-abandoned.js';
import { recordAppeal } from '../commands/requests/record-appeal.js';
import { recordNonPayment } from '../commands/requests/record-non-payment.js';
import { recordPayment } from '../commands/requests/record-payment.js';
import { recordSupplement } from '../commands/requests/record-supplement.js';
import { registerOffline } from '../commands/requests/register-offline.js';
import { replyToRequest } from '../commands/requests/reply-request.js';
import { requestCorrection } from '../commands/requests/request-correction.js';
import { startConsultation } from '../commands/requests/start-consultation.js';
import { takeRequest } from '../commands/requests/take-request.js';
import { updateAppealResult } from '../commands/requests/update-appeal.js';
import { AppError, invalid, type FieldIssue } from '../domain/errors.js';
import { isOutcomeCode, outcomeInfo } from '../domain/requests/outcomes.js';
import { verifyCsrfValue } from '../http/csrf.js';
import { localePath } from '../http/request-context.js';
import { hasKey, pick } from '../i18n/i18n.js';
import { agencyById } from '../queries/agencies.js';
import { ListFilterNotice } from './admin/supervision-pages.js';
import { storedLetterTemplates } from '../queries/request-letters.js';
import { handleableAgencies, listRequests, openStaffRequestFile, requestDetail, supervisorOverview, type RequestDetail } from '../queries/staff-requests.js';
import { RequestDetailPage } from './admin/request-detail-page.js';
import { LetterTemplateEditPage, LetterTemplatesPage, sampleFacts } from './admin/request-letter-pages.js';
import { REQUEST_VIEWS, RequestListPage, type RequestListView } from './admin/request-list-page.js';
import { OFFLINE_FIELDS, RequestNewPage, RequestRegisteredPage } from './admin/request-new-page.js';
import { allowedSteps, STEPS, type Step } from './admin/request-step-forms.js';
import { field, fields } from './form-body.js';
import { LetterView, templateFor, type LetterFacts } from './letters/letter.js';
import { LetterPage } from './letters/letter-page.js';
import { findPdfFont, renderLetterPdf } from './letters/letter-pdf.js';
import { contentDisposition } from './public/content-disposition.js';
import { documentPath } from './public/portal-urls.js';
import { APPLICATION_FIELDS, refineIssues } from './public/request-form-page.js';
import { privatePath } from './public/request-private-page.js';
import { sendPage, type WebEnv } from './render.js';

function actorOf(req: FastifyRequest): Actor {
  if (!req.ctx.actor) throw new AppError('login_required');
  return req.ctx.actor;
}

/** Yuan as typed (`12`, `12.5`, `12.50`) to integer fen, or NaN. */
function fenOf(s: string): number {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(s);
  if (!m || m[1] === undefined) return NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** How a failed step is shown: field issues on its form, or the command's refusal as a message. */
type Failure = { issues: FieldIssue[]; refusal?: string; status: number };

function failureOf(req: FastifyRequest, e: unknown): Failure | null {
  if (!(e instanceof AppError)) return null;
  if (e.kind === 'invalid' && e.fields.length) return { issues: e.fields.map((i) => ({ ...i, field: i.field.replace(/^linked\.\d+$/, 'linked') })), status: 400 };
  if (e.kind === 'invalid' || e.kind === 'conflict') {
    const key = `error.${e.code}`;
    return { issues: [], refusal: hasKey(key) ? req.ctx.t(key) : req.ctx.t('error.validation_failed'), status: e.kind === 'invalid' ? 400 : 409 };
  }
  return null;
}

/** Registers the console's request pages on the `/admin` plugin scope. */
export async function registerAdminRequestPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  // PDF letters need a CJK font on the server; without one the print view remains.
  const pdfFont = findPdfFont();
  const deps = core.deps;
  const l = (req: FastifyRequest, p: string) => localePath(req.ctx.locale, p);
  const meta = (title: string, path: string) => ({ title, path, noindex: true });
  const uploadMb = Math.round(deps.uploadMaxBytes / 1024 / 1024);
  const opts = (status = 200) => ({ area: 'admin' as const, current: '/admin/requests', status });

  app.get<{ Querystring: { view?: string; agency?: string; due_within?: string } }>('/requests', async (req, reply) => {
    const actor = actorOf(req);
    const canSupervise = actor.type === 'system' || actor.grants.some((g) => g.role === 'supervisor');
    const asked = req.query.view ?? 'open';
    const view: RequestListView = (REQUEST_VIEWS as readonly string[]).includes(asked) && (asked !== 'overview' || canSupervise) ? (asked as RequestListView) : 'open'; // checked just before
    // Narrowing used by the supervision page's links: one agency (id), due within N working days.
    const within = req.query.due_within;
    if (within !== undefined && !/^\d{1,2}$/.test(within)) throw new AppError('validation_failed', { fields: [{ field: 'due_within', code: 'invalid' }] });
    const filter = { ...(req.query.agency ? { agencyId: req.query.agency } : {}), ...(within !== undefined ? { dueWithin: Number(within) } : {}) };
    const overview = view === 'overview' ? await supervisorOverview(deps, actor) : null;
    const items = view === 'overview' ? [] : await listRequests(deps, actor, view, undefined, filter);
    const narrowed = req.query.agency ? await agencyById(deps, req.query.agency) : undefined;
    const filterNote = view === 'overview' ? null : ListFilterNotice({ ctx: req.ctx, agencyName: narrowed ? pick(req.ctx.locale, narrowed.name_zh, narrowed.name_en) : req.query.agency ? req.query.agency : null, dueWithin: filter.dueWithin ?? null, clearHref: `/admin/requests?view=${view}` });
    const canRegister = (await handleableAgencies(deps, actor)).length > 0;
    return sendPage(env, req, reply, meta(req.ctx.t('rq.title'), '/admin/requests'), RequestListPage({ ctx: req.ctx, view, items, overview, canRegister, canSupervise, canEditLetters: canEditLetterTemplates(actor), filter: filterNote }), opts());
  });

  // --- registration of offline applications ----------------------------------------------------
  const newPage = async (req: FastifyRequest, reply: FastifyReply, values: Record<string, string>, issues: FieldIssue[], status = 200) => {
    const agencies = await handleableAgencies(deps, actorOf(req));
    if (!agencies.length) throw new AppError('forbidden');
    return sendPage(env, req, reply, meta(req.ctx.t('rq.new.title'), '/admin/requests/new'), RequestNewPage({ ctx: req.ctx, agencies, values, issues }), opts(status));
  };

  app.get('/requests/new', async (req, reply) => newPage(req, reply, {}, []));

  app.post('/requests/new', async (req, reply) => {
    const v = fields(req.body, [...APPLICATION_FIELDS, ...OFFLINE_FIELDS] as const);
    const { agency, channel, submitted_on, signed_for_on, confirmed_on, agency_code: _unused, ...input } = v;
    try {
      const r = await registerOffline(deps, actorOf(req), agency, {
        ...input, channel, ...(submitted_on ? { submitted_on } : {}), ...(signed_for_on ? { signed_for_on } : {}), ...(confirmed_on ? { confirmed_on } : {}),
      });
      const content = RequestRegisteredPage({ ctx: req.ctx, id: r.requestId, trackingNumber: r.trackingNumber, token: r.token, privateUrl: env.baseUrl + privatePath(r.trackingNumber, r.token), state: r.state, repeatOf: r.repeatOf });
      return sendPage(env, req, reply, meta(req.ctx.t('rq.new.title'), '/admin/requests/new'), content, opts());
    } catch (e) {
      if (e instanceof AppError && e.code === 'agency_not_found') return newPage(req, reply, v, [{ field: 'agency', code: 'invalid' }], 400);
      const f = failureOf(req, e);
      if (!f) throw e;
      return newPage(req, reply, v, f.refusal ? [{ field: 'form', code: 'invalid', message: f.refusal }] : refineIssues(v, f.issues), f.status);
    }
  });

  // --- letter templates (before /requests/:id so the static segment wins) -----------------------
  app.get('/requests/letters', async (req, reply) => {
    const stored = await storedLetterTemplates(deps);
    return sendPage(env, req, reply, meta(req.ctx.t('rq.letters.title'), '/admin/requests/letters'), LetterTemplatesPage({ ctx: req.ctx, stored, canEdit: canEditLetterTemplates(actorOf(req)) }), opts());
  });

  const templatePage = async (req: FastifyRequest, reply: FastifyReply, code: string, body: string | null, issues: FieldIssue[], status = 200) => {
    if (!isOutcomeCode(code)) throw new AppError('not_found');
    const stored = await storedLetterTemplates(deps);
    const o = outcomeInfo(code);
    const text = body ?? templateFor(stored, code);
    const content = LetterTemplateEditPage({ ctx: req.ctx, outcome: o, body: text, isCustom: stored.has(code), canEdit: canEditLetterTemplates(actorOf(req)), issues, preview: sampleFacts(o, env.baseUrl) });
    return sendPage(env, req, reply, meta(req.ctx.t('rq.letters.title'), `/admin/requests/letters/${code}`), content, opts(status));
  };

  app.get<{ Params: { code: string } }>('/requests/letters/:code', async (req, reply) => templatePage(req, reply, req.params.code, null, []));

  app.post<{ Params: { code: string } }>('/requests/letters/:code', async (req, reply) => {
    const body = field(req.body, 'body');
    try {
      await saveLetterTemplate(deps, actorOf(req), req.params.code, body);
      return reply.redirect(l(req, `/admin/requests/letters/${req.params.code}`), 303);
    } catch (e) {
      const f = failureOf(req, e);
      if (!f) throw e;
      return templatePage(req, reply, req.params.code, body, f.issues, f.status);
    }
  });

  // --- one request ---------------------------------------------------------------------------
  const detailPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    over: { focus?: Step | 'file' | 'appeal'; values?: Record<string, string>; failure?: Failure; flash?: string } = {},
  ) => {
    const actor = actorOf(req);
    const d: RequestDetail = await requestDetail(deps, actor, id);
    const today = todayAt(deps, d.agency);
    const me = actor.type === 'staff' ? actor.userId : null;
    const content = RequestDetailPage({
      ctx: req.ctx, d, today, steps: allowedSteps(d, today, me), focus: over.focus ?? null, values: over.values ?? {}, issues: over.failure?.issues ?? [], uploadMb,
      ...(over.failure?.refusal ? { refusal: over.failure.refusal } : {}), ...(over.flash ? { flash: over.flash } : {}),
    });
    return sendPage(env, req, reply, meta(req.ctx.t('rq.detail_title', { number: d.req.tracking_number }), `/admin/requests/${id}`), content, opts(over.failure?.status ?? 200));
  };

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/requests/:id', async (req, reply) => {
    const done = req.query.done;
    const flash = done && hasKey(`rq.done.${done}`) ? req.ctx.t(`rq.done.${done}` as Parameters<typeof req.ctx.t>[0]) : undefined; // checked by hasKey just before
    return detailPage(req, reply, req.params.id, flash ? { flash } : {});
  });

  /** Runs one step's command with the form's fields. */
  const run = async (actor: Actor, id: string, step: Step, v: Record<string, string>): Promise<void> => {
    switch (step) {
      case 'confirm-receipt':
        return void (await confirmReceipt(deps, actor, id, v.on ? { on: v.on } : {}));
      case 'take':
        return takeRequest(deps, actor, id);
      case 'correction':
        return requestCorrection(deps, actor, id, { what: v.what ?? '', supplementBy: v.supplement_by ?? '' });
      case 'supplement':
        return void (await recordSupplement(deps, actor, id, { ...(v.on ? { on: v.on } : {}), note: v.note ?? '' }));
      case 'abandon':
        return markAbandoned(deps, actor, id);
      case 'extend': {
        const days = /^\d{1,3}$/.test((v.days ?? '').trim()) ? Number(v.days) : NaN;
        if (Number.isNaN(days)) throw invalid([{ field: 'days', code: 'invalid' }]);
        return void (await extendRequest(deps, actor, id, { days, approver: v.approver ?? '', reason: v.reason ?? '' }));
      }
      case 'consultation':
        if (v.party !== 'third_party' && v.party !== 'other_agency') throw invalid([{ field: 'party', code: 'required' }]);
        return startConsultation(deps, actor, id, { party: v.party, note: v.note ?? '' });
      case 'consultation-end':
        return void (await endConsultation(deps, actor, id, { note: v.note ?? '' }));
      case 'fee-notice': {
        if (v.method === 'per_request') return void (await issueFeeNotice(deps, actor, id, { method: 'per_request' }));
        const pages = /^\d{1,7}$/.test((v.pages ?? '').trim()) ? Number(v.pages) : NaN;
        if (v.method !== 'per_volume') throw invalid([{ field: 'method', code: 'required' }]);
        if (Number.isNaN(pages)) throw invalid([{ field: 'pages', code: 'invalid' }]);
        return void (await issueFeeNotice(deps, actor, id, { method: 'per_volume', pages }));
      }
      case 'fee-payment': {
        const fen = fenOf(v.amount ?? '');
        if (Number.isNaN(fen)) throw invalid([{ field: 'amount', code: 'invalid' }]);
        try {
          return await recordPayment(deps, actor, id, { amountFen: fen });
        } catch (e) {
          // The command names its field amount_fen; the form shows yuan in `amount`.
          if (e instanceof AppError && e.fields.some((f) => f.field === 'amount_fen')) throw invalid(e.fields.map((f) => ({ ...f, field: 'amount' })));
          throw e;
        }
      }
      case 'fee-non-payment':
        return recordNonPayment(deps, actor, id);
      case 'reply':
        if (!v.outcome) throw invalid([{ field: 'outcome', code: 'required' }]);
        return void (await replyToRequest(deps, actor, id, { outcome: v.outcome, text: v.text ?? '', linkedIndexNumbers: (v.linked ?? '').split(/[\s,，;；]+/).filter(Boolean) }));
      case 'close':
        return closeRequest(deps, actor, id);
      case 'appeals':
        return void (await recordAppeal(deps, actor, id, {
          kind: v.kind ?? '', filedOn: v.filed_on ?? '', ...(v.result ? { result: v.result } : {}), ...(v.decided_on ? { decidedOn: v.decided_on } : {}),
          bodyName: v.body_name ?? '', caseNumber: v.case_number ?? '', note: v.note ?? '',
        }));
    }
  };

  const STEP_FIELDS = ['on', 'what', 'supplement_by', 'note', 'days', 'approver', 'reason', 'party', 'method', 'pages', 'amount', 'outcome', 'text', 'linked', 'kind', 'filed_on', 'result', 'decided_on', 'body_name', 'case_number'] as const;

  app.post<{ Params: { id: string; step: string } }>('/requests/:id/:step', async (req, reply) => {
    const step = STEPS.find((s) => s === req.params.step);
    if (!step) throw new AppError('not_found');
    const v: Record<string, string> = fields(req.body, STEP_FIELDS);
    try {
      await run(actorOf(req), req.params.id, step, v);
      return reply.redirect(l(req, `/admin/requests/${req.params.id}?done=${step}`), 303);
    } catch (e) {
      const f = failureOf(req, e);
      if (!f) throw e;
      return detailPage(req, reply, req.params.id, { focus: step, values: v, failure: f });
    }
  });

  app.post<{ Params: { id: string; aid: string } }>('/requests/:id/appeals/:aid', async (req, reply) => {
    const aid = req.params.aid;
    const result = field(req.body, `result_${aid}`);
    const decidedOn = field(req.body, `decided_on_${aid}`);
    try {
      await updateAppealResult(deps, actorOf(req), aid, { result, ...(decidedOn ? { decidedOn } : {}) });
      return reply.redirect(l(req, `/admin/requests/${req.params.id}?done=appeal`), 303);
    } catch (e) {
      const f = failureOf(req, e);
      if (!f) throw e;
      return detailPage(req, reply, req.params.id, { focus: 'appeal', failure: f });
    }
  });

  app.post<{ Params: { id: string } }>('/requests/:id/files', async (req, reply) => {
    const actor = actorOf(req);
    if (!req.isMultipart()) throw new AppError('upload_missing');
    const part = await req.file();
    if (!part) throw new AppError('upload_missing');
    const value = (name: string): string => {
      const p = part.fields[name];
      return p && !Array.isArray(p) && 'value' in p && typeof p.value === 'string' ? p.value : '';
    };
    verifyCsrfValue(req, value('_csrf'));
    const purpose = value('purpose');
    try {
      if (!part.filename) throw new AppError('upload_missing');
      await addStaffFile(deps, actor, req.params.id, purpose, part.file, part.filename);
      return reply.redirect(l(req, `/admin/requests/${req.params.id}?done=file`), 303);
    } catch (e) {
      part.file.resume();
      if (e instanceof AppError && (e.kind === 'invalid' || e.kind === 'conflict')) {
        const issues = e.fields.length ? e.fields.map((i) => ({ ...i, field: i.field === 'purpose' ? 'purpose' : 'file' })) : [{ field: 'file', code: e.code }];
        return detailPage(req, reply, req.params.id, { focus: 'file', values: { purpose }, failure: { issues, status: 400 } });
      }
      throw e;
    }
  });

  app.get<{ Params: { id: string; fid: string } }>('/requests/:id/files/:fid', async (req, reply) => {
    const f = await openStaffRequestFile(deps, actorOf(req), req.params.id, req.params.fid);
    return reply.header('content-type', f.mime).header('content-length', String(f.size)).header('content-disposition', contentDisposition(f.filename)).header('cache-control', 'no-store').send(f.stream);
  });

  app.get<{ Params: { id: string } }>('/requests/:id/letter', async (req, reply) => {
    const actor = actorOf(req);
    const d = await requestDetail(deps, actor, req.params.id);
    const o = d.outcome;
    if (!o || !isOutcomeCode(o.code)) throw new AppError('not_found');
    const a = d.applicant;
    const isOrg = d.req.applicant_type !== 'natural_person';
    const facts: LetterFacts = {
      applicant: a ? (isOrg && a.org_name ? a.org_name : a.name) : '申请人',
      tracking_number: d.req.tracking_number,
      submitted_on: d.req.submitted_on,
      received_on: d.req.received_on,
      reply_date: o.replied_on,
      agency: d.agency.name_zh,
      title: d.req.title,
      outcome: outcomeInfo(o.code).zh,
      basis: o.basis,
      reply_text: o.reply_text,
      released_files: d.files.filter((f) => f.purpose === 'released').map((f) => f.filename),
      linked_documents: (JSON.parse(o.linked_documents) as string[]).map((index) => ({ index, url: env.baseUrl + documentPath(index) })), // a JSON string array written by replyToRequest
    };
    const stored = await storedLetterTemplates(deps);
    const template = templateFor(stored, o.code);
    if ((req.query as Record<string, unknown>).format === 'pdf') {
      if (!pdfFont) throw new AppError('not_found');
      const pdf = await renderLetterPdf(facts, template, pdfFont);
      return reply.type('application/pdf').header('cache-control', 'no-store').header('content-disposition', contentDisposition(`${d.req.tracking_number}-告知书.pdf`)).send(pdf);
    }
    const pdfHref = pdfFont ? `${l(req, `/admin/requests/${d.req.id}/letter`)}?format=pdf` : undefined;
    const content = LetterPage({ ctx: req.ctx, back: l(req, `/admin/requests/${d.req.id}`), letter: LetterView({ ctx: req.ctx, facts, template }), note: req.ctx.t('rq.letter_staff_note'), ...(pdfHref ? { pdfHref } : {}) });
    return sendPage(env, req, reply, meta(req.ctx.t('rp.letter.title'), `/admin/requests/${d.req.id}/letter`), content, opts());
  });

}
