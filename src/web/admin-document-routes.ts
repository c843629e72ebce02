import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import type { Actor } from '../commands/actor.js';
import type { DraftInput } from '../commands/document-input.js';
import { createDraft } from '../commands/documents/create-draft.js';
import { discardDraft } from '../commands/documents/discard-draft.js';
import { reviewRevision } from '../commands/documents/review-revision.js';
import { setValidity } from '../commands/documents/set-validity.js';
import { startCorrection } from '../commands/documents/start-correction.js';
import { submitRevision } from '../commands/documents/submit-revision.js';
import { updateDraft } from '../commands/documents/update-draft.js';
import { removeAttachment, uploadAttachment } from '../commands/documents/upload-attachment.js';
import { withdrawDocument } from '../commands/documents/withdraw-document.js';
import { AppError, type FieldIssue } from '../domain/errors.js';
import { zonedToUtc } from '../domain/local-date.js';
import { documentView, listThemes } from '../queries/documents.js';
import {
  draftableAgencies,
  lateDocuments,
  managedDocument,
  policiesWithoutInterpretation,
  publishedList,
  revisionDetail,
  revisionLinks,
  workList,
} from '../queries/staff-documents.js';
import { verifyCsrfValue } from '../http/csrf.js';
import { localePath } from '../http/request-context.js';
import { DocumentManagePage } from './admin/document-manage-page.js';
import { DOC_VIEWS, DocumentsPage, NewDocumentPage, type DocView } from './admin/document-pages.js';
import { RevisionPage, revisionValues } from './admin/revision-page.js';
import { field, fields, intField } from './form-body.js';
import { sendPage, type WebEnv } from './render.js';
import { agencyById } from '../queries/agencies.js';
import { pick } from '../i18n/i18n.js';
import { ListFilterNotice } from './admin/supervision-pages.js';

const DRAFT_FIELDS = ['title', 'doc_number', 'genre', 'theme_code', 'date_formed', 'is_normative', 'keywords', 'summary', 'body_html', 'change_note', 'co_issuers', 'interprets'] as const;

function actorOf(req: FastifyRequest): Actor {
  if (!req.ctx.actor) throw new AppError('login_required');
  return req.ctx.actor;
}

/** Validation-type failures are shown on the form; everything else goes to the error page. */
function formIssues(e: unknown): FieldIssue[] | null {
  if (e instanceof AppError && (e.kind === 'invalid' || e.code === 'stale_version' || e.code === 'same_person' || e.code === 'bad_transition')) {
    return e.fields.length ? e.fields : [{ field: 'form', code: e.code }];
  }
  return null;
}

function draftInputOf(v: Record<(typeof DRAFT_FIELDS)[number], string>): DraftInput {
  return {
    title: v.title,
    doc_number: v.doc_number,
    genre: v.genre,
    theme_code: v.theme_code,
    date_formed: v.date_formed,
    is_normative: v.is_normative === '1',
    keywords: v.keywords,
    summary: v.summary,
    body_html: v.body_html,
    change_note: v.change_note,
    co_issuers: v.co_issuers.split(/[\s,，]+/).filter(Boolean),
    interprets: v.interprets,
  };
}

