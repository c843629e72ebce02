import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { InlinePost } from '../forms.js';

/** The console navigation; shows the signed-in user and the sign-out button when there is one. */
export function AdminNav({ ctx, current }: { ctx: RequestContext; current: string }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const items: [string, string][] = ctx.staff
    ? [
        ['/admin', ctx.t('admin.dashboard')],
        ['/admin/documents', ctx.t('docs.console')],
        ['/admin/requests', ctx.t('rq.nav')],
        ['/admin/consultations', ctx.t('cs.admin.title')],
        ['/admin/messages', ctx.t('msg.admin.title')],
        ['/admin/webhooks', ctx.t('webhooks.nav')],
        ['/admin/agencies', ctx.t('admin.agencies')],
        ['/admin/calendars', ctx.t('calendars.nav')],
        ['/admin/reports', ctx.t('report.nav')],
        ['/admin/search', ctx.t('search.staff.nav')],
        ...(ctx.staff.grants.some((g) => g.role === 'supervisor') ? [['/admin/supervision', ctx.t('sv.nav')] as [string, string]] : []),
        ['/admin/staff', ctx.t('admin.staff')],
        ['/admin/audit', ctx.t('admin.audit')],
        ['/admin/sessions', ctx.t('admin.sessions')],
      ]
    : [];
  return (
    <nav class="site-nav admin-nav" aria-label={ctx.t('admin.console_nav')}>
      <ul class="wrap">
        <li>
          <a href={l('/')}>{ctx.t('nav.home')}</a>
        </li>
        {items.map(([p, label]) => (
          <li>
            <a href={l(p)} aria-current={current === p ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
        {ctx.staff ? (
          <li class="nav-right">
            <span class="whoami">{ctx.t('admin.signed_in_as', { name: ctx.staff.user.display_name })}</span>
            <InlinePost ctx={ctx} action={l('/admin/logout')} label={ctx.t('admin.logout')} />
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
