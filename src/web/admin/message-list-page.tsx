import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { MESSAGE_KINDS } from '../../domain/messages/message-rules.js';
import { pick } from '../../i18n/i18n.js';
import type { Agency } from '../../store/schema.js';
import { MESSAGE_VIEWS, type MessageLine, type MessageView } from '../../queries/staff-messages.js';
import { SelectField } from '../forms.js';
import { DataTable } from '../table-scroll.js';
import { MessageState, msgLabel } from '../public/message-parts.js';
import { tr } from '../public/request-parts.js';
void Fragment;

/** "3 working days left", "due today", "2 days overdue". */
function remaining(ctx: RequestContext, l: MessageLine): string {
  if (l.days_remaining === null) return '—';
  if (l.overdue) return ctx.t('msg.admin.days_overdue', { n: Math.max(1, -l.days_remaining) });
  if (l.days_remaining === 0) return ctx.t('msg.admin.due_today');
  return ctx.t('msg.admin.days_left', { n: l.days_remaining });
}

/** `/admin/messages`: tabs by view, a kind filter, the table with overdue marks. */
export function MessageAdminListPage({ ctx, view, kind, agencyId, agencies, items, canSettings }: {
  ctx: RequestContext;
  view: MessageView;
  kind: string;
  agencyId: string;
  agencies: Agency[];
  items: MessageLine[];
  canSettings: boolean;
}): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const href = (v: string) => {
    const q = new URLSearchParams({ view: v });
    if (kind) q.set('kind', kind);
    if (agencyId) q.set('agency', agencyId);
    return l(`/admin/messages?${q.toString()}`);
  };
  return (
    <div>
      <h1>{ctx.t('msg.admin.title')}</h1>
      {canSettings ? (
        <p>
          <a class="button button-secondary" href={l('/admin/messages/settings')}>
            {ctx.t('msg.admin.settings')}
          </a>
        </p>
      ) : null}
      <nav class="tabs" aria-label={ctx.t('msg.admin.views')}>
        <ul>
          {MESSAGE_VIEWS.map((v) => (
            <li>
              <a href={href(v)} aria-current={v === view ? 'page' : undefined}>
                {tr(ctx, `msg.admin.view.${v}`, v)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action={l('/admin/messages')} class="form-inline">
        <input type="hidden" name="view" value={view} />
        <SelectField ctx={ctx} name="kind" label={ctx.t('msg.f.kind')} value={kind} options={[['', ctx.t('msg.list.all_kinds')], ...MESSAGE_KINDS.map((k): [string, string] => [k, msgLabel.kind(ctx, k)])]} />
        <SelectField ctx={ctx} name="agency" label={ctx.t('msg.agency')} value={agencyId} options={[['', ctx.t('msg.admin.all_agencies')], ...agencies.map((a): [string, string] => [a.id, `${'　'.repeat(Math.max(0, a.depth))}${pick(ctx.locale, a.name_zh, a.name_en)}`])]} />
        <button type="submit" class="button button-secondary">{ctx.t('msg.admin.filter')}</button>
      </form>
      {items.length ? (
        <DataTable label={ctx.t('msg.admin.table')} head={[ctx.t('msg.tracking_number'), ctx.t('msg.f.title'), ctx.t('msg.f.kind'), ctx.t('msg.agency'), ctx.t('msg.state'), ctx.t('msg.due_date'), ctx.t('msg.admin.remaining'), ctx.t('msg.admin.officer')]}>
          {items.map((m) => (
            <tr class={m.overdue ? 'rq-overdue' : undefined}>
              <td class="nowrap-code">
                <a href={l(`/admin/messages/${m.id}`)}>{m.tracking_number}</a>
              </td>
              <td>{m.title}</td>
              <td>{msgLabel.kind(ctx, m.kind)}</td>
              <td>{pick(ctx.locale, m.agency_name_zh, m.agency_name_en)}</td>
              <td>
                <MessageState ctx={ctx} state={m.state} />
              </td>
              <td>{m.due_date}</td>
              <td>{m.overdue ? <strong class="rq-late">{remaining(ctx, m)}</strong> : remaining(ctx, m)}</td>
              <td>{m.officer_name || '—'}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p class="muted">{ctx.t('msg.admin.empty')}</p>
      )}
    </div>
  );
}
