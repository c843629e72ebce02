import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import type { Session } from '../../store/schema.js';
import { InlinePost } from '../forms.js';
import { DataTable } from '../table-scroll.js';

/** The signed-in user's sessions, each revocable. */
export function SessionsPage({ ctx, sessions, currentId, now }: { ctx: RequestContext; sessions: Session[]; currentId: string; now: string }): SafeHtml {
  return (
    <div>
      <h1>{ctx.t('admin.sessions')}</h1>
      <DataTable label={ctx.t('admin.sessions')} head={[ctx.t('admin.session_created'), ctx.t('admin.session_last_seen'), ctx.t('admin.session_ip'), ctx.t('admin.status')]}>
            {sessions.map((s) => {
              const live = !s.revoked_at && s.expires_at > now && s.absolute_expires_at > now;
              return (
                <tr>
                  <td>{s.created_at.replace('T', ' ').slice(0, 19)}</td>
                  <td>{s.last_seen_at.replace('T', ' ').slice(0, 19)}</td>
                  <td class="nowrap">{s.ip}</td>
                  <td>
                    {s.id === currentId ? (
                      ctx.t('admin.session_current')
                    ) : s.revoked_at ? (
                      ctx.t('admin.session_revoked')
                    ) : !live ? (
                      ctx.t('admin.session_expired')
                    ) : (
                      <InlinePost ctx={ctx} action={localePath(ctx.locale, `/admin/sessions/${s.id}/revoke`)} label={ctx.t('admin.revoke')} />
                    )}
                  </td>
                </tr>
              );
            })}
      </DataTable>
    </div>
  );
}
