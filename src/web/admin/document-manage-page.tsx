import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { FieldIssue } from '../../domain/errors.js';
import { VALIDITIES } from '../../domain/documents/genres.js';
import type { DocumentView } from '../../queries/documents.js';
import { Csrf, ErrorSummary, InlinePost, SelectField, TextAreaField, TextField } from '../forms.js';
import { tKey } from './document-pages.js';
import { draftLabels } from './draft-fields.js';

/** A published document in the console: correct it, change its validity, or withdraw it. */
export function DocumentManagePage(props: { ctx: RequestContext; v: DocumentView; openRevisionId: string | null; canEdit: boolean; canReview: boolean; issues: FieldIssue[]; values: Record<string, string> }): SafeHtml {
  const { ctx, v } = props;
  const l = (p: string) => localePath(ctx.locale, p);
  const index = v.doc.index_number ?? '';
  const base = `/admin/documents/${v.doc.id}`;
  const published = v.doc.status === 'published';
  return (
    <div>
      <p class="eyebrow">{pick(ctx.locale, v.agency.name_zh, v.agency.name_en)}</p>
      <h1>{ctx.t('doc.admin_title', { title: v.doc.title })}</h1>
      <dl class="meta-list">
        <dt>{ctx.t('docs.col.index')}</dt>
        <dd class="nowrap-code">{index}</dd>
        <dt>{ctx.t('docs.col.state')}</dt>
        <dd>{v.doc.status === 'withdrawn' ? ctx.t('status.withdrawn') : `${tKey(ctx, `validity.${v.doc.validity}`)} · v${v.doc.current_version}`}</dd>
        <dt>{ctx.t('docs.col.days')}</dt>
        <dd>
          {ctx.t('doc.timeliness', { n: v.doc.timeliness_days ?? 0 })}
          {(v.doc.timeliness_days ?? 0) > 20 ? <strong class="late">{` — ${ctx.t('doc.timeliness_late')}`}</strong> : null}
        </dd>
      </dl>
      <p>
        <a href={l(`/documents/${index}`)}>{ctx.t('rev.view_public')}</a>
      </p>
      <ErrorSummary ctx={ctx} issues={props.issues} labels={draftLabels(ctx)} />
      {published && props.canEdit ? (
        <section class="panel" aria-labelledby="corr-h">
          <h2 id="corr-h">{ctx.t('doc.correct')}</h2>
          <p class="hint">{ctx.t('doc.correct_hint')}</p>
          {props.openRevisionId ? (
            <p>
              <a class="button" href={l(`/admin/revisions/${props.openRevisionId}`)}>{ctx.t('doc.open_revision')}</a>
            </p>
          ) : (
            <InlinePost ctx={ctx} action={l(`${base}/correct`)} label={ctx.t('doc.correct')} />
          )}
        </section>
      ) : null}
      {published && props.canReview ? (
        <section class="panel" aria-labelledby="val-h">
          <h2 id="val-h">{ctx.t('doc.validity_title')}</h2>
          <p class="hint">{ctx.t('doc.validity_hint')}</p>
          <form method="post" action={l(`${base}/validity`)} novalidate>
            <Csrf ctx={ctx} />
            <SelectField ctx={ctx} name="validity" label={ctx.t('field.validity')} options={VALIDITIES.map((x): [string, string] => [x, tKey(ctx, `validity.${x}`)])} value={props.values.validity ?? v.doc.validity} issues={props.issues} />
            <TextField ctx={ctx} name="validity_date" type="date" label={ctx.t('field.validity_date')} value={props.values.validity_date} issues={props.issues} required />
            <TextField ctx={ctx} name="replaced_by" label={ctx.t('field.replaced_by')} value={props.values.replaced_by} issues={props.issues} maxlength={100} />
            <TextAreaField ctx={ctx} name="note" label={ctx.t('field.reason')} value={props.values.note} issues={props.issues} rows={2} required maxlength={1000} />
            <button type="submit" class="button">{ctx.t('doc.set_validity')}</button>
          </form>
        </section>
      ) : null}
      {published && props.canReview ? (
        <section class="panel panel-danger" aria-labelledby="wd-h">
          <h2 id="wd-h">{ctx.t('doc.withdraw')}</h2>
          <p class="hint">{ctx.t('doc.withdraw_hint')}</p>
          <form method="post" action={l(`${base}/withdraw`)} novalidate>
            <Csrf ctx={ctx} />
            <TextAreaField ctx={ctx} name="reason" label={ctx.t('field.reason')} value={props.values.reason} issues={props.issues} rows={2} required maxlength={1000} />
            <button type="submit" class="button button-danger">{ctx.t('doc.withdraw')}</button>
          </form>
        </section>
      ) : null}
    </div>
  );
}
