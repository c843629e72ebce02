import { h, Fragment, raw, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { hasKey, pick } from '../../i18n/i18n.js';
import type { FieldIssue } from '../../domain/errors.js';
import type { PublishedLine, WorkItem } from '../../queries/staff-documents.js';
import { Csrf, ErrorSummary, SelectField } from '../forms.js';
import { DataTable } from '../table-scroll.js';
import { DraftFields, draftLabels, type ThemeOption } from './draft-fields.js';
void Fragment;
void raw;

export const DOC_VIEWS = ['drafts', 'review', 'scheduled', 'published', 'late', 'uninterpreted'] as const;
export type DocView = (typeof DOC_VIEWS)[number];

/** A message whose key is built at run time; the key itself when the catalogue lacks it. */
export function tKey(ctx: RequestContext, key: string): string {
  return hasKey(key) ? ctx.t(key) : key;
}

function when(iso: string | null): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '';
}

/** The publishing console: one view of the work at a time, chosen by `?view=`. */
export function DocumentsPage(props: { ctx: RequestContext; view: DocView; work: WorkItem[]; published: PublishedLine[]; canCreate: boolean; filter?: SafeHtml | null }): SafeHtml {
  const { ctx, view } = props;
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div>
      <h1>{ctx.t('docs.console')}</h1>
      {props.filter ?? null}
      <p>{ctx.t('docs.intro')}</p>
      {props.canCreate ? (
        <p>
          <a class="button" href={l('/admin/documents/new')}>
            {ctx.t('docs.new')}
          </a>
        </p>
      ) : null}
      <nav class="tabs" aria-label={ctx.t('docs.views')}>
        <ul>
          {DOC_VIEWS.map((v) => (
            <li>
              <a href={l(`/admin/documents?view=${v}`)} aria-current={v === view ? 'page' : undefined}>
                {ctx.t(`docs.view.${v}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{ctx.t(`docs.view.${view}`)}</h2>
      {view === 'late' ? <p>{ctx.t('docs.late_intro')}</p> : null}
      {view === 'uninterpreted' ? <p>{ctx.t('docs.uninterpreted_intro')}</p> : null}
      {['drafts', 'review', 'scheduled'].includes(view) ? <WorkTable ctx={ctx} rows={props.work} scheduled={view === 'scheduled'} /> : <PublishedTable ctx={ctx} rows={props.published} late={view === 'late'} />}
    </div>
  );
}

function WorkTable({ ctx, rows, scheduled }: { ctx: RequestContext; rows: WorkItem[]; scheduled: boolean }): SafeHtml {
  if (!rows.length) return <p>{ctx.t('docs.empty')}</p>;
  return (
    <DataTable label={ctx.t('docs.console')} head={[ctx.t('docs.col.title'), ctx.t('docs.col.state'), ctx.t('docs.col.agency'), scheduled ? ctx.t('docs.col.publish_at') : ctx.t('docs.col.updated'), ctx.t('docs.col.author')]}>
      {rows.map((r) => (
        <tr>
          <td>
            <a href={localePath(ctx.locale, `/admin/revisions/${r.revision_id}`)}>{r.title}</a>
            {r.current_version > 0 ? <span class="tag">{`v${r.current_version + 1}`}</span> : null}
          </td>
          <td>{tKey(ctx, `state.${r.state}`)}</td>
          <td>{pick(ctx.locale, r.agency_name_zh, r.agency_name_en)}</td>
          <td>{when(scheduled ? r.publish_at : r.updated_at)}</td>
          <td>{r.author}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function PublishedTable({ ctx, rows, late }: { ctx: RequestContext; rows: PublishedLine[]; late: boolean }): SafeHtml {
  if (!rows.length) return <p>{ctx.t('docs.empty')}</p>;
  return (
    <DataTable label={ctx.t('docs.view.published')} head={[ctx.t('docs.col.index'), ctx.t('docs.col.title'), ctx.t('docs.col.agency'), ctx.t('docs.col.formed'), ctx.t('docs.col.published'), ctx.t('docs.col.days')]}>
      {rows.map((r) => (
        <tr>
          <td class="nowrap-code">{r.index_number}</td>
          <td>
            <a href={localePath(ctx.locale, `/admin/documents/${r.document_id}`)}>{r.title}</a>
            {r.status === 'withdrawn' ? <span class="tag tag-warn">{ctx.t('status.withdrawn')}</span> : null}
            {r.validity !== 'valid' ? <span class="tag">{tKey(ctx, `validity.${r.validity}`)}</span> : null}
          </td>
          <td>{pick(ctx.locale, r.agency_name_zh, r.agency_name_en)}</td>
          <td>{r.date_formed}</td>
          <td>{r.published_date}</td>
          <td class={late || (r.timeliness_days ?? 0) > 20 ? 'num late' : 'num'}>{r.timeliness_days === null ? '' : String(r.timeliness_days)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The form that starts a new document. */
export function NewDocumentPage(props: { ctx: RequestContext; agencies: { id: string; name_zh: string; name_en: string }[]; themes: readonly ThemeOption[]; values: Record<string, string>; issues: FieldIssue[] }): SafeHtml {
  const { ctx } = props;
  const options: [string, string][] = props.agencies.map((a) => [a.id, pick(ctx.locale, a.name_zh, a.name_en)]);
  return (
    <div class="narrow">
      <h1>{ctx.t('docs.new')}</h1>
      <ErrorSummary ctx={ctx} issues={props.issues} labels={draftLabels(ctx)} />
      <form method="post" action={localePath(ctx.locale, '/admin/documents/new')} novalidate>
        <Csrf ctx={ctx} />
        <SelectField ctx={ctx} name="agency" label={ctx.t('field.agency')} options={options} value={props.values.agency} issues={props.issues} required />
        <DraftFields ctx={ctx} values={props.values} issues={props.issues} themes={props.themes} correction={false} />
        <button type="submit" class="button">{ctx.t('rev.save')}</button>
      </form>
    </div>
  );
}
