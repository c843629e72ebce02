import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import type { FieldIssue } from '../../domain/errors.js';
import { OUTCOME_GROUP_LABELS, OUTCOMES, type OutcomeInfo } from '../../domain/requests/outcomes.js';
import { LETTER_PLACEHOLDERS } from '../../commands/letters/save-letter-template.js';
import type { StoredLetterTemplate } from '../../queries/request-letters.js';
import { Csrf, ErrorSummary, TextAreaField } from '../forms.js';
import { DataTable } from '../table-scroll.js';
import { LetterView, type LetterFacts } from '../letters/letter.js';
import { tr } from '../public/request-parts.js';
void Fragment;

const label = (ctx: RequestContext, o: OutcomeInfo) => `${ctx.locale === 'en' ? OUTCOME_GROUP_LABELS[o.group].en : OUTCOME_GROUP_LABELS[o.group].zh}${o.item ? ` ${o.item}. ${ctx.locale === 'en' ? o.en : o.zh}` : ''}`;

/** `/admin/requests/letters`: one reply-letter template per outcome, customised or default. */
export function LetterTemplatesPage({ ctx, stored, canEdit }: { ctx: RequestContext; stored: ReadonlyMap<string, StoredLetterTemplate>; canEdit: boolean }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div>
      <p>
        <a href={l('/admin/requests')}>{ctx.t('rq.back')}</a>
      </p>
      <h1>{ctx.t('rq.letters.title')}</h1>
      <p class="lead">{ctx.t('rq.letters.intro')}</p>
      {canEdit ? null : <p class="notice notice-info">{ctx.t('rq.letters.read_only')}</p>}
      <DataTable label={ctx.t('rq.letters.title')} head={[ctx.t('rp.outcome'), ctx.t('rp.basis'), ctx.t('rq.letters.status')]}>
        {OUTCOMES.map((o) => {
          const s = stored.get(o.code);
          return (
            <tr>
              <td>
                <a href={l(`/admin/requests/letters/${o.code}`)}>{label(ctx, o)}</a>
              </td>
              <td>{o.basis}</td>
              <td>{s ? ctx.t('rq.letters.custom', { at: s.updated_at.slice(0, 10) }) : ctx.t('rq.letters.default')}</td>
            </tr>
          );
        })}
      </DataTable>
    </div>
  );
}

/** Sample facts for the preview of a template. */
export function sampleFacts(outcome: OutcomeInfo, baseUrl: string): LetterFacts {
  return {
    applicant: '张三',
    tracking_number: 'YSQ-2026-000123',
    submitted_on: '2026-03-02',
    received_on: '2026-03-02',
    reply_date: '2026-03-20',
    agency: '示例市人民政府办公室',
    title: '2025年度城市道路维修资金使用情况',
    outcome: outcome.zh,
    basis: outcome.basis,
    reply_text: '（此处为答复正文，由经办人员在答复时填写。）',
    released_files: ['道路维修资金明细表.pdf'],
    linked_documents: [{ index: 'DEMO/2026-00001', url: `${baseUrl}/documents/DEMO/2026-00001` }],
  };
}

/** `/admin/requests/letters/<outcome>`: the template with its placeholders, the edit form and a preview. */
export function LetterTemplateEditPage({ ctx, outcome, body, isCustom, canEdit, issues, preview }: {
  ctx: RequestContext;
  outcome: OutcomeInfo;
  body: string;
  isCustom: boolean;
  canEdit: boolean;
  issues: FieldIssue[];
  preview: LetterFacts;
}): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const action = l(`/admin/requests/letters/${outcome.code}`);
  return (
    <div>
      <p>
        <a href={l('/admin/requests/letters')}>{ctx.t('rq.letters.back')}</a>
      </p>
      <h1>{label(ctx, outcome)}</h1>
      <p>
        {ctx.t('rp.basis')}: {outcome.basis}
      </p>
      <ErrorSummary ctx={ctx} issues={issues} labels={{ body: ctx.t('rq.letters.body') }} />
      <h2>{ctx.t('rq.letters.placeholders')}</h2>
      <dl class="rq-facts">
        {LETTER_PLACEHOLDERS.map((k) => (
          <div class="dl-row">
            <dt>
              <code>{`{${k}}`}</code>
            </dt>
            <dd>{tr(ctx, `rq.ph.${k}`, k)}</dd>
          </div>
        ))}
      </dl>
      {canEdit ? (
        <>
          <form method="post" action={action} class="form">
            <Csrf ctx={ctx} />
            <TextAreaField ctx={ctx} name="body" label={ctx.t('rq.letters.body')} hint={ctx.t('rq.letters.body_hint')} value={body} issues={issues} rows={16} maxlength={20000} />
            <div class="form-actions">
              <button type="submit" class="button">{ctx.t('rq.letters.save')}</button>
            </div>
          </form>
          {isCustom ? (
            <form method="post" action={action} class="form">
              <Csrf ctx={ctx} />
              <input type="hidden" name="body" value="" />
              <button type="submit" class="button button-secondary">{ctx.t('rq.letters.reset')}</button>
            </form>
          ) : null}
        </>
      ) : (
        <pre class="rq-template" lang="zh-CN">{body}</pre>
      )}
      <h2>{ctx.t('rq.letters.preview')}</h2>
      <div class="rq-preview">
        <LetterView ctx={ctx} facts={preview} template={body} preview />
      </div>
    </div>
  );
}
