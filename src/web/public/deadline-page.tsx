import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import type { FieldIssue } from '../../domain/errors.js';
import type { DeadlineAnswer, ExplainedDay } from '../../commands/calendars/calculate-deadline.js';
import type { DeadlineWarning } from '../../domain/calendar/deadline.js';
import { CALENDAR_IDS } from '../../domain/calendar/calendars.js';
import { REGIMES, type RegimeId } from '../../domain/calendar/regimes.js';
import { hasKey } from '../../i18n/i18n.js';
import { ErrorSummary, SelectField, TextField } from '../forms.js';
import { DataTable } from '../table-scroll.js';
void Fragment;

/** The calculator form's values, as typed. */
export type DeadlineValues = Record<'regime' | 'from' | 'days' | 'calendar' | 'pause_from' | 'pause_to', string>;

/** A translated message for a key built at run time, or `fallback` when the catalogue lacks it. */
function tr(ctx: RequestContext, key: string, fallback: string, vars?: Record<string, string | number>): string {
  return hasKey(key) ? ctx.t(key, vars) : fallback;
}

function calendarName(ctx: RequestContext, id: string): string {
  return tr(ctx, `calendar.name.${id}`, id);
}

function fieldLabels(ctx: RequestContext): Record<string, string> {
  return {
    regime: ctx.t('deadline.regime'),
    from: ctx.t('deadline.from'),
    days: ctx.t('deadline.days'),
    calendar: ctx.t('deadline.calendar'),
    pause_from: ctx.t('deadline.pause_from'),
    pause_to: ctx.t('deadline.pause_to'),
  };
}

/** One warning in the visitor's language. */
export function warningText(ctx: RequestContext, w: DeadlineWarning): string {
  if (w.code === 'calendar_year_without_data') return ctx.t('deadline.warning_year', { calendar: calendarName(ctx, w.calendar), year: w.year });
  if (w.code === 'consultation_pause_capped') return ctx.t('deadline.warning_capped', { date: w.cappedAt });
  return w.code;
}

function countCell(ctx: RequestContext, d: ExplainedDay, from: string): string {
  if (d.date === from) return ctx.t('deadline.day0');
  if (d.paused) return ctx.t('deadline.paused');
  return d.count === null ? ctx.t('deadline.not_counted') : ctx.t('deadline.counted_n', { n: d.count });
}

