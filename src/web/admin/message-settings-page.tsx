import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import type { FieldIssue } from '../../domain/errors.js';
import { DEFAULT_ANSWER_DAYS, MAX_ANSWER_DAYS, MIN_ANSWER_DAYS } from '../../domain/messages/message-rules.js';
import { pick } from '../../i18n/i18n.js';
import type { Agency } from '../../store/schema.js';
import { Csrf, ErrorSummary, SelectField, TextField } from '../forms.js';
import { DataTable } from '../table-scroll.js';
void Fragment;

/** `/admin/messages/settings`: each agency's answer deadline in working days. */
export function MessageSettingsPage({ ctx, rows, issues, flash }: { ctx: RequestContext; rows: { agency: Agency; days: number; isDefault: boolean }[]; issues: FieldIssue[]; flash?: string }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div>
      <p>
        <a href={l('/admin/messages')}>{ctx.t('msg.admin.back')}</a>
      </p>
      <h1>{ctx.t('msg.admin.settings')}</h1>
      <p class="lead">{ctx.t('msg.admin.settings_intro', { days: DEFAULT_ANSWER_DAYS })}</p>
      {flash ? (
        <p class="notice notice-ok" role="status">
          {flash}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} issues={issues} labels={{ agency: ctx.t('msg.agency'), answer_days: ctx.t('msg.admin.answer_days') }} />
      {rows.length ? (
        <>
          <DataTable label={ctx.t('msg.admin.settings')} head={[ctx.t('msg.agency'), ctx.t('msg.admin.answer_days')]}>
            {rows.map((r) => (
              <tr>
                <td>{pick(ctx.locale, r.agency.name_zh, r.agency.name_en)}</td>
                <td>{r.isDefault ? ctx.t('msg.admin.days_default', { n: r.days }) : String(r.days)}</td>
              </tr>
            ))}
          </DataTable>
          <form method="post" action={l('/admin/messages/settings')} class="form" novalidate>
            <Csrf ctx={ctx} />
            <SelectField ctx={ctx} name="agency" label={ctx.t('msg.agency')} issues={issues} options={rows.map((r): [string, string] => [r.agency.id, `${'　'.repeat(Math.max(0, r.agency.depth))}${pick(ctx.locale, r.agency.name_zh, r.agency.name_en)}`])} />
            <TextField ctx={ctx} name="answer_days" label={ctx.t('msg.admin.answer_days')} hint={ctx.t('msg.admin.answer_days_hint', { min: MIN_ANSWER_DAYS, max: MAX_ANSWER_DAYS })} type="number" issues={issues} required />
            <div class="form-actions">
              <button type="submit" class="button">{ctx.t('msg.admin.save')}</button>
            </div>
          </form>
        </>
      ) : (
        <p class="muted">{ctx.t('msg.admin.settings_none')}</p>
      )}
    </div>
  );
}
