/**
 * The staff console of search (issue 6 §1, §5, §6), three tabs under /admin/search: drafts and
 * revisions under review in the viewer's scope, the demand signals (top and zero-result queries
 * per agency and week), and attachments whose text could not be extracted, with the reason.
 */
import { h, raw, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { SearchDemand, DemandLine } from '../../queries/search-demand.js';
import type { DraftSearchResult, ExtractionOverview } from '../../queries/search-staff.js';
import { Pagination } from '../result-nav.js';
import { DataTable } from '../table-scroll.js';
import { tKey } from './document-pages.js';

/** The console tabs of search. */
export const SEARCH_CONSOLE_TABS = [
  ['/admin/search', 'search.staff.tab_drafts'],
  ['/admin/search/demand', 'demand.title'],
  ['/admin/search/extraction', 'search.extract.title'],
] as const;

function Tabs({ ctx, current }: { ctx: RequestContext; current: string }): SafeHtml {
  return (
    <nav class="tabs" aria-label={ctx.t('search.staff.tabs')}>
      <ul>
        {SEARCH_CONSOLE_TABS.map(([path, key]) => (
          <li>
            <a href={localePath(ctx.locale, path)} aria-current={path === current ? 'page' : undefined}>
              {ctx.t(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** `/admin/search`: search the drafts and revisions under review in scope. */
export function DraftSearchPage({ ctx, q, page, result }: { ctx: RequestContext; q: string; page: number; result: DraftSearchResult | null }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  const notices = result ? result.notices.filter((n) => !(n === 'no_terms' && !q)) : [];
  return (
    <div class="search-console">
      <h1>{ctx.t('search.staff.title')}</h1>
      <Tabs ctx={ctx} current="/admin/search" />
      <p>{ctx.t('search.staff.intro')}</p>
      <form class="form search-form" role="search" method="get" action={l('/admin/search')}>
        <label for="staff-q">{ctx.t('search.label')}</label>
        <div class="search-row">
          <input type="search" id="staff-q" name="q" value={q} maxlength="200" aria-describedby="staff-q-hint" />
          <button class="button" type="submit">
            {ctx.t('search.button')}
          </button>
        </div>
        <p class="hint" id="staff-q-hint">
          {ctx.t('search.syntax')}
        </p>
      </form>
      {notices.length ? (
        <div class="notice notice-warn" role="status">
          {notices.map((n) => (
            <p>{ctx.t(`search.notice.${n}`)}</p>
          ))}
        </div>
      ) : null}
      {result && result.normalized ? (
        <section aria-labelledby="staff-results-h">
          <div class="section-head">
            <h2 id="staff-results-h">{ctx.t('catalogue.results')}</h2>
            <span class="muted">{ctx.t('search.count', { n: result.total })}</span>
          </div>
          {result.capped ? <p class="hint">{ctx.t('search.staff.capped')}</p> : null}
          {result.items.length ? (
            <ol class="doc-list search-results" start={(page - 1) * result.pageSize + 1}>
              {result.items.map((d) => (
                <li class="doc-entry">
                  <h3 class="doc-entry-title">
                    <a href={l(`/admin/revisions/${d.revision_id}`)}>{raw(d.title_html)}</a> <span class="tag">{tKey(ctx, `state.${d.state}`)}</span>
                  </h3>
                  <p class="search-snippet">{raw(d.snippet_html)}</p>
                  <dl class="doc-entry-meta">
                    {d.doc_number ? (
                      <div>
                        <dt>{ctx.t('search.doc_number')}</dt>
                        <dd>{d.doc_number}</dd>
                      </div>
                    ) : null}
                    <div>
                      <dt>{ctx.t('search.agency')}</dt>
                      <dd>{pick(ctx.locale, d.agency_name_zh, d.agency_name_en)}</dd>
                    </div>
                    <div>
                      <dt>{ctx.t('search.staff.updated')}</dt>
                      <dd>
                        <time datetime={d.updated_at}>{d.updated_at.slice(0, 10)}</time>
                      </dd>
                    </div>
                  </dl>
                </li>
              ))}
            </ol>
          ) : (
            <p>{ctx.t('search.staff.empty')}</p>
          )}
          <Pagination ctx={ctx} page={page} pages={pages} href={(n) => l(`/admin/search?q=${encodeURIComponent(q)}${n > 1 ? `&page=${n}` : ''}`)} />
        </section>
      ) : null}
    </div>
  );
}

function DemandTable({ ctx, caption, lines }: { ctx: RequestContext; caption: string; lines: DemandLine[] }): SafeHtml {
  if (!lines.length) return <p class="muted">{ctx.t('demand.none')}</p>;
  return (
    <DataTable label={caption} head={[ctx.t('demand.query'), ctx.t('demand.n'), ctx.t('demand.results')]}>
      {lines.map((x) => (
        <tr>
          <td>
            <a href={localePath(ctx.locale, `/search?q=${encodeURIComponent(x.query)}`)}>{[...x.query].length > 40 ? `${[...x.query].slice(0, 40).join('')}…` : x.query}</a>
          </td>
          <td class="num">{String(x.n)}</td>
          <td class="num">{String(x.results)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** `/admin/search/demand`: top queries and zero-result queries of a week, site-wide or for an agency in scope. */
export function DemandPage({ ctx, demand, agency, agencies }: { ctx: RequestContext; demand: SearchDemand; agency: string; agencies: { code: string; name_zh: string; name_en: string }[] }): SafeHtml {
  return (
    <div class="search-console">
      <h1>{ctx.t('search.staff.title')}</h1>
      <Tabs ctx={ctx} current="/admin/search/demand" />
      <h2>{ctx.t('demand.title')}</h2>
      <p>{ctx.t('demand.intro')}</p>
      <form class="form demand-form" method="get" action={localePath(ctx.locale, '/admin/search/demand')}>
        <div class="field">
          <label for="demand-agency">{ctx.t('demand.scope')}</label>
          <select id="demand-agency" name="agency">
            <option value="">{ctx.t('demand.scope_site')}</option>
            {agencies.map((a) => (
              <option value={a.code} selected={a.code === agency}>
                {pick(ctx.locale, a.name_zh, a.name_en)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="demand-week">{ctx.t('demand.week')}</label>
          <select id="demand-week" name="week">
            {(demand.weeks.length ? demand.weeks : ['']).map((w) => (
              <option value={w} selected={w === demand.week}>
                {w || '—'}
              </option>
            ))}
          </select>
        </div>
        <div class="form-actions">
          <button class="button" type="submit">
            {ctx.t('demand.show')}
          </button>
        </div>
      </form>
      <div class="demand-grid">
        <section aria-labelledby="demand-top-h">
          <h3 id="demand-top-h">{ctx.t('demand.top')}</h3>
          <DemandTable ctx={ctx} caption={ctx.t('demand.top')} lines={demand.top} />
        </section>
        <section aria-labelledby="demand-zero-h">
          <h3 id="demand-zero-h">{ctx.t('demand.zero')}</h3>
          <DemandTable ctx={ctx} caption={ctx.t('demand.zero')} lines={demand.zero} />
        </section>
      </div>
    </div>
  );
}

/** `/admin/search/extraction`: the background extraction of attachment text in scope. */
export function ExtractionPage({ ctx, overview }: { ctx: RequestContext; overview: ExtractionOverview }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div class="search-console">
      <h1>{ctx.t('search.staff.title')}</h1>
      <Tabs ctx={ctx} current="/admin/search/extraction" />
      <h2>{ctx.t('search.extract.title')}</h2>
      <p>{ctx.t('search.extract.intro')}</p>
      <p class="muted">{ctx.t('search.extract.pending', { n: overview.pending })}</p>
      {overview.failed.length ? (
        <DataTable label={ctx.t('search.extract.title')} head={[ctx.t('search.extract.file'), ctx.t('search.extract.document'), ctx.t('search.extract.reason'), ctx.t('search.extract.when')]}>
          {overview.failed.map((f) => (
            <tr>
              <td>{f.filename}</td>
              <td>
                <a href={l(`/admin/revisions/${f.revision_id}`)}>{f.title}</a>
              </td>
              <td>{f.reason}</td>
              <td>{f.finished_at ? f.finished_at.slice(0, 16).replace('T', ' ') : '—'}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p class="notice notice-ok">{ctx.t('search.extract.none')}</p>
      )}
    </div>
  );
}
