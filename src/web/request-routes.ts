/**
 * The public pages of disclosure on request (issue 5 §1): the application form (no account), the
 * confirmation with the tracking number and private link (shown once), tracking (status and dates
 * only), and the applicant's private page with uploads, downloads and the reply letter.
 *
 * The private token travels as `?t=` on `/requests/p/<number>` (or in a POST body). Every page that
 * holds it is sent with `Referrer-Policy: no-referrer` (so following a link never tells another
 * site, or our own logs of another page, the token), `Cache-Control: no-store` (never kept by the
 * page cache, shared caches or the browser's back-forward store) and `X-Robots-Tag: noindex`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { addApplicantFile } from '../commands/requests/add-request-file.js';
import { cleanApplication } from '../commands/requests/application-input.js';
import { submitOnline } from '../commands/requests/submit-online.js';
import { AppError, type FieldIssue } from '../domain/errors.js';
import { ensureCsrfToken, verifyCsrf, verifyCsrfValue } from '../http/csrf.js';
import { localePath } from '../http/request-context.js';
import { pick } from '../i18n/i18n.js';
import { agencyByCode, publicAgencyTree, type AgencyNode } from '../queries/agencies.js';
import { storedLetterTemplates } from '../queries/request-letters.js';
import { applicantView, openApplicantFile, trackRequest, type ApplicantView, type Tracking } from '../queries/requests.js';
import { isOutcomeCode } from '../domain/requests/outcomes.js';
import type { Agency } from '../store/schema.js';
import { field, fields } from './form-body.js';
import { LetterView, templateFor } from './letters/letter.js';
import { LetterPage } from './letters/letter-page.js';
import { findPdfFont, renderLetterPdf } from './letters/letter-pdf.js';
import { contentDisposition } from './public/content-disposition.js';
import { documentPath } from './public/portal-urls.js';
import { APPLICATION_FIELDS, refineIssues, RequestFormPage, RequestSubmittedPage, type ApplicationValues } from './public/request-form-page.js';
import { privatePath, RequestPrivatePage } from './public/request-private-page.js';
import { RequestsLandingPage, TrackPage } from './public/request-track-page.js';
import { sendPage, type WebEnv } from './render.js';

/** Applications per minute from one address: enough for a family at one router, not for a flood. */
const APPLY_PER_MINUTE = 30;

function flatten(nodes: AgencyNode[], out: Agency[] = []): Agency[] {
  for (const n of nodes) {
    out.push(n.agency);
    flatten(n.children, out);
  }
  return out;
}

/** Issues of a validation failure, or null for an error the error page should show. */
function formIssues(e: unknown): FieldIssue[] | null {
  if (e instanceof AppError && e.kind === 'invalid') return e.fields.length ? e.fields : [{ field: 'form', code: e.code }];
  return null;
}

/** The headers of every page that holds the private token or the form's answers. */
function keepPrivate(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
}

