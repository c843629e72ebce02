import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { allThemes } from '../commands/manage-themes.js';
import { AppError } from '../domain/errors.js';
import { hasKey, pick } from '../i18n/i18n.js';
import { agencyByCode } from '../queries/agencies.js';
import { annualReportCsv, annualReportHtml, annualReportJson, publishedAnnualReport } from '../queries/annual-report.js';
import { agencyStatistics, levelComparison, type StatScope } from '../queries/statistics.js';
import { agencyCharts, chartCsv, comparisonChart, CHART_IDS } from './public/statistics-data.js';
import { publicAgencyTree } from '../queries/agencies.js';
import { ComparisonPage, StatisticsIndexPage, StatisticsPage } from './public/statistics-page.js';
import { sendPage, type WebEnv } from './render.js';

type Q = { Querystring: { year?: string; scope?: string } };

/** The request's translator for keys built at run time (unknown keys show as themselves). */
const tr = (req: FastifyRequest) => (k: string, vars?: Record<string, string | number>): string => (hasKey(k) ? req.ctx.t(k, vars) : k);

/**
 * Public statistics (issue 7 §1): `/statistics/:code` (the agency, or with `scope=subtree` its whole
 * subtree), `/statistics/:code/compare` (the agencies one level below), each chart as server-side
 * SVG with its data table and `/…/<chart>.csv`. Aggregates only; no applicant data.
 */
export async function registerStatisticsPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  const deps = core.deps;
  const yearOf = (req: FastifyRequest<Q>): number => {
    const y = req.query.year;
    if (y === undefined || y === '') return deps.clock.now().getUTCFullYear();
    if (!/^\d{4}$/.test(y)) throw new AppError('validation_failed', { fields: [{ field: 'year', code: 'invalid' }] });
    return Number(y);
  };
  const scopeOf = (req: FastifyRequest<Q>): StatScope => (req.query.scope === 'subtree' ? 'subtree' : 'agency');
  const chartsFor = async (req: FastifyRequest<Q & { Params: { code: string } }>) => {
    const v = await agencyStatistics(deps, req.params.code, yearOf(req), scopeOf(req));
    const themes = new Map((await allThemes(deps)).map((t) => [t.code, t]));
    const themeName = (code: string) => {
      const t = themes.get(code);
      return t ? pick(req.ctx.locale, t.name_zh, t.name_en) : code;
    };
    return { v, charts: agencyCharts(v.stats, tr(req), req.ctx.locale, themeName) };
  };
  const csv = (name: string, body: string) => ({ name: `${name}.csv`, body: '\uFEFF' + body });

  app.get<Q>('/statistics', async (req, reply) => {
    const roots = await publicAgencyTree(deps);
    return sendPage(env, req, reply, { title: req.ctx.t('stats.nav'), path: '/statistics' }, StatisticsIndexPage({ ctx: req.ctx, roots, year: yearOf(req) }), { current: '/statistics' });
  });

  app.get<Q & { Params: { code: string } }>('/statistics/:code', async (req, reply) => {
    const { v, charts } = await chartsFor(req);
    const title = req.ctx.t('stats.title', { name: pick(req.ctx.locale, v.agency.name_zh, v.agency.name_en), year: v.year });
    return sendPage(env, req, reply, { title, path: `/statistics/${v.agency.code}` }, StatisticsPage({ ctx: req.ctx, v, charts }), { current: '/statistics' });
  });

  app.get<Q & { Params: { code: string } }>('/statistics/:code/compare', async (req, reply) => {
    const r = await levelComparison(deps, req.params.code, yearOf(req));
    const chart = comparisonChart(r.rows, tr(req), req.ctx.locale);
    const title = req.ctx.t('stats.compare_title', { name: pick(req.ctx.locale, r.agency.name_zh, r.agency.name_en), year: r.year });
    return sendPage(env, req, reply, { title, path: `/statistics/${r.agency.code}/compare` }, ComparisonPage({ ctx: req.ctx, agency: r.agency, year: r.year, rows: r.rows, chart }), { current: '/statistics' });
  });

  app.get<Q & { Params: { code: string } }>('/statistics/:code/compare.csv', async (req, reply) => {
    const r = await levelComparison(deps, req.params.code, yearOf(req));
    const f = csv(`statistics-${r.agency.code}-${r.year}-compare`, chartCsv(comparisonChart(r.rows, tr(req), req.ctx.locale)));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${f.name}"`).send(f.body);
  });

  // The published annual report of an agency (Art. 49–50) in the official layout, CSV or JSON; 404 until published.
  app.get<{ Params: { code: string; year: string; format: string } }>('/annual-reports/:code/:year.:format', async (req, reply) => {
    const agency = await agencyByCode(deps, req.params.code);
    if (!agency || !/^\d{4}$/.test(req.params.year)) throw new AppError('not_found');
    const v = await publishedAnnualReport(deps, agency.id, Number(req.params.year));
    if (!v) throw new AppError('not_found');
    const name = `annual-report-${agency.code}-${v.year}`;
    if (req.params.format === 'html') return reply.type('text/html; charset=utf-8').send(annualReportHtml(v));
    if (req.params.format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send('\uFEFF' + annualReportCsv(v));
    if (req.params.format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(annualReportJson(v), null, 2));
    throw new AppError('not_found');
  });

  app.get<Q & { Params: { code: string; chart: string } }>('/statistics/:code/:chart.csv', async (req, reply) => {
    // Widening the tuple to strings only to search it.
    if (!(CHART_IDS as readonly string[]).includes(req.params.chart)) throw new AppError('not_found');
    const { v, charts } = await chartsFor(req);
    const c = charts.find((x) => x.id === req.params.chart);
    if (!c) throw new AppError('not_found');
    const f = csv(`statistics-${v.agency.code}-${v.year}-${v.scope}-${c.id}`, chartCsv(c));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${f.name}"`).send(f.body);
  });
}
