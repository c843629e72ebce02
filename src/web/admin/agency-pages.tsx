import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { hasKey, pick } from '../../i18n/i18n.js';
import type { FieldIssue } from '../../domain/errors.js';
import { AGENCY_LEVELS } from '../../domain/agency-rules.js';
import type { Agency } from '../../store/schema.js';
import type { AgencyNode } from '../../queries/agencies.js';
import { Csrf, ErrorSummary, SelectField, TextField } from '../forms.js';
import { DataTable } from '../table-scroll.js';
void Fragment;

type Values = Record<string, string>;

const PROFILE_FIELDS: [string, 'admin.name_zh' | 'admin.name_en' | 'admin.office_name_zh' | 'admin.office_name_en' | 'admin.address_zh' | 'admin.address_en' | 'agency.postcode' | 'admin.hours_zh' | 'admin.hours_en' | 'agency.phone' | 'agency.fax' | 'agency.email' | 'agency.website' | 'agency.time_zone', string?][] = [
  ['name_zh', 'admin.name_zh', 'zh-CN'],
  ['name_en', 'admin.name_en', 'en'],
  ['office_name_zh', 'admin.office_name_zh', 'zh-CN'],
  ['office_name_en', 'admin.office_name_en', 'en'],
  ['address_zh', 'admin.address_zh', 'zh-CN'],
  ['address_en', 'admin.address_en', 'en'],
  ['postcode', 'agency.postcode'],
  ['office_hours_zh', 'admin.hours_zh', 'zh-CN'],
  ['office_hours_en', 'admin.hours_en', 'en'],
  ['phone', 'agency.phone'],
  ['fax', 'agency.fax'],
  ['email', 'agency.email'],
  ['website', 'agency.website'],
  ['time_zone', 'agency.time_zone'],
];

export function fieldLabels(ctx: RequestContext): Record<string, string> {
  const out: Record<string, string> = { code: ctx.t('agency.code'), level: ctx.t('agency.level'), parent_id: ctx.t('agency.parent') };
  for (const [name, key] of PROFILE_FIELDS) out[name] = ctx.t(key);
  return out;
}

function ProfileFields({ ctx, values, issues, names }: { ctx: RequestContext; values: Values; issues: FieldIssue[]; names?: boolean }): SafeHtml {
  return (
    <>
      {PROFILE_FIELDS.filter(([n]) => names !== false || !n.startsWith('name_')).map(([name, key, lang]) => (
        <TextField
          ctx={ctx}
          name={name}
          label={ctx.t(key)}
          value={values[name]}
          issues={issues}
          lang={lang}
          required={name === 'name_zh' || name === 'name_en'}
          type={name === 'email' ? 'email' : name === 'website' ? 'url' : 'text'}
        />
      ))}
    </>
  );
}

function TreeTable({ ctx, nodes, depth }: { ctx: RequestContext; nodes: AgencyNode[]; depth: number }): SafeHtml {
  return (
    <>
      {nodes.map((n) => (
        <>
          <tr class={n.agency.status === 'closed' ? 'row-muted' : undefined}>
            {/* Indented by padding, not a spacer, so a wrapped name keeps its indent. */}
            <td class={depth ? `tree-cell depth-${Math.min(depth, 6)}` : 'tree-cell'}>
              <a href={localePath(ctx.locale, `/admin/agencies/${n.agency.id}`)}>{pick(ctx.locale, n.agency.name_zh, n.agency.name_en)}</a>
            </td>
            <td class="nowrap">{ctx.t(`level.${n.agency.level}`)}</td>
            <td>
              <code>{n.agency.code}</code>
            </td>
            <td class="nowrap">{n.agency.status === 'open' ? ctx.t('admin.status_open') : ctx.t('admin.status_closed')}</td>
          </tr>
          <TreeTable ctx={ctx} nodes={n.children} depth={depth + 1} />
        </>
      ))}
    </>
  );
}

