import { h, Fragment, raw, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { FieldIssue } from '../../domain/errors.js';
import { formatWan } from '../../domain/reports/official-tables.js';
import { reportTablesHtml } from '../../domain/reports/report-html.js';
import { TABLE2_PARTS, TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMN_GROUPS, TABLE4_GROUPS, TABLE4_RESULT_COLUMNS } from '../../domain/reports/report-format.js';
import type { AnnualReportView, ReportIndexRow } from '../../queries/annual-report.js';
import { Csrf, ErrorSummary, SelectField, TextAreaField, TextField } from '../forms.js';
import { DataTable, TableScroll } from '../table-scroll.js';
void Fragment;

/** Form values as typed, to re-show after an error. */
export type ReportFormValues = Record<string, string>;

function labels(ctx: RequestContext): Record<string, string> {
  return {
    section1: '一、总体情况',
    section5: '五、存在的主要问题及改进情况',
    section6: '六、其他需要报告的事项',
    licensing: ctx.t('report.licensing'),
    penalty: ctx.t('report.penalty'),
    enforcement: ctx.t('report.enforcement'),
    fees: ctx.t('report.fees'),
    cell: ctx.t('report.cell'),
    value: ctx.t('report.value'),
    reason: ctx.t('report.reason'),
    form: ctx.t('report.submit_title'),
  };
}

/** Every correctable cell as `table|row|column` with its official labels. */
export function cellOptions(): [string, string][] {
  const out: [string, string][] = [];
  for (const p of TABLE2_PARTS) for (const r of p.rows) p.columns.forEach((c, i) => out.push([`table2|${r.key}|${i}`, `表二 ${r.label} / ${c}`]));
  for (const r of TABLE3_ROWS) {
    const name = r.group && /^\d/.test(r.label) ? `${r.group} ${r.label}` : r.label;
    TABLE3_COLUMNS.forEach((c, i) => out.push([`table3|${r.key}|${i}`, `表三 ${name} / ${c}`]));
  }
  TABLE4_GROUPS.forEach((g, gi) => {
    const group = gi === 0 ? TABLE4_COLUMN_GROUPS[0].label : `行政诉讼 ${TABLE4_COLUMN_GROUPS[gi + 1]?.label ?? ''}`;
    TABLE4_RESULT_COLUMNS.forEach((c, i) => out.push([`table4|${g}|${i}`, `表四 ${group} / ${c}`]));
  });
  return out;
}

/** The console list: agencies in scope with the status of their report for the year. */
export function ReportIndexPage({ ctx, rows, year }: { ctx: RequestContext; rows: ReportIndexRow[]; year: number }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div>
      <h1>{ctx.t('report.list_title')}</h1>
      <p class="lead">{ctx.t('report.list_intro')}</p>
      <form method="get" action={l('/admin/reports')} class="form-inline">
        <TextField ctx={ctx} name="year" label={ctx.t('report.year')} value={String(year)} type="number" />
        <button type="submit" class="button button-secondary">{ctx.t('report.open')}</button>
      </form>
      <DataTable label={ctx.t('report.list_title')} head={[ctx.t('report.agency'), ctx.t('report.status'), ctx.t('report.due_by')]}>
        {rows.map((r) => (
          <tr>
            <td class={r.agency.depth ? `tree-cell depth-${Math.min(r.agency.depth, 6)}` : 'tree-cell'}>
              <a href={l(`/admin/reports/${r.agency.id}/${year}`)}>{pick(ctx.locale, r.agency.name_zh, r.agency.name_en)}</a>
            </td>
            <td>
              {ctx.t(`report.status.${r.status}`)}
              {r.late ? <strong class="report-late"> {ctx.t('report.late')}</strong> : null}
            </td>
            <td class="nowrap">{r.dueBy}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

function Identities({ ctx, v }: { ctx: RequestContext; v: AnnualReportView }): SafeHtml {
  const broken = v.identities.filter((i) => !i.holds);
  return (
    <section aria-labelledby="identities-title">
      <h2 id="identities-title">{ctx.t('report.identities_title')}</h2>
      {broken.length === 0 ? (
        <p class="notice notice-ok">{ctx.t('report.identities_ok')}</p>
      ) : (
        <div class="notice notice-alert" role="alert">
          <p>{ctx.t('report.identities_broken')}</p>
          <ul>
            {broken.map((b) => (
              <li>
                <span lang="zh-CN">{b.zh}</span>: {b.left} ≠ {b.right}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** One agency's report for one year: status, checks, text, staff figures, tables, corrections, submission, exports. */
export function ReportPage({ ctx, v, canEdit, issues, values, flash, error }: { ctx: RequestContext; v: AnnualReportView; canEdit: boolean; issues: FieldIssue[]; values: ReportFormValues; flash?: string | undefined; error?: string | undefined }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const base = `/admin/reports/${v.agency.id}/${v.year}`;
  const editable = canEdit && (v.status === 'draft' || v.status === 'not_started');
  const val = (k: string, d: string) => values[k] ?? d;
  const entry = (row: string) => v.changes.find((c) => c.kind === 'entry' && c.row === row)?.value;
  const corrections = v.changes.filter((c) => c.kind === 'correction');
  const lab = labels(ctx);
  return (
    <div>
      <h1 lang="zh-CN">{v.title}</h1>
      <p>
        {ctx.t('report.status')}: <strong>{ctx.t(`report.status.${v.status}`)}</strong>
        {v.late ? <strong class="report-late"> {ctx.t('report.late')}</strong> : null} · {ctx.t('report.due_by')}: {v.dueBy}
      </p>
      {flash ? <p class="notice notice-ok" role="status">{flash}</p> : null}
      {error ? <p class="notice notice-alert" role="alert">{error}</p> : null}
      {v.status === 'submitted' ? <p class="notice">{ctx.t('report.submitted_note')}</p> : null}
      {v.status === 'published' && v.documentId ? (
        <p class="notice notice-ok">
          {ctx.t('report.published_note')} <a href={l(`/admin/documents/${v.documentId}`)}>{ctx.t('report.document_link')}</a>
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} issues={issues} labels={lab} />
      <Identities ctx={ctx} v={v} />
      <p>
        {ctx.t('report.export')}: <a href={l(`${base}/export.html`)}>{ctx.t('report.export_html')}</a> · <a href={l(`${base}/export.csv`)}>{ctx.t('report.export_csv')}</a> ·{' '}
        <a href={l(`${base}/export.json`)}>{ctx.t('report.export_json')}</a>
      </p>
      <section aria-labelledby="sections-title">
        <h2 id="sections-title">{ctx.t('report.sections_title')}</h2>
        {editable ? (
          <form method="post" action={l(`${base}/sections`)}>
            <Csrf ctx={ctx} />
            <TextAreaField ctx={ctx} name="section1" label={lab.section1 ?? ''} hint={ctx.t('report.section1_hint')} value={val('section1', v.sections[0]?.text ?? '')} rows={8} issues={issues} maxlength={50000} />
            <TextAreaField ctx={ctx} name="section5" label={lab.section5 ?? ''} hint={ctx.t('report.section5_hint')} value={val('section5', v.sections[4]?.text ?? '')} rows={5} issues={issues} maxlength={50000} />
            <TextAreaField ctx={ctx} name="section6" label={lab.section6 ?? ''} hint={ctx.t('report.section6_hint')} value={val('section6', v.sections[5]?.text ?? '')} rows={4} issues={issues} maxlength={50000} />
            <button type="submit" class="button">{ctx.t('report.save_sections')}</button>
          </form>
        ) : (
          [0, 4, 5].map((i) => (
            <div>
              <h3 lang="zh-CN">{v.sections[i]?.title ?? ''}</h3>
              <p class="pre-line">{v.sections[i]?.text || ctx.t('report.none')}</p>
            </div>
          ))
        )}
      </section>
      {editable ? (
        <section aria-labelledby="staff-title">
          <h2 id="staff-title">{ctx.t('report.staff_title')}</h2>
          <p class="hint">{ctx.t('report.staff_hint')}</p>
          <form method="post" action={l(`${base}/figures`)}>
            <Csrf ctx={ctx} />
            <TextField ctx={ctx} name="licensing" type="number" label={lab.licensing ?? ''} value={val('licensing', String(entry('licensing') ?? 0))} issues={issues} />
            <TextField ctx={ctx} name="penalty" type="number" label={lab.penalty ?? ''} value={val('penalty', String(entry('penalty') ?? 0))} issues={issues} />
            <TextField ctx={ctx} name="enforcement" type="number" label={lab.enforcement ?? ''} value={val('enforcement', String(entry('enforcement') ?? 0))} issues={issues} />
            <TextField ctx={ctx} name="fees" label={lab.fees ?? ''} value={val('fees', formatWan(entry('fees') ?? 0))} issues={issues} />
            <button type="submit" class="button">{ctx.t('report.save_figures')}</button>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="tables-title">
        <h2 id="tables-title">{ctx.t('report.tables_title')}</h2>
        <TableScroll label={ctx.t('report.tables_title')}>
          <div class="report-official" lang="zh-CN">{raw(reportTablesHtml(v.tables))}</div>
        </TableScroll>
      </section>
      <section aria-labelledby="corrections-title">
        <h2 id="corrections-title">{ctx.t('report.corrections_title')}</h2>
        {corrections.length === 0 ? (
          <p class="muted">{ctx.t('report.none')}</p>
        ) : (
          <DataTable label={ctx.t('report.corrections_title')} head={[ctx.t('report.cell'), ctx.t('report.computed'), ctx.t('report.value'), ctx.t('report.reason'), ctx.t('report.by'), ctx.t('report.at')]}>
            {corrections.map((c) => (
              <tr>
                <td lang="zh-CN">{cellOptions().find(([k]) => k === `${c.table}|${c.row}|${c.column}`)?.[1] ?? `${c.table}.${c.row}.${c.column}`}</td>
                <td>{c.computed ?? ''}</td>
                <td>{c.value}</td>
                <td>{c.reason}</td>
                <td>{c.by}</td>
                <td class="nowrap">{c.at.slice(0, 16).replace('T', ' ')}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {editable ? (
          <form method="post" action={l(`${base}/corrections`)}>
            <h3>{ctx.t('report.correct_title')}</h3>
            <p class="hint">{ctx.t('report.correct_hint')}</p>
            <Csrf ctx={ctx} />
            <SelectField ctx={ctx} name="cell" label={lab.cell ?? ''} options={cellOptions()} value={val('cell', '')} issues={issues} />
            <TextField ctx={ctx} name="value" type="number" label={lab.value ?? ''} value={val('value', '')} issues={issues} />
            <TextAreaField ctx={ctx} name="reason" label={lab.reason ?? ''} value={val('reason', '')} rows={2} issues={issues} maxlength={1000} required />
            <button type="submit" class="button">{ctx.t('report.correct')}</button>
          </form>
        ) : null}
      </section>
      {editable ? (
        <section aria-labelledby="submit-title">
          <h2 id="submit-title">{ctx.t('report.submit_title')}</h2>
          <p class="hint">{ctx.t('report.submit_hint')}</p>
          <form method="post" action={l(`${base}/submit`)}>
            <Csrf ctx={ctx} />
            <button type="submit" class="button">{ctx.t('report.submit')}</button>
          </form>
        </section>
      ) : null}
    </div>
  );
}
