import { h, Fragment, raw, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { FieldIssue } from '../../domain/errors.js';
import type { RevisionDetail } from '../../queries/staff-documents.js';
import { Csrf, ErrorSummary, InlinePost, TextAreaField, TextField } from '../forms.js';
import { DataTable } from '../table-scroll.js';
import { tKey } from './document-pages.js';
import { DraftFields, draftLabels, type ThemeOption } from './draft-fields.js';
void Fragment;

function sizeText(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

function sourceLabel(ctx: RequestContext, source: string, name: string): string {
  return name || tKey(ctx, `rev.source.${source}`);
}

/** Values of the draft form from a revision (or from a refused submission). */
export function revisionValues(d: RevisionDetail, coCodes: string[], interprets: string): Record<string, string> {
  const r = d.rev;
  return {
    title: r.title,
    doc_number: r.doc_number,
    genre: r.genre,
    theme_code: r.theme_code,
    date_formed: r.date_formed,
    is_normative: r.is_normative ? '1' : '',
    keywords: r.keywords,
    summary: r.summary,
    body_html: r.body_html,
    change_note: r.change_note,
    co_issuers: coCodes.join(' '),
    interprets,
  };
}

/** A revision in the console: edit, attach, check and submit a draft; review a submitted one. */
export function RevisionPage(props: {
  ctx: RequestContext;
  d: RevisionDetail;
  themes: readonly ThemeOption[];
  values: Record<string, string>;
  issues: FieldIssue[];
  uploadMb: number;
  notice?: string;
}): SafeHtml {
  const { ctx, d } = props;
  const l = (p: string) => localePath(ctx.locale, p);
  const base = `/admin/revisions/${d.rev.id}`;
  const editable = d.rev.state === 'draft' && d.canEdit;
  const correction = d.doc.current_version > 0;
  const reviewStage = d.rev.state === 'submitted' ? 'confidentiality' : d.rev.state === 'cleared' ? 'approval' : null;
  return (
    <div>
      <p class="eyebrow">{pick(ctx.locale, d.agency.name_zh, d.agency.name_en)}</p>
      <h1>{ctx.t('rev.title', { title: d.rev.title })}</h1>
      {props.notice ? <p class="notice notice-ok" role="status">{props.notice}</p> : null}
      <dl class="meta-list">
        <dt>{ctx.t('rev.state')}</dt>
        <dd>
          <span class={`state state-${d.rev.state}`}>{tKey(ctx, `state.${d.rev.state}`)}</span>
        </dd>
      </dl>
      <p>{correction && d.doc.index_number ? ctx.t('rev.version_of', { index: d.doc.index_number, n: d.doc.current_version + 1 }) : ctx.t('rev.new_doc')}</p>
      {d.rev.state === 'scheduled' && d.rev.publish_at ? <p>{ctx.t('rev.scheduled_at', { at: d.rev.publish_at.replace('T', ' ').slice(0, 16) + ' UTC' })}</p> : null}
      {d.rev.state === 'published' && d.doc.index_number ? (
        <p>
          {ctx.t('rev.published_as', { index: d.doc.index_number, n: d.rev.version_no ?? 0 })}{' '}
          <a href={l(`/documents/${d.doc.index_number}/v/${d.rev.version_no ?? 1}`)}>{ctx.t('rev.view_public')}</a>
        </p>
      ) : null}

      <ErrorSummary ctx={ctx} issues={props.issues.filter((i) => !i.field.startsWith('pii.'))} labels={draftLabels(ctx)} />

      {editable ? (
        <form method="post" action={l(base)} novalidate class="draft-form">
          <Csrf ctx={ctx} />
          <input type="hidden" name="version" value={String(d.rev.version)} />
          <DraftFields ctx={ctx} values={props.values} issues={props.issues} themes={props.themes} correction={correction} />
          <button type="submit" class="button">{ctx.t('rev.save')}</button>
        </form>
      ) : (
        <section aria-labelledby="preview-h">
          <h2 id="preview-h">{ctx.t('rev.preview')}</h2>
          <p class="hint">{ctx.t('rev.readonly')}</p>
          <div class="doc-body">{raw(d.rev.body_html)}</div>
        </section>
      )}

      <section aria-labelledby="att-h">
        <h2 id="att-h">{ctx.t('rev.attachments')}</h2>
        {d.attachments.length ? (
          <DataTable label={ctx.t('rev.attachments')} head={[ctx.t('field.title'), ctx.t('rev.size'), ctx.t('rev.type'), ctx.t('rev.text'), '']}>
            {d.attachments.map((a) => (
              <tr>
                <td>{a.filename}</td>
                <td class="num">{sizeText(Number(a.size))}</td>
                <td>{a.ext.toUpperCase()}</td>
                <td>{tKey(ctx, `rev.text.${a.text_status}`)}</td>
                <td>{editable ? <InlinePost ctx={ctx} action={l(`${base}/attachments/${a.id}/remove`)} label={ctx.t('rev.remove')} /> : null}</td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <p>{ctx.t('rev.no_attachments')}</p>
        )}
        {editable ? (
          <form method="post" action={l(`${base}/attachments`)} enctype="multipart/form-data" class="upload-form">
            <Csrf ctx={ctx} />
            <div class="field">
              <label for="f-file">{ctx.t('field.file')}</label>
              <p class="hint" id="f-file-hint">{ctx.t('field.file_hint', { mb: props.uploadMb })}</p>
              <input id="f-file" type="file" name="file" required aria-describedby="f-file-hint" />
            </div>
            <button type="submit" class="button button-secondary">{ctx.t('rev.upload')}</button>
          </form>
        ) : null}
      </section>

      {editable ? <SubmitSection ctx={ctx} d={d} issues={props.issues} base={base} /> : null}
      {d.overrides.length ? (
        <section aria-labelledby="ov-h">
          <h2 id="ov-h">{ctx.t('rev.overrides')}</h2>
          <ul>
            {d.overrides.map((o) => (
              <li>
                {`${tKey(ctx, `rev.pii.${o.kind}`)} · ${o.source} · ${o.masked} — ${o.reason}`}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {reviewStage && d.canReview ? (
        <section aria-labelledby="review-h" class="panel">
          <h2 id="review-h">{reviewStage === 'confidentiality' ? ctx.t('rev.review_title') : ctx.t('rev.approve_title')}</h2>
          <p class="hint">{ctx.t('rev.review_hint')}</p>
          <form method="post" action={l(`${base}/review`)} novalidate>
            <Csrf ctx={ctx} />
            <input type="hidden" name="stage" value={reviewStage} />
            <TextAreaField ctx={ctx} name="comment" label={ctx.t('field.comment')} issues={props.issues} rows={3} maxlength={2000} />
            {reviewStage === 'approval' ? <TextField ctx={ctx} name="publish_at" type="datetime-local" label={ctx.t('field.publish_at')} hint={ctx.t('field.publish_at_hint')} issues={props.issues} /> : null}
            <div class="button-row">
              <button type="submit" name="decision" value="pass" class="button">
                {reviewStage === 'approval' ? ctx.t('rev.publish') : ctx.t('rev.pass')}
              </button>
              <button type="submit" name="decision" value="reject" class="button button-secondary">
                {ctx.t('rev.reject')}
              </button>
            </div>
          </form>
        </section>
      ) : null}

      <section aria-labelledby="rec-h">
        <h2 id="rec-h">{ctx.t('rev.reviews')}</h2>
        {d.reviews.length ? (
          <ol class="timeline">
            {d.reviews.map((r) => (
              <li>
                <strong>{`${tKey(ctx, `rev.stage.${r.stage}`)} · ${tKey(ctx, `rev.decision.${r.decision}`)}`}</strong>
                {` — ${r.reviewer_name}, ${r.at.slice(0, 16).replace('T', ' ')} UTC`}
                {r.comment ? <p>{r.comment}</p> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p>{ctx.t('rev.no_reviews')}</p>
        )}
      </section>
    </div>
  );
}

function SubmitSection({ ctx, d, issues, base }: { ctx: RequestContext; d: RevisionDetail; issues: FieldIssue[]; base: string }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const flagged = new Set(issues.filter((i) => i.field.startsWith('pii.')).map((i) => i.field.slice(4)));
  return (
    <section aria-labelledby="pii-h" class="panel">
      <h2 id="pii-h">{ctx.t('rev.pii_title')}</h2>
      {d.findings.length ? <p>{ctx.t('rev.pii_intro')}</p> : <p class="notice notice-ok">{ctx.t('rev.pii_none')}</p>}
      <form method="post" action={l(`${base}/submit`)} novalidate>
        <Csrf ctx={ctx} />
        <input type="hidden" name="version" value={String(d.rev.version)} />
        {d.findings.map((f, i) => {
          const what = `${tKey(ctx, `rev.pii.${f.kind}`)} · ${sourceLabel(ctx, f.source, f.sourceName)}${f.masked ? ` · ${f.masked}` : ''}`;
          const id = `f-pii-${i}`;
          return (
            <div class={flagged.has(f.key) ? 'field field-error' : 'field'}>
              <label for={id}>{ctx.t('rev.pii_reason', { what })}</label>
              {flagged.has(f.key) ? <p class="error-msg" id={`${id}-err`}>{ctx.t('error.personal_data_found')}</p> : null}
              <input type="hidden" name={`pii_key_${i}`} value={f.key} />
              <input id={id} name={`pii_reason_${i}`} type="text" maxlength={500} aria-invalid={flagged.has(f.key) ? 'true' : undefined} aria-describedby={flagged.has(f.key) ? `${id}-err` : undefined} />
            </div>
          );
        })}
        <p class="hint">{ctx.t('rev.submit_hint')}</p>
        <div class="button-row">
          <button type="submit" class="button">{ctx.t('rev.submit')}</button>
        </div>
      </form>
      <InlinePost ctx={ctx} action={l(`${base}/discard`)} label={ctx.t('rev.discard')} fields={{ version: String(d.rev.version) }} />
    </section>
  );
}