/** The agencies within the staff member's scope. */
export function AgencyListPage({ ctx, roots, canCreate }: { ctx: RequestContext; roots: AgencyNode[]; canCreate: boolean }): SafeHtml {
  return (
    <div>
      <div class="section-head">
        <h1>{ctx.t('admin.agencies')}</h1>
        {canCreate ? (
          <a class="button" href={localePath(ctx.locale, '/admin/agencies/new')}>
            {ctx.t('admin.new_agency')}
          </a>
        ) : null}
      </div>
      <DataTable label={ctx.t('admin.agencies')} head={[ctx.t('admin.name_zh'), ctx.t('agency.level'), ctx.t('agency.code'), ctx.t('admin.status')]}>
            <TreeTable ctx={ctx} nodes={roots} depth={0} />
      </DataTable>
    </div>
  );
}

/** The form to create an agency under one the staff member manages. */
export function NewAgencyPage({ ctx, parents, values, issues }: { ctx: RequestContext; parents: Agency[]; values: Values; issues: FieldIssue[] }): SafeHtml {
  return (
    <div class="narrow-wide">
      <h1>{ctx.t('admin.new_agency')}</h1>
      <ErrorSummary ctx={ctx} issues={issues} labels={fieldLabels(ctx)} />
      <form method="post" action={localePath(ctx.locale, '/admin/agencies/new')} class="form">
        <Csrf ctx={ctx} />
        <SelectField
          ctx={ctx}
          name="parent_id"
          label={ctx.t('agency.parent')}
          value={values.parent_id}
          issues={issues}
          options={parents.map((p) => [p.id, `${'　'.repeat(p.depth)}${pick(ctx.locale, p.name_zh, p.name_en)}`])}
        />
        <SelectField ctx={ctx} name="level" label={ctx.t('agency.level')} value={values.level ?? 'department'} issues={issues} options={AGENCY_LEVELS.map((l) => [l, ctx.t(`level.${l}`)])} />
        <TextField ctx={ctx} name="code" label={ctx.t('agency.code')} hint={ctx.t('admin.code_hint')} value={values.code} issues={issues} required />
        <ProfileFields ctx={ctx} values={values} issues={issues} />
        <button type="submit" class="button">
          {ctx.t('admin.create')}
        </button>
      </form>
    </div>
  );
}

type HistoryRow = { id: string; at: string; action: string; actor_username: string | null; before_json: string | null; after_json: string };

