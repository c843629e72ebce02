import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { allowed, type Actor } from '../commands/actor.js';
import { correctFigure, enterStaffFigures, saveReportSections } from '../commands/reports/draft-report.js';
import { submitAnnualReport } from '../commands/reports/submit-report.js';
import { AppError, type FieldIssue } from '../domain/errors.js';
import { localePath } from '../http/request-context.js';
import { annualReportCsv, annualReportForStaff, annualReportHtml, annualReportIndex, annualReportJson } from '../queries/annual-report.js';
import { ReportIndexPage, ReportPage, type ReportFormValues } from './admin/report-pages.js';
import { fields } from './form-body.js';
import { sendPage, type WebEnv } from './render.js';

function actorOf(req: FastifyRequest): Actor {
  if (!req.ctx.actor) throw new AppError('login_required');
  return req.ctx.actor;
}

function yearOf(s: string | undefined, fallback: number): number {
  if (s === undefined || !/^\d{4}$/.test(s)) {
    if (s === undefined || s === '') return fallback;
    throw new AppError('validation_failed', { fields: [{ field: 'year', code: 'invalid' }] });
  }
  return Number(s);
}

/** Whole non-negative numbers typed in a form; NaN for anything else (the command names it). */
const intOf = (s: string): number => (/^\d{1,9}$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);

/**
 * The annual report in the console (Art. 49–50; issue 7 §2): `/admin/reports?year=` lists the
 * agencies in scope with their report status; `/admin/reports/:agency/:year` shows the draft
 * computed from the records with its identity checks, and lets editors (`document.edit`) write
 * sections 一, 五 and 六, enter the staff figures of table 二, correct cells with a reason and
 * submit it for publication; exports in HTML (print), CSV and JSON. Registered inside `/admin`.
 */
export async function registerAdminReportPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  const deps = core.deps;
  const l = (req: FastifyRequest, p: string) => localePath(req.ctx.locale, p);
  const lastYear = () => deps.clock.now().getUTCFullYear() - 1;

  app.get<{ Querystring: { year?: string } }>('/reports', async (req, reply) => {
    const year = yearOf(req.query.year, lastYear());
    const rows = await annualReportIndex(deps, actorOf(req), year);
    return sendPage(env, req, reply, { title: req.ctx.t('report.list_title'), path: '/admin/reports', noindex: true }, ReportIndexPage({ ctx: req.ctx, rows, year }), { area: 'admin', current: '/admin/reports' });
  });

  type P = { Params: { agency: string; year: string }; Querystring: { saved?: string; corrected?: string; submitted?: string } };
  const page = async (req: FastifyRequest<P>, reply: FastifyReply, over: { issues?: FieldIssue[]; values?: ReportFormValues; error?: string; status?: number; flash?: string } = {}) => {
    const actor = actorOf(req);
    const v = await annualReportForStaff(deps, actor, req.params.agency, yearOf(req.params.year, lastYear()));
    return sendPage(
      env,
      req,
      reply,
      { title: v.title, path: `/admin/reports/${v.agency.id}/${v.year}`, noindex: true },
      ReportPage({ ctx: req.ctx, v, canEdit: allowed(actor, 'document.edit', v.agency.path), issues: over.issues ?? [], values: over.values ?? {}, flash: over.flash, error: over.error }),
      { area: 'admin', current: '/admin/reports', status: over.status ?? 200 },
    );
  };

  app.get<P>('/reports/:agency/:year', async (req, reply) => {
    const q = req.query;
    const flash = q.saved ? req.ctx.t('report.saved') : q.corrected ? req.ctx.t('report.corrected') : q.submitted ? req.ctx.t('report.submitted_note') : undefined;
    return page(req, reply, flash ? { flash } : {});
  });

  /** Runs a form's command, then redirects (303) or re-shows the page with the problem. */
  const post = async (req: FastifyRequest<P>, reply: FastifyReply, values: ReportFormValues, flag: string, run: (actor: Actor, year: number) => Promise<unknown>) => {
    const year = yearOf(req.params.year, lastYear());
    try {
      await run(actorOf(req), year);
      return reply.redirect(l(req, `/admin/reports/${req.params.agency}/${year}?${flag}=1`), 303);
    } catch (e) {
      if (!(e instanceof AppError) || (e.kind !== 'invalid' && e.kind !== 'conflict')) throw e;
      if (e.kind === 'invalid') return page(req, reply, { issues: e.fields.length ? e.fields : [{ field: 'form', code: e.code }], values, status: 400 });
      return page(req, reply, { error: req.ctx.t(`error.${e.code}`), values, status: 409 });
    }
  };

  app.post<P>('/reports/:agency/:year/sections', async (req, reply) => {
    const v = fields(req.body, ['section1', 'section5', 'section6'] as const);
    return post(req, reply, v, 'saved', (actor, year) => saveReportSections(deps, actor, req.params.agency, year, v));
  });

  app.post<P>('/reports/:agency/:year/figures', async (req, reply) => {
    const v = fields(req.body, ['licensing', 'penalty', 'enforcement', 'fees'] as const);
    return post(req, reply, v, 'saved', (actor, year) =>
      enterStaffFigures(deps, actor, req.params.agency, year, { licensing: intOf(v.licensing), penalty: intOf(v.penalty), enforcement: intOf(v.enforcement), feeWan: v.fees }),
    );
  });

  app.post<P>('/reports/:agency/:year/corrections', async (req, reply) => {
    const v = fields(req.body, ['cell', 'value', 'reason'] as const);
    const [table = '', row = '', column = ''] = v.cell.split('|');
    const value = v.value.trim() === '' ? null : intOf(v.value);
    return post(req, reply, v, 'corrected', (actor, year) => correctFigure(deps, actor, req.params.agency, year, { table, row, column: intOf(column), value, reason: v.reason }));
  });

  app.post<P>('/reports/:agency/:year/submit', async (req, reply) => post(req, reply, {}, 'submitted', (actor, year) => submitAnnualReport(deps, actor, req.params.agency, year)));

  app.get<{ Params: { agency: string; year: string; format: string } }>('/reports/:agency/:year/export.:format', async (req, reply) => {
    const v = await annualReportForStaff(deps, actorOf(req), req.params.agency, yearOf(req.params.year, lastYear()));
    const name = `annual-report-${v.agency.code}-${v.year}`;
    reply.header('cache-control', 'no-store');
    if (req.params.format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send('\uFEFF' + annualReportCsv(v));
    if (req.params.format === 'json') return reply.type('application/json; charset=utf-8').header('content-disposition', `attachment; filename="${name}.json"`).send(JSON.stringify(annualReportJson(v), null, 2));
    if (req.params.format === 'html') return reply.type('text/html; charset=utf-8').send(annualReportHtml(v));
    throw new AppError('not_found');
  });
}
