import { h, Fragment, raw, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import { share } from '../../domain/reports/statistics.js';
import type { AgencyNode } from '../../queries/agencies.js';
import type { AgencyStatistics, ComparisonRow } from '../../queries/statistics.js';
import type { Agency } from '../../store/schema.js';
import { barChartSvg } from '../charts/svg-chart.js';
import { SelectField, TextField } from '../forms.js';
import { DataTable } from '../table-scroll.js';
import type { ChartData } from './statistics-data.js';
void Fragment;

/** A chart with its accessible data table beside it and its CSV download. */
function ChartBlock({ ctx, c, csvHref }: { ctx: RequestContext; c: ChartData; csvHref: string }): SafeHtml {
  const id = `chart-${c.id}`;
  const rows = Math.max(c.categories.length, 1);
  const height = c.horizontal ? Math.max(220, 60 + rows * 30 + (c.series.length > 1 ? 30 : 0)) : 320;
  return (
    <section class="stats-chart" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{c.title}</h2>
      <div class="stats-chart-row">
        <figure class="stats-figure">
          {raw(barChartSvg({ label: c.title, categories: c.categories, series: c.series, stacked: c.stacked, horizontal: c.horizontal, width: 640, height }))}
          <figcaption>
            <a href={csvHref} download>
              {ctx.t('stats.csv')}
            </a>
          </figcaption>
        </figure>
        <DataTable label={`${c.title} · ${ctx.t('stats.data_table')}`} head={[c.categoryLabel, ...c.series.map((s) => s.name)]}>
          {c.categories.map((cat, i) => (
            <tr>
              <th scope="row">{cat}</th>
              {c.series.map((s) => (
                <td class="num">{s.values[i] ?? 0}</td>
              ))}
            </tr>
          ))}
        </DataTable>
      </div>
    </section>
  );
}

const pct = (ctx: RequestContext, v: number | null): string => (v === null ? ctx.t('stats.na') : `${v}%`);

/** The year and scope picker: a GET form, so it works without JavaScript. */
function Picker({ ctx, action, year, scope }: { ctx: RequestContext; action: string; year: number; scope?: string }): SafeHtml {
  return (
    <form method="get" action={action} class="form-inline">
      <TextField ctx={ctx} name="year" type="number" label={ctx.t('stats.year')} value={String(year)} />
      {scope !== undefined ? (
        <SelectField ctx={ctx} name="scope" label={ctx.t('stats.scope')} options={[['agency', ctx.t('stats.scope.agency')], ['subtree', ctx.t('stats.scope.subtree')]]} value={scope} />
      ) : null}
      <button type="submit" class="button button-secondary">
        {ctx.t('stats.show')}
      </button>
    </form>
  );
}

/** `/statistics/:code`: key figures and the charts of one agency (or its subtree) for a year. */
export function StatisticsPage({ ctx, v, charts }: { ctx: RequestContext; v: AgencyStatistics; charts: ChartData[] }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const s = v.stats;
  const base = `/statistics/${v.agency.code}`;
  const q = `?year=${v.year}&scope=${v.scope}`;
  const figures: [string, string][] = [
    [ctx.t('stats.docs_total'), String(s.documents.total)],
    [ctx.t('stats.docs_within20'), pct(ctx, share(s.documents.within20, s.documents.withTimeliness))],
    [ctx.t('stats.requests_total'), String(s.requests.total)],
    [ctx.t('stats.replied'), String(s.requests.replied)],
    [ctx.t('stats.on_time'), pct(ctx, share(s.requests.onTime, s.requests.replied))],
    [ctx.t('stats.median_days'), s.requests.medianWorkingDays === null ? ctx.t('stats.na') : String(s.requests.medianWorkingDays)],
    [ctx.t('stats.p90_days'), s.requests.p90WorkingDays === null ? ctx.t('stats.na') : String(s.requests.p90WorkingDays)],
    [ctx.t('stats.extended'), String(s.requests.extended)],
  ];
  return (
    <div>
      <h1>{ctx.t('stats.title', { name: pick(ctx.locale, v.agency.name_zh, v.agency.name_en), year: v.year })}</h1>
      <p class="lead">{ctx.t('stats.intro')}</p>
      <Picker ctx={ctx} action={l(base)} year={v.year} scope={v.scope} />
      <p>
        <a href={l(`${base}/compare?year=${v.year}`)}>{ctx.t('stats.compare_link')}</a>
      </p>
      <section aria-labelledby="key-figures">
        <h2 id="key-figures">{ctx.t('stats.key_figures')}</h2>
        <dl class="stats-figures">
          {figures.map(([k, val]) => (
            <div>
              <dt>{k}</dt>
              <dd>{val}</dd>
            </div>
          ))}
        </dl>
      </section>
      {charts.map((c) => (
        <ChartBlock ctx={ctx} c={c} csvHref={l(`${base}/${c.id}.csv${q}`)} />
      ))}
    </div>
  );
}

/** `/statistics/:code/compare`: the agencies one level below, side by side. */
export function ComparisonPage({ ctx, agency, year, rows, chart }: { ctx: RequestContext; agency: Agency; year: number; rows: ComparisonRow[]; chart: ChartData }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const base = `/statistics/${agency.code}/compare`;
  return (
    <div>
      <h1>{ctx.t('stats.compare_title', { name: pick(ctx.locale, agency.name_zh, agency.name_en), year })}</h1>
      <p class="lead">{ctx.t('stats.compare_intro')}</p>
      <Picker ctx={ctx} action={l(base)} year={year} />
      {rows.length === 0 ? (
        <p class="muted">{ctx.t('stats.no_children')}</p>
      ) : (
        <>
          <ChartBlock ctx={ctx} c={chart} csvHref={l(`${base}.csv?year=${year}`)} />
          <DataTable
            label={ctx.t('stats.compare_title', { name: pick(ctx.locale, agency.name_zh, agency.name_en), year })}
            head={[ctx.t('stats.agency'), ctx.t('stats.docs_total'), ctx.t('stats.docs_within20'), ctx.t('stats.requests_total'), ctx.t('stats.on_time'), ctx.t('stats.median_days'), ctx.t('stats.extended')]}
          >
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={l(`/statistics/${r.agency.code}?year=${year}&scope=subtree`)}>{pick(ctx.locale, r.agency.name_zh, r.agency.name_en)}</a>
                </th>
                <td class="num">{r.stats.documents.total}</td>
                <td class="num">{pct(ctx, share(r.stats.documents.within20, r.stats.documents.withTimeliness))}</td>
                <td class="num">{r.stats.requests.total}</td>
                <td class="num">{pct(ctx, share(r.stats.requests.onTime, r.stats.requests.replied))}</td>
                <td class="num">{r.stats.requests.medianWorkingDays ?? ctx.t('stats.na')}</td>
                <td class="num">{r.stats.requests.extended}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </div>
  );
}

function IndexTree({ ctx, nodes, year }: { ctx: RequestContext; nodes: readonly AgencyNode[]; year: number }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <ul class="stats-tree">
      {nodes.map((n) => (
        <li>
          <a href={l(`/statistics/${n.agency.code}?year=${year}&scope=subtree`)}>{pick(ctx.locale, n.agency.name_zh, n.agency.name_en)}</a>
          {n.children.length ? <IndexTree ctx={ctx} nodes={n.children} year={year} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** `/statistics`: every agency, each linking to its statistics (with its subtree). */
export function StatisticsIndexPage({ ctx, roots, year }: { ctx: RequestContext; roots: AgencyNode[]; year: number }): SafeHtml {
  return (
    <div>
      <h1>{ctx.t('stats.nav')}</h1>
      <p class="lead">{ctx.t('stats.intro')}</p>
      <IndexTree ctx={ctx} nodes={roots} year={year} />
    </div>
  );
}
