import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { FieldIssue } from '../../domain/errors.js';
import type { CalendarAdminView, CalendarIndexRow, OverrideView } from '../../queries/calendars.js';
import { CALENDARS } from '../../queries/calendars.js';
import { Csrf, CheckboxField, ErrorSummary, InlinePost, SelectField, TextAreaField, TextField, issueText } from '../forms.js';
import { DataTable } from '../table-scroll.js';
void Fragment;

/** Form values as typed, to re-show after an error. */
export type CalendarFormValues = Record<string, string>;

function calendarOptions(ctx: RequestContext): [string, string][] {
  return CALENDARS.map((id) => [id, ctx.t(`calendar.name.${id}`)]);
}

function labels(ctx: RequestContext): Record<string, string> {
  return {
    date: ctx.t('calendars.date'),
    kind: ctx.t('calendars.kind'),
    note: ctx.t('calendars.note'),
    import_kind: ctx.t('calendars.import_kind'),
    import_note: ctx.t('calendars.note'),
    year_note: ctx.t('calendars.note'),
    calendar: ctx.t('calendars.which'),
    format: ctx.t('calendars.format'),
    text: ctx.t('calendars.paste'),
    file: ctx.t('calendars.file'),
    year: ctx.t('calendars.year'),
    form: ctx.t('calendars.title'),
  };
}

/** The calendar picker, a GET form so it works without JavaScript. */
function CalendarPicker({ ctx, action, value }: { ctx: RequestContext; action: string; value: string }): SafeHtml {
  return (
    <form method="get" action={action} class="form-inline calendar-picker">
      <SelectField ctx={ctx} name="calendar" label={ctx.t('calendars.which')} options={calendarOptions(ctx)} value={value} />
      <button type="submit" class="button button-secondary">
        {ctx.t('calendars.show')}
      </button>
    </form>
  );
}

