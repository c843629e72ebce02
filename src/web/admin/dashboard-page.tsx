import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { GrantView } from '../../store/repos/user-repo.js';
import { DataTable } from '../table-scroll.js';

/** The console home: who you are and what you may do where. */
export function DashboardPage({ ctx, grants }: { ctx: RequestContext; grants: GrantView[] }): SafeHtml {
  return (
    <div>
      <h1>{ctx.t('admin.dashboard')}</h1>
      <p>{ctx.t('admin.dashboard_intro')}</p>
      <h2>{ctx.t('admin.your_grants')}</h2>
      {grants.length ? (
        <DataTable label={ctx.t('admin.your_grants')} head={[ctx.t('admin.role'), ctx.t('admin.agency')]}>
              {grants.map((g) => (
                <tr>
                  <td>{ctx.t(`role.${g.role}`)}</td>
                  <td>
                    <a href={localePath(ctx.locale, `/admin/agencies/${g.agency_id}`)}>{pick(ctx.locale, g.agency_name_zh, g.agency_name_en)}</a>
                  </td>
                </tr>
              ))}
        </DataTable>
      ) : (
        <p>{ctx.t('admin.none')}</p>
      )}
    </div>
  );
}