/** One agency in the console: edit its guide details, move, close, and read its history. */
export function AgencyDetailPage(props: {
  ctx: RequestContext;
  agency: Agency;
  parent: Agency | undefined;
  history: HistoryRow[];
  canEditProfile: boolean;
  canManage: boolean;
  moveTargets: Agency[];
  values: Values;
  issues: FieldIssue[];
  flash?: string;
}): SafeHtml {
  const { ctx, agency: a } = props;
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div class="narrow-wide">
      <h1>{pick(ctx.locale, a.name_zh, a.name_en)}</h1>
      <p>
        <a href={l(`/agencies/${encodeURIComponent(a.code)}`)}>{ctx.t('admin.view_public')}</a>
      </p>
      {props.flash ? (
        <div class="notice notice-ok" role="status">
          {props.flash}
        </div>
      ) : null}
      <dl class="meta-list">
        <div class="dl-row">
          <dt>{ctx.t('agency.code')}</dt>
          <dd>
            <code>{a.code}</code>
          </dd>
        </div>
        <div class="dl-row">
          <dt>{ctx.t('agency.level')}</dt>
          <dd>{ctx.t(`level.${a.level}`)}</dd>
        </div>
        <div class="dl-row">
          <dt>{ctx.t('agency.parent')}</dt>
          <dd>{props.parent ? pick(ctx.locale, props.parent.name_zh, props.parent.name_en) : ctx.t('admin.parent_none')}</dd>
        </div>
        <div class="dl-row">
          <dt>{ctx.t('admin.status')}</dt>
          <dd>{a.status === 'open' ? ctx.t('admin.status_open') : ctx.t('admin.status_closed')}</dd>
        </div>
      </dl>
      {props.canEditProfile && a.status === 'open' ? (
        <section aria-labelledby="edit-h">
          <h2 id="edit-h">{ctx.t('admin.edit')}</h2>
          <ErrorSummary ctx={ctx} issues={props.issues} labels={fieldLabels(ctx)} />
          <form method="post" action={l(`/admin/agencies/${a.id}`)} class="form">
            <Csrf ctx={ctx} />
            <input type="hidden" name="version" value={String(a.version)} />
            <ProfileFields ctx={ctx} values={props.values} issues={props.issues} names={props.canManage} />
            <button type="submit" class="button">
              {ctx.t('admin.save')}
            </button>
          </form>
        </section>
      ) : null}
      {props.canManage && a.status === 'open' && props.moveTargets.length ? (
        <section aria-labelledby="move-h">
          <h2 id="move-h">{ctx.t('admin.move')}</h2>
          <form method="post" action={l(`/admin/agencies/${a.id}/move`)} class="form form-inline">
            <Csrf ctx={ctx} />
            <input type="hidden" name="version" value={String(a.version)} />
            <SelectField
              ctx={ctx}
              name="parent_id"
              label={ctx.t('admin.move_to')}
              value={a.parent_id ?? ''}
              options={props.moveTargets.map((p) => [p.id, `${'　'.repeat(p.depth)}${pick(ctx.locale, p.name_zh, p.name_en)}`])}
            />
            <button type="submit" class="button button-secondary">
              {ctx.t('admin.move')}
            </button>
          </form>
        </section>
      ) : null}
      {props.canManage ? (
        <section aria-labelledby="close-h">
          <h2 id="close-h">{a.status === 'open' ? ctx.t('admin.close_agency') : ctx.t('admin.reopen_agency')}</h2>
          {a.status === 'open' ? <p>{ctx.t('admin.close_warning')}</p> : null}
          <form method="post" action={l(`/admin/agencies/${a.id}/${a.status === 'open' ? 'close' : 'reopen'}`)} class="form">
            <Csrf ctx={ctx} />
            <input type="hidden" name="version" value={String(a.version)} />
            <button type="submit" class={a.status === 'open' ? 'button button-danger' : 'button button-secondary'}>
              {a.status === 'open' ? ctx.t('admin.close_agency') : ctx.t('admin.reopen_agency')}
            </button>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="hist-h">
        <h2 id="hist-h">{ctx.t('admin.history')}</h2>
        {props.history.length ? (
          <DataTable label={ctx.t('admin.history')} head={[ctx.t('admin.audit_time'), ctx.t('admin.audit_action'), ctx.t('admin.audit_actor'), ctx.t('admin.audit_target')]}>
                {props.history.map((h0) => (
                  <tr>
                    <td>
                      <time datetime={h0.at}>{h0.at.replace('T', ' ').slice(0, 19)}</time>
                    </td>
                    <td class="nowrap">{historyLabel(ctx, h0.action)}</td>
                    <td class="nowrap">{h0.actor_username ?? 'cli'}</td>
                    <td class="diff">{summariseChange(h0)}</td>
                  </tr>
                ))}
          </DataTable>
        ) : (
          <p>{ctx.t('admin.history_empty')}</p>
        )}
      </section>
    </div>
  );
}

function historyLabel(ctx: RequestContext, action: string): string {
  const key = `history.${action}`;
  return hasKey(key) ? ctx.t(key) : action;
}

function summariseChange(row: HistoryRow): string {
  if (row.action === 'create') return '';
  try {
    const before = row.before_json ? (JSON.parse(row.before_json) as Record<string, unknown>) : {};
    const after = JSON.parse(row.after_json) as Record<string, unknown>;
    return Object.keys(after)
      .map((k) => `${k}: ${String(before[k] ?? '')} → ${String(after[k] ?? '')}`)
      .join('; ');
  } catch {
    return '';
  }
}
