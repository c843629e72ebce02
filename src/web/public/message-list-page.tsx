import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { MESSAGE_KINDS } from '../../domain/messages/message-rules.js';
import { pick } from '../../i18n/i18n.js';
import type { PublicMessageLine, RatingSummary } from '../../queries/messages.js';
import { Breadcrumbs } from '../layout.js';
import { Pagination } from '../result-nav.js';
import { DataTable } from '../table-scroll.js';
import { messagePath, msgLabel } from './message-parts.js';
void Fragment;

/** Ratings per agency, as counts and the share of satisfied answers. */
export function RatingTable({ ctx, ratings }: { ctx: RequestContext; ratings: RatingSummary[] }): SafeHtml {
  if (!ratings.length) return <p class="muted">{ctx.t('msg.ratings.none')}</p>;
  return (
    <DataTable
      label={ctx.t('msg.ratings.title')}
      head={[ctx.t('msg.agency'), ctx.t('msg.ratings.answered'), msgLabel.rating(ctx, 'satisfied'), msgLabel.rating(ctx, 'neutral'), msgLabel.rating(ctx, 'dissatisfied')]}
    >
      {ratings.map((r) => (
        <tr>
          <td>{pick(ctx.locale, r.agency.name_zh, r.agency.name_en)}</td>
          <td class="num">{r.answered}</td>
          <td class="num">{r.satisfied}</td>
          <td class="num">{r.neutral}</td>
          <td class="num">{r.dissatisfied}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** `/messages`: published messages and answers (personal data removed), filters, ratings per agency. */
export function MessageListPage({ ctx, items, total, page, pageSize, kind, agencyCode, agencyName, ratings }: {
  ctx: RequestContext;
  items: PublicMessageLine[];
  total: number;
  page: number;
  pageSize: number;
  kind: string;
  agencyCode: string;
  agencyName: string;
  ratings: RatingSummary[];
}): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const query = (over: { agency?: string; kind?: string; page?: number }) => {
    const q = new URLSearchParams();
    const all = { agency: agencyCode, kind, page: 1, ...over };
    if (all.agency) q.set('agency', all.agency);
    if (all.kind) q.set('kind', all.kind);
    if (all.page > 1) q.set('page', String(all.page));
    const s = q.toString();
    return l(`/messages${s ? `?${s}` : ''}`);
  };
  return (
    <div class="msg-page">
      <Breadcrumbs ctx={ctx} items={[[ctx.t('nav.home'), '/'], [ctx.t('msg.title'), null]]} />
      <h1>{ctx.t('msg.title')}</h1>
      <p class="lead">{ctx.t('msg.list.intro')}</p>
      <div class="button-row">
        <a class="button" href={l(agencyCode ? `/messages/new?agency=${encodeURIComponent(agencyCode)}` : '/messages/new')}>
          {ctx.t('msg.form.title')}
        </a>
        <a class="button button-secondary" href={l('/messages/track')}>
          {ctx.t('msg.track.title')}
        </a>
      </div>
      {agencyName ? (
        <p class="notice notice-info">
          {ctx.t('msg.list.agency_filter', { agency: agencyName })} <a href={query({ agency: '', page: 1 })}>{ctx.t('msg.list.all_agencies')}</a>
        </p>
      ) : null}
      <nav class="tabs" aria-label={ctx.t('msg.list.kinds')}>
        <ul>
          {['', ...MESSAGE_KINDS].map((k) => (
            <li>
              <a href={query({ kind: k, page: 1 })} aria-current={k === kind ? 'page' : undefined}>
                {k ? msgLabel.kind(ctx, k) : ctx.t('msg.list.all_kinds')}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{ctx.t('msg.list.published', { n: total })}</h2>
      {items.length ? (
        <ul class="doc-list msg-list">
          {items.map((m) => (
            <li class="doc-entry">
              <a class="doc-entry-title" href={l(messagePath(m.tracking_number))}>
                {m.title}
              </a>
              <p class="doc-entry-meta muted">
                <span class="tag">{msgLabel.kind(ctx, m.kind)}</span> {msgLabel.category(ctx, m.category)} · {pick(ctx.locale, m.agency.name_zh, m.agency.name_en)} ·{' '}
                {ctx.t('msg.list.dates', { sent: m.submitted_on, answered: m.answered_on })}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{ctx.t('msg.list.empty')}</p>
      )}
      <Pagination ctx={ctx} page={page} pages={pages} href={(n) => query({ page: n })} />
      <h2>{ctx.t('msg.ratings.title')}</h2>
      <p class="hint">{ctx.t('msg.ratings.intro')}</p>
      <RatingTable ctx={ctx} ratings={ratings} />
    </div>
  );
}