function Result({ ctx, a }: { ctx: RequestContext; a: DeadlineAnswer }): SafeHtml {
  const unit = ctx.t(a.regime.counting === 'calendar_days' ? 'deadline.counting.calendar_days' : 'deadline.counting.working_days');
  return (
    <section aria-labelledby="deadline-result" class="panel deadline-result">
      <h2 id="deadline-result">{ctx.t('deadline.result')}</h2>
      {a.warnings.length ? (
        <div class="notice notice-warn" role="status">
          <h3>{ctx.t('deadline.warning_title')}</h3>
          <ul>
            {a.warnings.map((w) => (
              <li>{warningText(ctx, w)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p class="muted">{ctx.t('deadline.period', { days: a.days, unit, calendar: calendarName(ctx, a.calendar) })}</p>
      <dl class="meta-list deadline-dates">
        <dt>{ctx.t('deadline.due')}</dt>
        <dd>
          <strong class="deadline-due">{a.dueDate}</strong> <span class="muted">{ctx.t('deadline.overdue_from', { date: a.overdueFrom })}</span>
        </dd>
        {a.extension ? (
          <>
            <dt>{ctx.t('deadline.extended_due', { days: a.extension.days })}</dt>
            <dd>
              <strong class="deadline-extended">{a.extension.dueDate}</strong> <span class="muted">{ctx.t('deadline.overdue_from', { date: a.extension.overdueFrom })}</span>
            </dd>
          </>
        ) : null}
        {a.correctionNoticeDue ? (
          <>
            <dt>{ctx.t('deadline.correction_due')}</dt>
            <dd>{a.correctionNoticeDue}</dd>
          </>
        ) : null}
      </dl>
      {a.pause ? <p>{ctx.t('deadline.pause_summary', { from: a.pause.from, to: a.pause.excludedThrough ?? a.pause.to, days: a.pause.days })}</p> : null}
      <h3>{ctx.t('deadline.explanation')}</h3>
      <DataTable label={ctx.t('deadline.explanation')} head={[ctx.t('deadline.col_date'), ctx.t('deadline.col_weekday'), ctx.t('deadline.col_kind'), ctx.t('deadline.col_count')]}>
        {a.explanation.map((d) => (
          <tr class={d.count === null && d.date !== a.from ? 'row-muted' : d.marks.length ? 'deadline-mark' : undefined}>
            <td class="nowrap">{d.date}</td>
            {/* weekday is 0–6, so the key is one of calendar.weekday.0 … .6 */}
            <td>{ctx.t(`calendar.weekday.${d.weekday}` as 'calendar.weekday.0')}</td>
            <td>{tr(ctx, `calendar.reason.${d.reason}`, d.reason)}</td>
            <td>
              {countCell(ctx, d, a.from)}
              {d.marks.map((m) => (
                <span class="tag">{ctx.t(`deadline.mark.${m}`)}</span>
              ))}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

/** The public deadline calculator: the form (GET, works without JavaScript), the rules, and the result. */
export function DeadlinePage({ ctx, values, issues, answer }: { ctx: RequestContext; values: DeadlineValues; issues: FieldIssue[]; answer: DeadlineAnswer | null }): SafeHtml {
  const regimes: [string, string][] = (Object.keys(REGIMES) as RegimeId[]).map((id) => [id, ctx.t(`deadline.regime.${id}`)]);
  const calendars: [string, string][] = [['', ctx.t('deadline.calendar_default')], ...CALENDAR_IDS.map((id): [string, string] => [id, calendarName(ctx, id)])];
  const api = `/api/v1/deadline?regime=${encodeURIComponent(values.regime || 'cn-ogi')}&from=${encodeURIComponent(values.from || '2025-09-26')}`;
  return (
    <div class="deadline-page">
      <h1>{ctx.t('deadline.title')}</h1>
      <p class="lead">{ctx.t('deadline.intro')}</p>
      <ErrorSummary ctx={ctx} issues={issues} labels={fieldLabels(ctx)} />
      <form method="get" action={localePath(ctx.locale, '/deadline')} class="form" novalidate>
        <SelectField ctx={ctx} name="regime" label={ctx.t('deadline.regime')} options={regimes} value={values.regime || 'cn-ogi'} issues={issues} />
        <div class="field-row">
          <TextField ctx={ctx} name="from" type="date" label={ctx.t('deadline.from')} hint={ctx.t('deadline.from_hint')} value={values.from} issues={issues} required />
          <TextField ctx={ctx} name="days" label={ctx.t('deadline.days')} hint={ctx.t('deadline.days_hint')} value={values.days} issues={issues} maxlength={4} />
        </div>
        <SelectField ctx={ctx} name="calendar" label={ctx.t('deadline.calendar')} options={calendars} value={values.calendar} issues={issues} />
        <fieldset class="deadline-pause">
          <legend>{ctx.t('deadline.pause_legend')}</legend>
          <p class="hint">{ctx.t('deadline.pause_hint')}</p>
          <div class="field-row">
            <TextField ctx={ctx} name="pause_from" type="date" label={ctx.t('deadline.pause_from')} value={values.pause_from} issues={issues} />
            <TextField ctx={ctx} name="pause_to" type="date" label={ctx.t('deadline.pause_to')} value={values.pause_to} issues={issues} />
          </div>
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button">
            {ctx.t('deadline.submit')}
          </button>
        </div>
      </form>
      {answer ? <Result ctx={ctx} a={answer} /> : null}
      <section aria-labelledby="deadline-rules">
        <h2 id="deadline-rules">{ctx.t('deadline.rules_title')}</h2>
        <ul>
          <li>{ctx.t('deadline.rule_day0')}</li>
          <li>{ctx.t('deadline.rule_nth')}</li>
          <li>{ctx.t('deadline.rule_calendar_days')}</li>
          <li>{ctx.t('deadline.rule_overdue')}</li>
        </ul>
        <p>
          {/* The message keeps its {api} and {cli} placeholders when read without variables; they become links and code here. */}
          {ctx.t('deadline.api_hint')
            .split(/(\{api\}|\{cli\})/)
            .map((part) => (part === '{api}' ? <a href={api}><code>GET /api/v1/deadline</code></a> : part === '{cli}' ? <code>gongkai deadline</code> : part))}
        </p>
      </section>
    </div>
  );
}
