import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { FieldIssue } from '../../domain/errors.js';
import { ROLES } from '../../domain/policy.js';
import type { Agency } from '../../store/schema.js';
import type { GrantView } from '../../store/repos/user-repo.js';
import { Csrf, ErrorSummary, InlinePost, SelectField, TextField } from '../forms.js';
import { DataTable } from '../table-scroll.js';

type StaffRow = { id: string; username: string; display_name: string; status: string; agency_name_zh: string; agency_name_en: string };

function labels(ctx: RequestContext): Record<string, string> {
  return {
    username: ctx.t('admin.username'),
    display_name: ctx.t('admin.display_name'),
    email: ctx.t('agency.email'),
    password: ctx.t('admin.password'),
    home_agency_id: ctx.t('admin.home_agency'),
    role: ctx.t('admin.role'),
    agency_id: ctx.t('admin.agency'),
  };
}

function agencyOptions(ctx: RequestContext, list: Agency[]): [string, string][] {
  return list.map((a) => [a.id, `${'　'.repeat(a.depth)}${pick(ctx.locale, a.name_zh, a.name_en)}`]);
}

/** Staff within the reader's scope. */
export function StaffListPage({ ctx, rows, canCreate }: { ctx: RequestContext; rows: StaffRow[]; canCreate: boolean }): SafeHtml {
  return (
    <div>
      <div class="section-head">
        <h1>{ctx.t('admin.staff')}</h1>
        {canCreate ? (
          <a class="button" href={localePath(ctx.locale, '/admin/staff/new')}>
            {ctx.t('admin.new_user')}
          </a>
        ) : null}
      </div>
      <DataTable label={ctx.t('admin.staff')} head={[ctx.t('admin.username'), ctx.t('admin.display_name'), ctx.t('admin.home_agency'), ctx.t('admin.status')]}>
            {rows.map((r) => (
              <tr>
                <td class="nowrap">
                  <a href={localePath(ctx.locale, `/admin/staff/${r.id}`)}>{r.username}</a>
                </td>
                <td>{r.display_name}</td>
                <td>{pick(ctx.locale, r.agency_name_zh, r.agency_name_en)}</td>
                <td class="nowrap">{r.status === 'active' ? ctx.t('admin.user_active') : ctx.t('admin.user_disabled')}</td>
              </tr>
            ))}
      </DataTable>
    </div>
  );
}

/** Form for a new staff account. */
export function NewStaffPage({ ctx, agencies, values, issues }: { ctx: RequestContext; agencies: Agency[]; values: Record<string, string>; issues: FieldIssue[] }): SafeHtml {
  return (
    <div class="narrow-wide">
      <h1>{ctx.t('admin.new_user')}</h1>
      <ErrorSummary ctx={ctx} issues={issues} labels={labels(ctx)} />
      <form method="post" action={localePath(ctx.locale, '/admin/staff/new')} class="form">
        <Csrf ctx={ctx} />
        <TextField ctx={ctx} name="username" label={ctx.t('admin.username')} value={values.username} issues={issues} required autocomplete="off" />
        <TextField ctx={ctx} name="display_name" label={ctx.t('admin.display_name')} value={values.display_name} issues={issues} required />
        <TextField ctx={ctx} name="email" label={ctx.t('agency.email')} type="email" value={values.email} issues={issues} />
        <TextField ctx={ctx} name="password" label={ctx.t('admin.password')} type="password" hint={ctx.t('admin.password_hint')} issues={issues} required autocomplete="new-password" />
        <SelectField ctx={ctx} name="home_agency_id" label={ctx.t('admin.home_agency')} value={values.home_agency_id} issues={issues} options={agencyOptions(ctx, agencies)} />
        <SelectField ctx={ctx} name="role" label={ctx.t('admin.role')} value={values.role ?? 'editor'} issues={issues} options={ROLES.map((r) => [r, ctx.t(`role.${r}`)])} />
        <button type="submit" class="button">
          {ctx.t('admin.create')}
        </button>
      </form>
    </div>
  );
}

