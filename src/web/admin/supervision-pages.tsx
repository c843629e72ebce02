import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { SupervisionOverview, SupervisionRow } from '../../queries/supervision.js';
import type { RequestLine } from '../../queries/staff-requests.js';
import type { PublishedLine } from '../../queries/staff-documents.js';
import { DataTable } from '../table-scroll.js';
import { documentPath } from '../public/portal-urls.js';
void Fragment;

/** The console lists each count links to, narrowed to one agency. */
export function supervisionLinks(agencyId: string, year: number, dueSoonDays: number): { overdue: string; dueSoon: string; late: string; uninterpreted: string; report: string; detail: string } {
  const a = encodeURIComponent(agencyId);
  return {
    overdue: `/admin/requests?view=overdue&agency=${a}`,
    dueSoon: `/admin/requests?view=open&agency=${a}&due_within=${dueSoonDays}`,
    late: `/admin/documents?view=late&agency=${a}`,
    uninterpreted: `/admin/documents?view=uninterpreted&agency=${a}`,
    report: `/admin/reports/${a}/${year}`,
    detail: `/admin/supervision/${a}`,
  };
}

/** A count that links to its records (plain text when zero: nothing to open). */
function Count({ ctx, n, href, label }: { ctx: RequestContext; n: number; href: string; label: string }): SafeHtml {
  if (n === 0) return <span class="sv-zero">0</span>;
  return (
    <a href={localePath(ctx.locale, href)} aria-label={`${label}: ${n}`} class="sv-count">
      {String(n)}
    </a>
  );
}

function ReportCell({ ctx, row, href }: { ctx: RequestContext; row: SupervisionRow; href: string }): SafeHtml {
  const r = row.report;
  return (
    <span>
      <a href={localePath(ctx.locale, href)}>{ctx.t(`report.status.${r.status}`)}</a>
      {r.late ? <strong class="report-late"> {ctx.t('report.late')}</strong> : null}
    </span>
  );
}

/** `/admin/supervision`: one row per agency of the supervised subtree, each count linking to its records. */
export function SupervisionPage({ ctx, o }: { ctx: RequestContext; o: SupervisionOverview }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const t = o.totals;
  return (
    <div>
      <h1>{ctx.t('sv.title')}</h1>
      <p class="lead">{ctx.t('sv.intro', { year: o.year })}</p>
      <p>
        {ctx.t('sv.summary', { agencies: t.agencies, overdue: t.overdue, soon: t.due_soon, late: t.late_documents, policies: t.uninterpreted, published: t.reports.published, reportsLate: t.reports_late })}
      </p>
      <DataTable
        label={ctx.t('sv.table')}
        head={[ctx.t('sv.agency'), ctx.t('sv.overdue'), ctx.t('sv.due_soon', { days: o.due_soon_days }), ctx.t('sv.late_docs'), ctx.t('sv.uninterpreted'), ctx.t('sv.report', { year: o.year })]}
      >
        {o.rows.map((r) => {
          const links = supervisionLinks(r.agency.id, o.year, o.due_soon_days);
          const name = pick(ctx.locale, r.agency.name_zh, r.agency.name_en);
          return (
            <tr>
              <td class={r.agency.depth ? `tree-cell depth-${Math.min(r.agency.depth, 6)}` : 'tree-cell'}>
                <a href={l(links.detail)}>{name}</a>
              </td>
              <td class="num">
                <Count ctx={ctx} n={r.requests.overdue} href={links.overdue} label={`${name} ${ctx.t('sv.overdue')}`} />
              </td>
              <td class="num">
                <Count ctx={ctx} n={r.requests.due_soon} href={links.dueSoon} label={`${name} ${ctx.t('sv.due_soon', { days: o.due_soon_days })}`} />
              </td>
              <td class="num">
                <Count ctx={ctx} n={r.documents.late} href={links.late} label={`${name} ${ctx.t('sv.late_docs')}`} />
              </td>
              <td class="num">
                <Count ctx={ctx} n={r.documents.uninterpreted} href={links.uninterpreted} label={`${name} ${ctx.t('sv.uninterpreted')}`} />
              </td>
              <td>
                <ReportCell ctx={ctx} row={r} href={links.report} />
              </td>
            </tr>
          );
        })}
      </DataTable>
    </div>
  );
}

/** The records behind one agency's row. */
export interface SupervisionDetail {
  row: SupervisionRow;
  overdue: RequestLine[];
  dueSoon: RequestLine[];
  late: PublishedLine[];
  uninterpreted: PublishedLine[];
  dueSoonDays: number;
}