/** Registers the public request pages on the public plugin scope. */
export async function registerRequestPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  // PDF letters need a CJK font on the server; without one the print view remains.
  const pdfFont = findPdfFont();
  const deps = core.deps;
  const uploadMb = Math.round(deps.uploadMaxBytes / 1024 / 1024);
  const l = (req: FastifyRequest, p: string) => localePath(req.ctx.locale, p);

  app.get('/requests', async (req, reply) =>
    sendPage(env, req, reply, { title: req.ctx.t('rp.title'), path: '/requests', description: req.ctx.t('rp.landing.intro') }, RequestsLandingPage({ ctx: req.ctx }), { current: '/requests' }),
  );

  const formPage = async (req: FastifyRequest, reply: FastifyReply, values: ApplicationValues, issues: FieldIssue[], status = 200) => {
    req.ctx.csrf = ensureCsrfToken(req, reply);
    keepPrivate(reply);
    const agencies = flatten(await publicAgencyTree(deps));
    return sendPage(env, req, reply, { title: req.ctx.t('rp.apply.title'), path: '/requests/new' }, RequestFormPage({ ctx: req.ctx, agencies, values, issues }), { current: '/requests', status });
  };

  app.get<{ Querystring: { agency?: string } }>('/requests/new', async (req, reply) => formPage(req, reply, { agency_code: typeof req.query.agency === 'string' ? req.query.agency : '' }, []));

  app.get<{ Params: { code: string } }>('/agencies/:code/request', async (req, reply) => {
    const agency = await agencyByCode(deps, req.params.code);
    if (!agency || agency.status !== 'open') throw new AppError('agency_not_found');
    return formPage(req, reply, { agency_code: agency.code }, []);
  });

  app.post('/requests/new', { onRequest: app.rateLimit({ max: APPLY_PER_MINUTE, timeWindow: '1 minute' }) }, async (req, reply) => {
    verifyCsrf(req);
    const v = fields(req.body, APPLICATION_FIELDS);
    const { agency_code: code, ...input } = v;
    try {
      const agency = code ? await agencyByCode(deps, code) : undefined;
      if (!agency || agency.status !== 'open') {
        // Report the agency together with every other problem of the form.
        const issues: FieldIssue[] = [{ field: 'agency_code', code: code ? 'invalid' : 'required' }];
        try {
          cleanApplication(input);
        } catch (e) {
          issues.push(...(formIssues(e) ?? []));
        }
        throw new AppError('validation_failed', { fields: issues });
      }
      const r = await submitOnline(deps, agency.id, input);
      keepPrivate(reply);
      const url = env.baseUrl + privatePath(r.trackingNumber, r.token);
      return sendPage(
        env,
        req,
        reply,
        { title: req.ctx.t('rp.done.title'), path: '/requests/new', noindex: true },
        RequestSubmittedPage({ ctx: req.ctx, trackingNumber: r.trackingNumber, token: r.token, privateUrl: url, agencyName: pick(req.ctx.locale, agency.name_zh, agency.name_en), repeat: r.repeatOf !== null }),
        { current: '/requests' },
      );
    } catch (e) {
      const issues = formIssues(e);
      if (!issues) throw e;
      return formPage(req, reply, v, refineIssues(v, issues), 400);
    }
  });

  // --- tracking ------------------------------------------------------------------------------
  const trackPage = (req: FastifyRequest, reply: FastifyReply, values: { number?: string; token?: string }, issues: FieldIssue[], result: Tracking | null, status = 200) => {
    keepPrivate(reply);
    return sendPage(env, req, reply, { title: req.ctx.t('rp.track.title'), path: '/requests/track', noindex: true }, TrackPage({ ctx: req.ctx, values, issues, result }), { current: '/requests', status });
  };

  /** Looks a request up for the tracking form; a miss is a form error, not an error page. */
  const lookUp = async (number: string, token: string): Promise<{ result: Tracking | null; issues: FieldIssue[] }> => {
    const issues: FieldIssue[] = [];
    if (!number.trim()) issues.push({ field: 'number', code: 'required' });
    if (!token.trim()) issues.push({ field: 'token', code: 'required' });
    if (issues.length) return { result: null, issues };
    try {
      return { result: await trackRequest(deps, number.trim(), token.trim()), issues };
    } catch (e) {
      if (e instanceof AppError && e.code === 'request_not_found') return { result: null, issues: [{ field: 'number', code: 'no_match' }] };
      throw e;
    }
  };

  app.get<{ Querystring: { number?: string; token?: string } }>('/requests/track', async (req, reply) => {
    const number = typeof req.query.number === 'string' ? req.query.number : '';
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    // The API's `track_url` carries both; a bare visit shows the empty form.
    if (!number && !token) return trackPage(req, reply, {}, [], null);
    const { result, issues } = await lookUp(number, token);
    return trackPage(req, reply, { number, token: '' }, issues, result, issues.length ? 404 : 200);
  });

  // Reading only, so no CSRF token: a forged POST could show a visitor nothing they did not type.
  app.post('/requests/track', async (req, reply) => {
    const { number, token, view } = fields(req.body, ['number', 'token', 'view'] as const);
    const { result, issues } = await lookUp(number, token);
    if (result && view === 'private') return reply.redirect(l(req, privatePath(result.tracking_number, token.trim())), 303);
    return trackPage(req, reply, { number, token: '' }, issues, result, issues.length ? (issues[0]?.code === 'no_match' ? 404 : 400) : 200);
  });

  // --- the applicant's private page ------------------------------------------------------------
  const tokenOf = (q: unknown): string => field(q, 't');

  const privatePage = async (req: FastifyRequest, reply: FastifyReply, number: string, token: string, over: { issues?: FieldIssue[]; flash?: string; status?: number } = {}) => {
    const v: ApplicantView = await applicantView(deps, number, token);
    req.ctx.csrf = ensureCsrfToken(req, reply);
    keepPrivate(reply);
    return sendPage(
      env,
      req,
      reply,
      { title: req.ctx.t('rp.private.title', { number: v.tracking_number }), path: `/requests/p/${encodeURIComponent(v.tracking_number)}`, noindex: true },
      RequestPrivatePage({ ctx: req.ctx, v, token, issues: over.issues ?? [], uploadMb, ...(over.flash ? { flash: over.flash } : {}) }),
      { current: '/requests', status: over.status ?? 200 },
    );
  };

  app.get<{ Params: { number: string }; Querystring: Record<string, string | undefined> }>('/requests/p/:number', async (req, reply) =>
    privatePage(req, reply, req.params.number, tokenOf(req.query), req.query.uploaded ? { flash: req.ctx.t('rp.private.uploaded') } : {}),
  );

  app.get<{ Params: { number: string; fileId: string } }>('/requests/p/:number/files/:fileId', async (req, reply) => {
    const f = await openApplicantFile(deps, req.params.number, tokenOf(req.query), req.params.fileId);
    keepPrivate(reply);
    return reply.header('content-type', f.mime).header('content-length', String(f.size)).header('content-disposition', contentDisposition(f.filename)).send(f.stream);
  });

  app.post<{ Params: { number: string } }>('/requests/p/:number/files', { onRequest: app.rateLimit({ max: APPLY_PER_MINUTE, timeWindow: '1 minute' }) }, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError('upload_missing');
    const part = await req.file();
    if (!part) throw new AppError('upload_missing');
    const value = (name: string): string => {
      const p = part.fields[name];
      return p && !Array.isArray(p) && 'value' in p && typeof p.value === 'string' ? p.value : '';
    };
    // The token, query code and purpose precede the file: nothing is read before they are checked.
    verifyCsrfValue(req, value('_csrf'));
    const token = value('t');
    try {
      if (!part.filename) throw new AppError('upload_missing');
      await addApplicantFile(deps, req.params.number, token, value('purpose'), part.file, part.filename);
      return reply.redirect(`${l(req, privatePath(req.params.number, token))}&uploaded=1`, 303);
    } catch (e) {
      part.file.resume();
      const issues = formIssues(e) ?? (e instanceof AppError && e.kind !== 'not_found' ? [{ field: 'file', code: e.code }] : null);
      if (!issues) throw e;
      return privatePage(req, reply, req.params.number, token, { issues: issues.map((i) => (i.field === 'form' ? { ...i, field: 'file' } : i)), status: 400 });
    }
  });

  app.get<{ Params: { number: string } }>('/requests/p/:number/letter', async (req, reply) => {
    const token = tokenOf(req.query);
    const v = await applicantView(deps, req.params.number, token);
    if (!v.reply || !isOutcomeCode(v.reply.outcome)) throw new AppError('not_found');
    const stored = await storedLetterTemplates(deps);
    keepPrivate(reply);
    const facts = {
      // The applicant's copy names no one: the link alone must not reveal who applied.
      applicant: '申请人',
      tracking_number: v.tracking_number,
      submitted_on: v.submitted_on,
      received_on: v.received_on,
      reply_date: v.reply.replied_on,
      agency: v.agency.name_zh,
      title: v.description.title,
      outcome: v.reply.label_zh,
      basis: v.reply.basis,
      reply_text: v.reply.text,
      released_files: v.files.filter((f) => f.purpose === 'released').map((f) => f.filename),
      linked_documents: v.reply.linked_documents.map((index) => ({ index, url: env.baseUrl + documentPath(index) })),
    };
    const template = templateFor(stored, v.reply.outcome);
    if ((req.query as Record<string, unknown>).format === 'pdf') {
      if (!pdfFont) throw new AppError('not_found');
      const pdf = await renderLetterPdf(facts, template, pdfFont);
      return reply.type('application/pdf').header('content-disposition', contentDisposition(`${v.tracking_number}-告知书.pdf`)).send(pdf);
    }
    const back = l(req, privatePath(v.tracking_number, token));
    const pdfHref = pdfFont ? `${l(req, `/requests/p/${encodeURIComponent(v.tracking_number)}/letter`)}?t=${encodeURIComponent(token)}&format=pdf` : undefined;
    const content = LetterPage({ ctx: req.ctx, back, letter: LetterView({ ctx: req.ctx, facts, template }), ...(pdfHref ? { pdfHref } : {}) });
    return sendPage(env, req, reply, { title: req.ctx.t('rp.letter.title'), path: `/requests/p/${encodeURIComponent(v.tracking_number)}/letter`, noindex: true }, content, { current: '/requests' });
  });
}
