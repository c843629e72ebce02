import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { AuditEntry } from '../../store/schema.js';
import { DataTable } from '../table-scroll.js';

type Row = AuditEntry & { agency_name_zh: string | null; agency_name_en: string | null };

/** The audit trail, newest first, read-only. */
export function AuditPage({ ctx, rows, nextBefore }: { ctx: RequestContext; rows: Row[]; nextBefore: number | null }): SafeHtml {
  return (
    <div>
      <h1>{ctx.t('admin.audit')}</h1>
      {rows.length === 0 ? (
        <p>{ctx.t('admin.audit_empty')}</p>
      ) : (
        <DataTable
          label={ctx.t('admin.audit')}
          head={[ctx.t('admin.audit_time'), ctx.t('admin.audit_actor'), ctx.t('admin.audit_action'), ctx.t('admin.agency'), ctx.t('admin.audit_target'), ctx.t('admin.audit_ip')]}
        >
              {rows.map((r) => (
                <tr>
                  <td>
                    <time datetime={r.at}>{r.at.replace('T', ' ').slice(0, 19)}</time>
                  </td>
                  <td class="nowrap">{r.actor_username}</td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>{r.agency_name_zh ? pick(ctx.locale, r.agency_name_zh, r.agency_name_en ?? '') : ''}</td>
                  <td class="detail">
                    {r.target_type} <span class="diff">{r.detail === '{}' ? '' : r.detail}</span>
                  </td>
                  <td class="nowrap">{r.ip ?? ''}</td>
                </tr>
              ))}
        </DataTable>
      )}
      {nextBefore !== null ? (
        <p>
          <a href={localePath(ctx.locale, `/admin/audit?before=${nextBefore}`)}>{ctx.t('admin.audit_more')} →</a>
        </p>
      ) : null}
    </div>
  );
}