function RequestTable({ ctx, label, items }: { ctx: RequestContext; label: string; items: RequestLine[] }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  if (items.length === 0) return <p>{ctx.t('sv.none')}</p>;
  return (
    <DataTable label={label} head={[ctx.t('sv.col.number'), ctx.t('sv.col.title'), ctx.t('sv.col.due'), ctx.t('sv.col.days')]}>
      {items.map((i) => (
        <tr>
          <td class="nowrap">
            <a href={l(`/admin/requests/${encodeURIComponent(i.id)}`)}>{i.tracking_number}</a>
          </td>
          <td>{i.title}</td>
          <td class="nowrap">{i.due_date ?? ''}</td>
          <td class="num">{i.days_remaining === null ? '' : String(i.days_remaining)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function DocumentTable({ ctx, label, items }: { ctx: RequestContext; label: string; items: PublishedLine[] }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  if (items.length === 0) return <p>{ctx.t('sv.none')}</p>;
  return (
    <DataTable label={label} head={[ctx.t('sv.col.doc'), ctx.t('sv.col.formed'), ctx.t('sv.col.published'), ctx.t('sv.col.timeliness')]}>
      {items.map((d) => (
        <tr>
          <td>
            <a href={l(`/admin/documents/${encodeURIComponent(d.document_id)}`)}>{d.title}</a> <a href={l(documentPath(d.index_number))} class="muted">{d.index_number}</a>
          </td>
          <td class="nowrap">{d.date_formed}</td>
          <td class="nowrap">{d.published_date}</td>
          <td class="num">{d.timeliness_days === null ? '' : String(d.timeliness_days)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** `/admin/supervision/:agency`: the records behind one agency's counts, each linking to its page. */
export function SupervisionAgencyPage({ ctx, d }: { ctx: RequestContext; d: SupervisionDetail }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const r = d.row;
  const name = pick(ctx.locale, r.agency.name_zh, r.agency.name_en);
  const links = supervisionLinks(r.agency.id, r.report.year, d.dueSoonDays);
  const heading = (key: 'sv.overdue' | 'sv.due_soon' | 'sv.late_docs' | 'sv.uninterpreted', n: number, href: string) => (
    <h3>
      {ctx.t(key, { days: d.dueSoonDays })} ({String(n)}) {n > 0 ? <a href={l(href)}>{ctx.t('sv.open_list')}</a> : null}
    </h3>
  );
  return (
    <div>
      <p>
        <a href={l('/admin/supervision')}>{ctx.t('sv.back')}</a>
      </p>
      <h1>{ctx.t('sv.detail_title', { name })}</h1>
      <section aria-labelledby="sv-requests">
        <h2 id="sv-requests">{ctx.t('sv.section.requests')}</h2>
        {heading('sv.overdue', r.requests.overdue, links.overdue)}
        <RequestTable ctx={ctx} label={ctx.t('sv.overdue')} items={d.overdue} />
        {heading('sv.due_soon', r.requests.due_soon, links.dueSoon)}
        <RequestTable ctx={ctx} label={ctx.t('sv.due_soon', { days: d.dueSoonDays })} items={d.dueSoon} />
      </section>
      <section aria-labelledby="sv-documents">
        <h2 id="sv-documents">{ctx.t('sv.section.documents')}</h2>
        {heading('sv.late_docs', r.documents.late, links.late)}
        <DocumentTable ctx={ctx} label={ctx.t('sv.late_docs')} items={d.late} />
        {heading('sv.uninterpreted', r.documents.uninterpreted, links.uninterpreted)}
        <DocumentTable ctx={ctx} label={ctx.t('sv.uninterpreted')} items={d.uninterpreted} />
      </section>
      <section aria-labelledby="sv-report">
        <h2 id="sv-report">{ctx.t('sv.section.report')}</h2>
        <p>
          {ctx.t('sv.report', { year: r.report.year })}: <ReportCell ctx={ctx} row={r} href={links.report} /> · {ctx.t('sv.report_due', { date: r.report.due_by })}
          {r.report.published_date ? <span> · {ctx.t('sv.published_on', { date: r.report.published_date })}</span> : null}
        </p>
        <p>
          <a href={l(links.report)}>{ctx.t('sv.report_open')}</a>
        </p>
      </section>
    </div>
  );
}

/**
 * The notice above a console list narrowed by the supervision page's links (one agency, due within
 * N working days), with a link back to the whole list, so the narrowing is visible, not only in the URL.
 */
export function ListFilterNotice({ ctx, agencyName, dueWithin, clearHref }: { ctx: RequestContext; agencyName: string | null; dueWithin: number | null; clearHref: string }): SafeHtml | null {
  if (agencyName === null && dueWithin === null) return null;
  const parts = [agencyName, dueWithin === null ? null : ctx.t('sv.due_soon', { days: dueWithin })].filter((x): x is string => x !== null);
  return (
    <p class="notice notice-info">
      {ctx.t('sv.filtered', { what: parts.join(ctx.locale === 'en' ? '; ' : '；') })} <a href={localePath(ctx.locale, clearHref)}>{ctx.t('sv.filter_clear')}</a>
    </p>
  );
}