/** The publishing console under `/admin`: lists, drafts, attachments, submission, review, corrections. */
export async function registerAdminDocumentPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  const deps = core.deps;
  const l = (req: FastifyRequest, p: string) => localePath(req.ctx.locale, p);
  const meta = (title: string, path: string) => ({ title, path, noindex: true });
  const uploadMb = Math.round(deps.uploadMaxBytes / 1024 / 1024);

  app.get<{ Querystring: { view?: string; agency?: string } }>('/documents', async (req, reply) => {
    const actor = actorOf(req);
    const view: DocView = (DOC_VIEWS as readonly string[]).includes(req.query.view ?? '') ? (req.query.view as DocView) : 'drafts'; // checked just before
    // `agency` (an id) narrows the published lists to one agency; the supervision page links here.
    const agency = req.query.agency || undefined;
    const work = view === 'drafts' ? await workList(deps, actor, ['draft']) : view === 'review' ? await workList(deps, actor, ['submitted', 'cleared']) : view === 'scheduled' ? await workList(deps, actor, ['scheduled']) : [];
    const published = view === 'published' ? await publishedList(deps, actor, agency) : view === 'late' ? await lateDocuments(deps, actor, agency) : view === 'uninterpreted' ? await policiesWithoutInterpretation(deps, actor, agency) : [];
    const canCreate = (await draftableAgencies(deps, actor)).length > 0;
    const narrowable = agency !== undefined && (view === 'published' || view === 'late' || view === 'uninterpreted');
    const narrowed = narrowable ? (await agencyById(deps, agency)) ?? null : null;
    const filter = narrowable ? ListFilterNotice({ ctx: req.ctx, agencyName: narrowed ? pick(req.ctx.locale, narrowed.name_zh, narrowed.name_en) : agency, dueWithin: null, clearHref: `/admin/documents?view=${view}` }) : null;
    return sendPage(env, req, reply, meta(req.ctx.t('docs.console'), '/admin/documents'), DocumentsPage({ ctx: req.ctx, view, work, published, canCreate, filter }), { area: 'admin', current: '/admin/documents' });
  });

  const newForm = async (req: FastifyRequest, reply: FastifyReply, values: Record<string, string>, issues: FieldIssue[], status = 200) => {
    const agencies = await draftableAgencies(deps, actorOf(req));
    if (!agencies.length) throw new AppError('forbidden');
    return sendPage(env, req, reply, meta(req.ctx.t('docs.new'), '/admin/documents/new'), NewDocumentPage({ ctx: req.ctx, agencies, themes: await listThemes(deps), values, issues }), { area: 'admin', current: '/admin/documents', status });
  };

  app.get('/documents/new', async (req, reply) => newForm(req, reply, { date_formed: new Date(deps.clock.now()).toISOString().slice(0, 10) }, []));

  app.post('/documents/new', async (req, reply) => {
    const v = fields(req.body, [...DRAFT_FIELDS, 'agency'] as const);
    try {
      const r = await createDraft(deps, actorOf(req), v.agency, draftInputOf(v));
      return reply.redirect(l(req, `/admin/revisions/${r.revisionId}?created=1`), 303);
    } catch (e) {
      const issues = formIssues(e);
      if (!issues) throw e;
      return newForm(req, reply, v, issues, 400);
    }
  });

  const revisionPage = async (req: FastifyRequest, reply: FastifyReply, id: string, over: { values?: Record<string, string>; issues?: FieldIssue[]; status?: number; notice?: string } = {}) => {
    const d = await revisionDetail(deps, actorOf(req), id);
    const links = await revisionLinks(deps, d.rev);
    const values = over.values ?? revisionValues(d, links.coCodes, links.interprets);
    return sendPage(
      env,
      req,
      reply,
      meta(req.ctx.t('rev.title', { title: d.rev.title }), `/admin/revisions/${id}`),
      RevisionPage({ ctx: req.ctx, d, themes: await listThemes(deps), values, issues: over.issues ?? [], uploadMb, ...(over.notice ? { notice: over.notice } : {}) }),
      { area: 'admin', current: '/admin/documents', status: over.status ?? 200 },
    );
  };

  app.get<{ Params: { id: string }; Querystring: { created?: string; saved?: string } }>('/revisions/:id', async (req, reply) =>
    revisionPage(req, reply, req.params.id, req.query.created ? { notice: req.ctx.t('docs.flash.created') } : req.query.saved ? { notice: req.ctx.t('rev.saved') } : {}),
  );

  app.post<{ Params: { id: string } }>('/revisions/:id', async (req, reply) => {
    const v = fields(req.body, DRAFT_FIELDS);
    try {
      await updateDraft(deps, actorOf(req), req.params.id, intField(req.body, 'version'), draftInputOf(v));
      return reply.redirect(l(req, `/admin/revisions/${req.params.id}?saved=1`), 303);
    } catch (e) {
      const issues = formIssues(e);
      if (!issues) throw e;
      return revisionPage(req, reply, req.params.id, { values: v, issues, status: e instanceof AppError && e.code === 'stale_version' ? 409 : 400 });
    }
  });

  app.post<{ Params: { id: string } }>('/revisions/:id/attachments', async (req, reply) => {
    const actor = actorOf(req);
    if (!req.isMultipart()) throw new AppError('upload_missing');
    const part = await req.file();
    if (!part) throw new AppError('upload_missing');
    const token = part.fields._csrf;
    verifyCsrfValue(req, token && 'value' in token && typeof token.value === 'string' ? token.value : undefined);
    try {
      if (!part.filename) throw new AppError('upload_missing');
      await uploadAttachment(deps, actor, req.params.id, part.file, part.filename);
      return reply.redirect(l(req, `/admin/revisions/${req.params.id}`), 303);
    } catch (e) {
      part.file.resume();
      const issues = formIssues(e);
      if (!issues) throw e;
      return revisionPage(req, reply, req.params.id, { issues: issues.map((i) => (i.field === 'form' ? { ...i, field: 'file' } : i)), status: 400 });
    }
  });

  app.post<{ Params: { id: string; aid: string } }>('/revisions/:id/attachments/:aid/remove', async (req, reply) => {
    await removeAttachment(deps, actorOf(req), req.params.id, req.params.aid);
    return reply.redirect(l(req, `/admin/revisions/${req.params.id}`), 303);
  });

  app.post<{ Params: { id: string } }>('/revisions/:id/submit', async (req, reply) => {
    const overrides: Record<string, string> = {};
    for (let i = 0; i < 200; i++) {
      const key = field(req.body, `pii_key_${i}`);
      if (!key) break;
      overrides[key] = field(req.body, `pii_reason_${i}`);
    }
    try {
      await submitRevision(deps, actorOf(req), req.params.id, intField(req.body, 'version'), overrides);
      return reply.redirect(l(req, `/admin/revisions/${req.params.id}`), 303);
    } catch (e) {
      const issues = formIssues(e);
      if (!issues) throw e;
      return revisionPage(req, reply, req.params.id, { issues, status: e instanceof AppError && e.code === 'stale_version' ? 409 : 400 });
    }
  });

  app.post<{ Params: { id: string } }>('/revisions/:id/review', async (req, reply) => {
    const v = fields(req.body, ['stage', 'decision', 'comment', 'publish_at'] as const);
    try {
      const d = await revisionDetail(deps, actorOf(req), req.params.id);
      let publishAt: string | undefined;
      if (v.publish_at) {
        const at = zonedToUtc(v.publish_at, d.agency.time_zone);
        if (!at) throw new AppError('validation_failed', { fields: [{ field: 'publish_at', code: 'bad_instant' }] });
        publishAt = at.toISOString();
      }
      if ((v.stage !== 'confidentiality' && v.stage !== 'approval') || (v.decision !== 'pass' && v.decision !== 'reject')) throw new AppError('validation_failed', { fields: [{ field: 'decision', code: 'required' }] });
      await reviewRevision(deps, actorOf(req), req.params.id, { stage: v.stage, decision: v.decision, comment: v.comment, ...(publishAt ? { publishAt } : {}) });
      return reply.redirect(l(req, `/admin/revisions/${req.params.id}`), 303);
    } catch (e) {
      const issues = formIssues(e);
      if (!issues) throw e;
      return revisionPage(req, reply, req.params.id, { issues, status: 400 });
    }
  });

  app.post<{ Params: { id: string } }>('/revisions/:id/discard', async (req, reply) => {
    await discardDraft(deps, actorOf(req), req.params.id, intField(req.body, 'version'));
    return reply.redirect(l(req, '/admin/documents'), 303);
  });

  const managePage = async (req: FastifyRequest, reply: FastifyReply, id: string, issues: FieldIssue[] = [], values: Record<string, string> = {}, status = 200) => {
    const m = await managedDocument(deps, actorOf(req), id);
    const v = await documentView(deps, m.indexNumber);
    return sendPage(env, req, reply, meta(req.ctx.t('doc.admin_title', { title: v.doc.title }), `/admin/documents/${id}`), DocumentManagePage({ ctx: req.ctx, v, openRevisionId: m.openRevisionId, canEdit: m.canEdit, canReview: m.canReview, issues, values }), { area: 'admin', current: '/admin/documents', status });
  };

  app.get<{ Params: { id: string } }>('/documents/:id', async (req, reply) => managePage(req, reply, req.params.id));

  app.post<{ Params: { id: string } }>('/documents/:id/correct', async (req, reply) => {
    const r = await startCorrection(deps, actorOf(req), req.params.id);
    return reply.redirect(l(req, `/admin/revisions/${r.revisionId}`), 303);
  });

  app.post<{ Params: { id: string } }>('/documents/:id/withdraw', async (req, reply) => {
    const v = fields(req.body, ['reason'] as const);
    try {
      await withdrawDocument(deps, actorOf(req), req.params.id, v.reason);
      return reply.redirect(l(req, `/admin/documents/${req.params.id}`), 303);
    } catch (e) {
      const issues = formIssues(e);
      if (!issues) throw e;
      return managePage(req, reply, req.params.id, issues, v, 400);
    }
  });

  app.post<{ Params: { id: string } }>('/documents/:id/validity', async (req, reply) => {
    const v = fields(req.body, ['validity', 'validity_date', 'replaced_by', 'note'] as const);
    try {
      await setValidity(deps, actorOf(req), req.params.id, { validity: v.validity, date: v.validity_date, note: v.note, ...(v.replaced_by ? { replacedBy: v.replaced_by } : {}) });
      return reply.redirect(l(req, `/admin/documents/${req.params.id}`), 303);
    } catch (e) {
      const issues = formIssues(e);
      if (!issues) throw e;
      return managePage(req, reply, req.params.id, issues, v, 400);
    }
  });
}