/** The agencies in scope with their own override counts. */
export function CalendarIndexPage({ ctx, rows, calendar }: { ctx: RequestContext; rows: CalendarIndexRow[]; calendar: string }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div>
      <h1>{ctx.t('calendars.title')}</h1>
      <p class="lead">{ctx.t('calendars.intro')}</p>
      <CalendarPicker ctx={ctx} action={l('/admin/calendars')} value={calendar} />
      <DataTable label={ctx.t('calendars.title')} head={[ctx.t('calendars.col_agency'), ctx.t('calendars.col_count')]}>
        {rows.map((r) => (
          <tr>
            <td class={r.agency.depth ? `tree-cell depth-${Math.min(r.agency.depth, 6)}` : 'tree-cell'}>
              <a href={l(`/admin/calendars/${r.agency.id}?calendar=${calendar}`)}>{pick(ctx.locale, r.agency.name_zh, r.agency.name_en)}</a>
            </td>
            <td>{r.overrides}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

function OverrideTable({ ctx, rows, v, own }: { ctx: RequestContext; rows: readonly OverrideView[]; v: CalendarAdminView; own: boolean }): SafeHtml {
  if (!rows.length) return <p class="muted">{ctx.t('calendars.none')}</p>;
  const base = `/admin/calendars/${v.agency.id}`;
  const head = [ctx.t('calendars.col_date'), ctx.t('calendars.col_kind'), ctx.t('calendars.col_note'), own ? null : ctx.t('calendars.col_agency'), own && v.canManage ? ctx.t('calendars.col_action') : null];
  return (
    <DataTable label={own ? ctx.t('calendars.own') : ctx.t('calendars.inherited')} head={head}>
      {rows.map((r) => (
        <tr class={r.shadowed ? 'row-muted' : undefined}>
          <td class="nowrap">{r.date}</td>
          <td class="nowrap">
            {ctx.t(`calendars.kind.${r.kind}`)}
            {r.shadowed ? <span class="tag">{ctx.t('calendars.shadowed')}</span> : null}
          </td>
          <td>{r.note}</td>
          {own ? null : <td>{pick(ctx.locale, r.agency_name_zh, r.agency_name_en)}</td>}
          {own && v.canManage ? (
            <td>
              <form method="post" action={localePath(ctx.locale, `${base}/overrides/${r.id}/remove`)} class="inline-form">
                <Csrf ctx={ctx} />
                <input type="hidden" name="calendar" value={v.calendar} />
                <button type="submit" class="link-button" aria-label={ctx.t('calendars.remove_label', { date: r.date })}>
                  {ctx.t('calendars.remove')}
                </button>
              </form>
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}

/** Import problems with their line numbers and the offending line's text. */
function ImportIssues({ ctx, issues, text }: { ctx: RequestContext; issues: FieldIssue[]; text: string }): SafeHtml {
  const lines = text.split(/\r\n|\n|\r/);
  const lineIssues = issues.filter((i) => /^line \d+$/.test(i.field));
  if (!lineIssues.length) return <span hidden></span>;
  return (
    <div class="error-summary" role="alert" aria-labelledby="import-errors-title" tabindex="-1">
      <h2 id="import-errors-title">{ctx.t('calendars.import_errors')}</h2>
      <ul>
        {lineIssues.map((i) => {
          const n = Number(i.field.slice(5));
          const src = (lines[n - 1] ?? '').trim().slice(0, 80);
          return (
            <li>
              {ctx.t('calendars.line', { line: n })}
              {src ? (
                <>
                  {' '}
                  <code>{src}</code>
                </>
              ) : null}
              {'：'}
              {issueText(ctx, i.code)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** One agency's calendar: own and inherited overrides, the forms to add, import and confirm years. */
export function CalendarAgencyPage(props: { ctx: RequestContext; v: CalendarAdminView; issues: FieldIssue[]; values: CalendarFormValues; flash?: string | undefined; form?: 'add' | 'import' | 'year' }): SafeHtml {
  const { ctx, v, issues, values } = props;
  const l = (p: string) => localePath(ctx.locale, p);
  const base = `/admin/calendars/${v.agency.id}`;
  const name = pick(ctx.locale, v.agency.name_zh, v.agency.name_en);
  const mine = (f: string) => (props.form === f ? issues.filter((i) => !/^line \d+$/.test(i.field)) : []);
  const kindOptions: [string, string][] = [
    ['holiday', ctx.t('calendars.kind.holiday')],
    ['working_day', ctx.t('calendars.kind.working_day')],
  ];
  return (
    <div class="calendar-page">
      <p>
        <a href={l(`/admin/calendars?calendar=${v.calendar}`)}>{ctx.t('calendars.back')}</a>
      </p>
      <h1>{ctx.t('calendars.agency_title', { name })}</h1>
      {props.flash ? (
        <p class="notice notice-ok" role="status">
          {props.flash}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} issues={issues.filter((i) => !/^line \d+$/.test(i.field))} labels={labels(ctx)} />
      <ImportIssues ctx={ctx} issues={issues} text={values.text ?? ''} />
      <CalendarPicker ctx={ctx} action={l(base)} value={v.calendar} />
      {v.canManage ? null : <p class="notice notice-info">{ctx.t('calendars.read_only')}</p>}

      <h2>{ctx.t('calendars.own')}</h2>
      <OverrideTable ctx={ctx} rows={v.own} v={v} own />
      <h2>{ctx.t('calendars.inherited')}</h2>
      <OverrideTable ctx={ctx} rows={v.inherited} v={v} own={false} />

      <h2>{ctx.t('calendars.years_title')}</h2>
      <p>{ctx.t('calendars.years_intro', { years: v.builtInYears.length ? `${v.builtInYears[0]}–${v.builtInYears[v.builtInYears.length - 1]}` : '—' })}</p>
      {v.ownYears.length || v.inheritedYears.length ? (
        <ul class="inline-list">
          {v.ownYears.map((y) => (
            <li>
              {y.year}
              {y.note ? ` (${y.note})` : ''}
              {v.canManage ? <InlinePost ctx={ctx} action={l(`${base}/years/${y.year}/remove`)} label={ctx.t('calendars.year_remove', { year: y.year })} fields={{ calendar: v.calendar }} /> : null}
            </li>
          ))}
          {v.inheritedYears.map((y) => (
            <li>
              {y.year} <span class="muted">({pick(ctx.locale, y.agency_name_zh, y.agency_name_en)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{ctx.t('calendars.years_none')}</p>
      )}

      {v.canManage ? (
        <>
          <section class="panel" aria-labelledby="cal-add">
            <h2 id="cal-add">{ctx.t('calendars.add_title')}</h2>
            <form method="post" action={l(`${base}/overrides`)} class="form">
              <Csrf ctx={ctx} />
              <input type="hidden" name="calendar" value={v.calendar} />
              <div class="field-row">
                <TextField ctx={ctx} name="date" type="date" label={ctx.t('calendars.date')} value={props.form === 'add' ? values.date : ''} issues={mine('add')} required />
                <SelectField ctx={ctx} name="kind" label={ctx.t('calendars.kind')} options={kindOptions} value={props.form === 'add' ? values.kind : 'holiday'} issues={mine('add')} />
              </div>
              <TextField ctx={ctx} name="note" label={ctx.t('calendars.note')} hint={ctx.t('calendars.note_hint')} value={props.form === 'add' ? values.note : ''} issues={mine('add')} maxlength={200} />
              <button type="submit" class="button">
                {ctx.t('calendars.add_submit')}
              </button>
            </form>
          </section>

          <section class="panel" aria-labelledby="cal-import">
            <h2 id="cal-import">{ctx.t('calendars.import_title')}</h2>
            <p>{ctx.t('calendars.import_intro')}</p>
            <form method="post" action={l(`${base}/import`)} class="form" enctype="multipart/form-data">
              <Csrf ctx={ctx} />
              <input type="hidden" name="calendar" value={v.calendar} />
              <SelectField ctx={ctx} name="format" label={ctx.t('calendars.format')} options={[['dates', ctx.t('calendars.format.dates')], ['ics', ctx.t('calendars.format.ics')]]} value={props.form === 'import' ? values.format : 'dates'} issues={mine('import')} />
              <SelectField ctx={ctx} name="import_kind" label={ctx.t('calendars.import_kind')} options={kindOptions} value={props.form === 'import' ? values.import_kind : 'holiday'} issues={mine('import')} />
              <TextField ctx={ctx} name="import_note" label={ctx.t('calendars.note')} hint={ctx.t('calendars.note_hint')} value={props.form === 'import' ? values.import_note : ''} issues={mine('import')} maxlength={200} />
              <div class="field">
                <label for="f-file">{ctx.t('calendars.file')}</label>
                <input id="f-file" name="file" type="file" accept=".ics,.txt,.csv,text/calendar,text/plain" />
              </div>
              <TextAreaField ctx={ctx} name="text" label={ctx.t('calendars.paste')} value={props.form === 'import' ? values.text : ''} issues={mine('import')} rows={6} />
              <CheckboxField name="complete_years" label={ctx.t('calendars.complete_years')} checked={props.form === 'import' && values.complete_years === '1'} />
              <button type="submit" class="button">
                {ctx.t('calendars.import_submit')}
              </button>
            </form>
          </section>

          <section class="panel" aria-labelledby="cal-year">
            <h2 id="cal-year">{ctx.t('calendars.year_add')}</h2>
            <form method="post" action={l(`${base}/years`)} class="form">
              <Csrf ctx={ctx} />
              <input type="hidden" name="calendar" value={v.calendar} />
              <div class="field-row">
                <TextField ctx={ctx} name="year" label={ctx.t('calendars.year')} value={props.form === 'year' ? values.year : ''} issues={mine('year')} maxlength={4} required />
                <TextField ctx={ctx} name="year_note" label={ctx.t('calendars.note')} value={props.form === 'year' ? values.year_note : ''} issues={mine('year')} maxlength={200} />
              </div>
              <button type="submit" class="button">
                {ctx.t('calendars.year_add')}
              </button>
            </form>
          </section>
        </>
      ) : null}
    </div>
  );
}