/** One staff member: grants, status, password reset. */
export function StaffDetailPage(props: {
  ctx: RequestContext;
  user: { id: string; username: string; display_name: string; email: string; status: string };
  home: Agency;
  grants: GrantView[];
  canManage: boolean;
  grantTargets: Agency[];
  issues: FieldIssue[];
  flash?: string;
}): SafeHtml {
  const { ctx, user } = props;
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div class="narrow-wide">
      <h1>
        {user.display_name} <span class="muted">({user.username})</span>
      </h1>
      {props.flash ? (
        <div class="notice notice-ok" role="status">
          {props.flash}
        </div>
      ) : null}
      <ErrorSummary ctx={ctx} issues={props.issues} labels={labels(ctx)} />
      <dl class="meta-list">
        <div class="dl-row">
          <dt>{ctx.t('admin.home_agency')}</dt>
          <dd>{pick(ctx.locale, props.home.name_zh, props.home.name_en)}</dd>
        </div>
        <div class="dl-row">
          <dt>{ctx.t('agency.email')}</dt>
          <dd>{user.email || ctx.t('agency.not_set')}</dd>
        </div>
        <div class="dl-row">
          <dt>{ctx.t('admin.status')}</dt>
          <dd>{user.status === 'active' ? ctx.t('admin.user_active') : ctx.t('admin.user_disabled')}</dd>
        </div>
      </dl>
      <h2>{ctx.t('admin.grants')}</h2>
      <DataTable label={ctx.t('admin.grants')} head={[ctx.t('admin.role'), ctx.t('admin.agency'), props.canManage ? ctx.t('admin.actions') : null]}>
            {props.grants.map((g) => (
              <tr>
                <td>{ctx.t(`role.${g.role}`)}</td>
                <td>{pick(ctx.locale, g.agency_name_zh, g.agency_name_en)}</td>
                {props.canManage ? (
                  <td>
                    <InlinePost ctx={ctx} action={l(`/admin/staff/${user.id}/revoke`)} label={ctx.t('admin.revoke')} fields={{ agency_id: g.agency_id, role: g.role }} />
                  </td>
                ) : null}
              </tr>
            ))}
      </DataTable>
      {props.canManage ? (
        <div>
          <h3>{ctx.t('admin.add_grant')}</h3>
          <form method="post" action={l(`/admin/staff/${user.id}/grant`)} class="form form-inline">
            <Csrf ctx={ctx} />
            <SelectField ctx={ctx} name="role" label={ctx.t('admin.role')} options={ROLES.map((r) => [r, ctx.t(`role.${r}`)])} />
            <SelectField ctx={ctx} name="agency_id" label={ctx.t('admin.agency')} options={agencyOptions(ctx, props.grantTargets)} />
            <button type="submit" class="button button-secondary">
              {ctx.t('admin.add_grant')}
            </button>
          </form>
          <h3>{ctx.t('admin.set_password')}</h3>
          <form method="post" action={l(`/admin/staff/${user.id}/password`)} class="form form-inline">
            <Csrf ctx={ctx} />
            <TextField ctx={ctx} name="password" label={ctx.t('admin.new_password')} type="password" hint={ctx.t('admin.password_hint')} issues={props.issues} autocomplete="new-password" />
            <button type="submit" class="button button-secondary">
              {ctx.t('admin.set_password')}
            </button>
          </form>
          <h3>{user.status === 'active' ? ctx.t('admin.disable') : ctx.t('admin.enable')}</h3>
          <form method="post" action={l(`/admin/staff/${user.id}/${user.status === 'active' ? 'disable' : 'enable'}`)} class="form">
            <Csrf ctx={ctx} />
            <button type="submit" class={user.status === 'active' ? 'button button-danger' : 'button button-secondary'}>
              {user.status === 'active' ? ctx.t('admin.disable') : ctx.t('admin.enable')}
            </button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
