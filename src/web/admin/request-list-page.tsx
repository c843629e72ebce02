import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { RequestLine, SupervisorOverview } from '../../queries/staff-requests.js';
import { DataTable } from '../table-scroll.js';
import { dateText, StateBadge } from '../public/request-parts.js';
void Fragment;

/** The console's request lists; `overview` is the supervisor's subtree view. */
export const REQUEST_VIEWS = ['open', 'overdue', 'mine', 'finished', 'overview'] as const;
export type RequestListView = (typeof REQUEST_VIEWS)[number];

/** "3 working days left", "due today", "2 days overdue". */
export function remainingText(ctx: RequestContext, l: Pick<RequestLine, 'days_remaining' | 'overdue' | 'due_date'>): string {
  if (l.due_date === null || l.days_remaining === null) return '—';
  if (l.overdue) return ctx.t('rq.days_overdue', { n: Math.max(1, -l.days_remaining) });
  if (l.days_remaining === 0) return ctx.t('rq.due_today');
  return ctx.t('rq.days_left', { n: l.days_remaining });
}

function Lines({ ctx, items }: { ctx: RequestContext; items: RequestLine[] }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  if (!items.length) return <p class="muted">{ctx.t('rq.list.empty')}</p>;
  return (
    <DataTable
      label={ctx.t('rq.list.table')}
      head={[ctx.t('rp.tracking_number'), ctx.t('rp.f.title'), ctx.t('rp.agency'), ctx.t('rq.state'), ctx.t('rp.received_on'), ctx.t('rp.due_date'), ctx.t('rq.remaining'), ctx.t('rq.officer')]}
    >
      {items.map((r) => (
        <tr class={r.overdue ? 'rq-overdue' : undefined}>
          <td class="nowrap-code">
            <a href={l(`/admin/requests/${r.id}`)}>{r.tracking_number}</a>
          </td>
          <td>{r.title}</td>
          <td>{pick(ctx.locale, r.agency_name_zh, r.agency_name_en)}</td>
          <td>
            <StateBadge ctx={ctx} state={r.state} />
          </td>
          <td>{dateText(r.received_on)}</td>
          <td>{dateText(r.due_date)}</td>
          <td>{r.overdue ? <strong class="rq-late">{remainingText(ctx, r)}</strong> : remainingText(ctx, r)}</td>
          <td>{r.officer_name || '—'}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** `/admin/requests`: tabs for the lists, the register button, the table. */
export function RequestListPage({ ctx, view, items, overview, canRegister, canSupervise, canEditLetters, filter }: {
  ctx: RequestContext;
  /** A notice saying the list is narrowed (the supervision page's links), or null. */
  filter?: SafeHtml | null;
  view: RequestListView;
  items: RequestLine[];
  overview: SupervisorOverview | null;
  canRegister: boolean;
  canSupervise: boolean;
  canEditLetters: boolean;
}): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const tabs = REQUEST_VIEWS.filter((v) => v !== 'overview' || canSupervise);
  return (
    <div>
      <h1>{ctx.t('rq.title')}</h1>
      {filter ?? null}
      <div class="button-row">
        {canRegister ? (
          <a class="button" href={l('/admin/requests/new')}>
            {ctx.t('rq.new.title')}
          </a>
        ) : null}
        <a class="button button-secondary" href={l('/admin/requests/letters')}>
          {canEditLetters ? ctx.t('rq.letters.title') : ctx.t('rq.letters.view')}
        </a>
      </div>
      <nav class="tabs" aria-label={ctx.t('rq.list.tabs')}>
        <ul>
          {tabs.map((v) => (
            <li>
              <a href={l(`/admin/requests?view=${v}`)} aria-current={v === view ? 'page' : undefined}>
                {ctx.t(`rq.view.${v}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {overview ? (
        <>
          <ul class="rq-totals">
            <li>{ctx.t('rq.overview.open', { n: overview.totals.open })}</li>
            <li>{ctx.t('rq.overview.overdue', { n: overview.totals.overdue })}</li>
            <li>{ctx.t('rq.overview.soon', { n: overview.totals.due_within_5 })}</li>
          </ul>
          <DataTable label={ctx.t('rq.overview.per_officer')} head={[ctx.t('rq.officer'), ctx.t('rq.overview.col_open'), ctx.t('rq.overview.col_overdue')]}>
            {overview.per_officer.map((p) => (
              <tr>
                <td>{p.officer_name || ctx.t('rq.unassigned')}</td>
                <td>{p.open}</td>
                <td>{p.overdue}</td>
              </tr>
            ))}
          </DataTable>
          <h2>{ctx.t('rq.overview.items')}</h2>
          <Lines ctx={ctx} items={overview.items} />
        </>
      ) : (
        <Lines ctx={ctx} items={items} />
      )}
    </div>
  );
}
