import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import type { FieldIssue } from '../../domain/errors.js';
import { DECISIONS, MODERATION_REASONS } from '../../domain/consultations/rules.js';
import { pick } from '../../i18n/i18n.js';
import type { ConsultationLine, QueueItem, StaffComment, StaffConsultation } from '../../queries/consultations.js';
import type { Agency } from '../../store/schema.js';
import { CheckboxField, Csrf, ErrorSummary, SelectField, TextAreaField, TextField } from '../forms.js';
import { Facts } from '../public/request-parts.js';
import { codeText, paragraphLabel, PhaseBadge, wallClock, windowText } from '../public/consultation-parts.js';
import { SummarySection } from '../public/consultation-page.js';
import { documentPath } from '../public/portal-urls.js';
import { TableScroll } from '../table-scroll.js';

/** `/admin/consultations`: the consultations in the staff member's scope. */
export function AdminConsultationListPage({ ctx, items, canCreate, queued }: { ctx: RequestContext; items: ConsultationLine[]; canCreate: boolean; queued: number }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div>
      <h1>{ctx.t('cs.admin.title')}</h1>
      <p class="button-row">
        {canCreate ? (
          <a class="button" href={l('/admin/consultations/new')}>
            {ctx.t('cs.admin.new')}
          </a>
        ) : null}
        <a class="button button-secondary" href={l('/admin/consultations/queue')}>
          {ctx.t('cs.admin.queue_n', { n: queued })}
        </a>
      </p>
      {items.length ? (
        <TableScroll label={ctx.t('cs.admin.title')}>
          <table class="table">
            <caption>{ctx.t('cs.admin.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('cs.admin.col_title')}</th>
                <th scope="col">{ctx.t('cs.agency')}</th>
                <th scope="col">{ctx.t('cs.window_label')}</th>
                <th scope="col">{ctx.t('cs.admin.col_state')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr>
                  <td>
                    <a href={l(`/admin/consultations/${c.id}`)}>{c.title}</a>
                  </td>
                  <td>{pick(ctx.locale, c.agency_name_zh, c.agency_name_en)}</td>
                  <td>{windowText(ctx, c)}</td>
                  <td>
                    <PhaseBadge ctx={ctx} phase={c.phase} /> {c.summary_published ? <span class="tag">{ctx.t('cs.summary_published')}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p class="muted">{ctx.t('cs.list.none')}</p>
      )}
    </div>
  );
}

/** `/admin/consultations/new`: open a published draft for comment. */
export function NewConsultationPage({ ctx, agencies, values, issues }: { ctx: RequestContext; agencies: Agency[]; values: Record<string, string>; issues: FieldIssue[] }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const labels: Record<string, string> = {
    agency_id: ctx.t('cs.agency'),
    draft_index_number: ctx.t('cs.admin.f.draft'),
    title: ctx.t('cs.admin.f.title'),
    description: ctx.t('cs.admin.f.description'),
    starts_local: ctx.t('cs.admin.f.starts'),
    ends_local: ctx.t('cs.admin.f.ends'),
    moderation: ctx.t('cs.moderation_label'),
    form: ctx.t('cs.admin.new'),
  };
  return (
    <div class="narrow">
      <h1>{ctx.t('cs.admin.new')}</h1>
      <p class="lead">{ctx.t('cs.admin.new_intro')}</p>
      <form method="post" action={l('/admin/consultations/new')} class="form" novalidate>
        <Csrf ctx={ctx} />
        <ErrorSummary ctx={ctx} issues={issues} labels={labels} />
        <SelectField ctx={ctx} name="agency_id" label={labels.agency_id ?? ''} options={agencies.map((a): [string, string] => [a.id, `${pick(ctx.locale, a.name_zh, a.name_en)}（${a.time_zone}）`])} value={values.agency_id} issues={issues} required />
        <TextField ctx={ctx} name="draft_index_number" label={labels.draft_index_number ?? ''} hint={ctx.t('cs.admin.f.draft_hint')} value={values.draft_index_number} issues={issues} required maxlength={80} />
        <TextField ctx={ctx} name="title" label={labels.title ?? ''} hint={ctx.t('cs.admin.f.title_hint')} value={values.title} issues={issues} maxlength={200} />
        <TextAreaField ctx={ctx} name="description" label={labels.description ?? ''} value={values.description} issues={issues} rows={4} maxlength={4000} />
        <TextField ctx={ctx} name="starts_local" type="datetime-local" label={labels.starts_local ?? ''} hint={ctx.t('cs.admin.f.time_hint')} value={values.starts_local} issues={issues} required />
        <TextField ctx={ctx} name="ends_local" type="datetime-local" label={labels.ends_local ?? ''} hint={ctx.t('cs.admin.f.time_hint')} value={values.ends_local} issues={issues} required />
        <SelectField
          ctx={ctx}
          name="moderation"
          label={labels.moderation ?? ''}
          options={[
            ['post', ctx.t('cs.moderation.post')],
            ['pre', ctx.t('cs.moderation.pre')],
          ]}
          value={values.moderation ?? 'post'}
          issues={issues}
        />
        <CheckboxField name="allow_anonymous" label={ctx.t('cs.admin.f.anonymous')} checked={values.allow_anonymous === '1'} />
        <div class="form-actions">
          <button type="submit" class="button">
            {ctx.t('cs.admin.open')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** The moderation buttons of one comment; `back` is where to return. */
export function ModerationForms({ ctx, c, back }: { ctx: RequestContext; c: StaffComment; back: string }): SafeHtml {
  const action = localePath(ctx.locale, `/admin/consultations/comments/${c.id}/moderate`);
  const simple = (decision: string, label: string) => (
    <form method="post" action={action} class="inline-form">
      <Csrf ctx={ctx} />
      <input type="hidden" name="version" value={String(c.version)} />
      <input type="hidden" name="back" value={back} />
      <button type="submit" class="button button-secondary" name="decision" value={decision}>
        {label}
      </button>
    </form>
  );
  const hide = (
    <form method="post" action={action} class="inline-form">
      <Csrf ctx={ctx} />
      <input type="hidden" name="version" value={String(c.version)} />
      <input type="hidden" name="back" value={back} />
      <label for={`hide-${c.id}`}>{ctx.t('cs.admin.hide_reason')}</label>
      <select id={`hide-${c.id}`} name="reason">
        {MODERATION_REASONS.map((r) => (
          <option value={r} selected={r === 'personal_data' && c.queue_reason === 'personal_data'}>
            {codeText(ctx, 'reason', r)}
          </option>
        ))}
      </select>
      <button type="submit" class="button button-danger" name="decision" value="hide">
        {ctx.t('cs.admin.hide')}
      </button>
    </form>
  );
  return (
    <div class="button-row cs-moderation">
      {c.state === 'pending' ? simple('publish', ctx.t('cs.admin.publish')) : null}
      {c.state === 'published' && c.open_reports > 0 ? simple('keep', ctx.t('cs.admin.keep')) : null}
      {c.state === 'pending' || c.state === 'published' ? hide : null}
      {c.state === 'hidden' ? simple('restore', ctx.t('cs.admin.restore')) : null}
    </div>
  );
}

/** One comment as moderators see it: the text, the state, why it is queued, the reports. */
export function StaffCommentView({ ctx, c, paragraphs, tz, back }: { ctx: RequestContext; c: StaffComment; paragraphs: StaffConsultation['paragraphs']; tz: string; back: string }): SafeHtml {
  const para = c.paragraph_no === null ? undefined : paragraphs.find((p) => p.no === c.paragraph_no);
  return (
    <li class="cs-comment" id={`c-${c.id}`}>
      <p class="cs-comment-meta">
        <span class="tag">{codeText(ctx, 'queue', c.state)}</span> <strong>{c.display_name || ctx.t('cs.public_name')}</strong> · {paragraphLabel(ctx, para, c.paragraph_no)} · <span class="muted">{wallClock(c.submitted_at, tz)}</span> ·{' '}
        {c.anonymous ? ctx.t('cs.mode.anonymous') : ctx.t('cs.admin.verified')}
      </p>
      {c.queue_reason ? <p class={c.queue_reason === 'personal_data' ? 'notice notice-warn' : 'notice notice-info'}>{ctx.t('cs.admin.queued_because', { reason: codeText(ctx, 'queue', c.queue_reason) })}{c.pii_kinds.length ? `（${c.pii_kinds.join('、')}）` : ''}</p> : null}
      {c.open_reports > 0 ? <p class="notice notice-warn">{ctx.t('cs.admin.reports', { n: c.open_reports, reasons: c.report_reasons.map((r) => codeText(ctx, 'reason', r)).join('、') })}</p> : null}
      {c.hidden ? <p class="muted">{ctx.t('cs.admin.hidden_because', { reason: codeText(ctx, 'reason', c.hidden_reason ?? 'spam') })}</p> : null}
      <p class="pre-line">{c.body_text}</p>
      <ModerationForms ctx={ctx} c={c} back={back} />
    </li>
  );
}

/** `/admin/consultations/queue`: every comment waiting for a moderator. */
export function ModerationQueuePage({ ctx, items, tzOf, paragraphsOf }: { ctx: RequestContext; items: QueueItem[]; tzOf: (id: string) => string; paragraphsOf: (id: string) => StaffConsultation['paragraphs'] }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div>
      <h1>{ctx.t('cs.admin.queue')}</h1>
      <p class="lead">{ctx.t('cs.admin.queue_intro')}</p>
      {items.length ? (
        <ol class="cs-comments">
          {items.map((i) => (
            <li class="cs-queue-item">
              <p>
                <a href={l(`/admin/consultations/${i.consultation_id}`)}>{i.consultation_title}</a>
              </p>
              <ol class="cs-comments">
                <StaffCommentView ctx={ctx} c={i.comment} paragraphs={paragraphsOf(i.consultation_id)} tz={tzOf(i.consultation_id)} back="/admin/consultations/queue" />
              </ol>
            </li>
          ))}
        </ol>
      ) : (
        <p class="notice notice-ok">{ctx.t('cs.admin.queue_empty')}</p>
      )}
    </div>
  );
}

function SummaryForm({ ctx, v, values, issues }: { ctx: RequestContext; v: StaffConsultation; values: Record<string, string>; issues: FieldIssue[] }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const saved = v.summary?.points ?? [];
  const rows = Math.max(saved.length + 2, 3);
  const val = (k: string, i: number, fromSaved: string) => values[`${k}_${i}`] ?? fromSaved;
  const labels: Record<string, string> = { intro: ctx.t('cs.admin.f.intro'), final_index_number: ctx.t('cs.admin.f.final'), form: ctx.t('cs.summary') };
  for (let i = 1; i <= rows; i++) {
    labels[`point_${i}`] = ctx.t('cs.admin.f.point_n', { n: i });
    labels[`decision_${i}`] = ctx.t('cs.admin.f.decision_n', { n: i });
    labels[`reason_${i}`] = ctx.t('cs.admin.f.reason_n', { n: i });
  }
  return (
    <form method="post" action={l(`/admin/consultations/${v.c.id}/summary`)} class="form" novalidate>
      <Csrf ctx={ctx} />
      <input type="hidden" name="rows" value={String(rows)} />
      <ErrorSummary ctx={ctx} issues={issues} labels={labels} />
      <p class="hint">{ctx.t('cs.admin.summary_counts', { total: v.counts.total, hidden: v.counts.hidden, participants: v.counts.participants })}</p>
      <TextAreaField ctx={ctx} name="intro" label={labels.intro ?? ''} value={values.intro ?? v.summary?.intro ?? ''} issues={issues} rows={4} maxlength={4000} />
      <TextField ctx={ctx} name="final_index_number" label={labels.final_index_number ?? ''} hint={ctx.t('cs.admin.f.final_hint')} value={values.final_index_number ?? v.summary?.final_index_number ?? ''} issues={issues} maxlength={80} />
      {Array.from({ length: rows }, (_, k) => {
        const i = k + 1;
        const p = saved[k];
        return (
          <fieldset class="rq-section">
            <legend>{ctx.t('cs.admin.point_legend', { n: i })}</legend>
            <TextAreaField ctx={ctx} name={`point_${i}`} label={labels[`point_${i}`] ?? ''} value={val('point', i, p?.point ?? '')} issues={issues} rows={2} maxlength={2000} />
            <SelectField ctx={ctx} name={`decision_${i}`} label={labels[`decision_${i}`] ?? ''} options={[['', ctx.t('rp.choose')], ...DECISIONS.map((d): [string, string] => [d, codeText(ctx, 'decision', d)])]} value={val('decision', i, p?.decision ?? '')} issues={issues} />
            <TextAreaField ctx={ctx} name={`reason_${i}`} label={labels[`reason_${i}`] ?? ''} value={val('reason', i, p?.reason ?? '')} issues={issues} rows={2} maxlength={2000} />
          </fieldset>
        );
      })}
      <div class="form-actions">
        <button type="submit" class="button button-secondary" name="action" value="save">
          {ctx.t('cs.admin.save_summary')}
        </button>
        <button type="submit" class="button" name="action" value="publish">
          {ctx.t('cs.admin.publish_summary')}
        </button>
      </div>
    </form>
  );
}

/** `/admin/consultations/:id`: facts, closing, all comments with moderation, the summary form. */
export function AdminConsultationPage({ ctx, v, values, issues, flash }: { ctx: RequestContext; v: StaffConsultation; values: Record<string, string>; issues: FieldIssue[]; flash?: string }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const back = `/admin/consultations/${v.c.id}`;
  return (
    <div>
      <h1>
        {v.c.title} <PhaseBadge ctx={ctx} phase={v.phase} />
      </h1>
      {flash ? (
        <p class="notice notice-ok" role="status">
          {flash}
        </p>
      ) : null}
      <Facts
        rows={[
          [ctx.t('cs.agency'), pick(ctx.locale, v.agency.name_zh, v.agency.name_en)],
          [ctx.t('cs.window_label'), windowText(ctx, v.c)],
          [ctx.t('cs.moderation_label'), v.c.moderation === 'pre' ? ctx.t('cs.moderation.pre') : ctx.t('cs.moderation.post')],
          [ctx.t('cs.anonymous_label'), v.c.allow_anonymous ? ctx.t('cs.anonymous.yes') : ctx.t('cs.anonymous.no')],
          [ctx.t('cs.admin.f.draft'), v.draft ? <a href={l(documentPath(v.draft.index_number))}>{v.draft.title}</a> : '—'],
          [ctx.t('cs.admin.public_page'), <a href={l(`/consultations/${v.c.id}`)}>{l(`/consultations/${v.c.id}`)}</a>],
          [ctx.t('cs.comments_received'), ctx.t('cs.admin.counts', { total: v.counts.total, published: v.counts.published, pending: v.counts.pending, hidden: v.counts.hidden, participants: v.counts.participants })],
        ]}
      />
      {v.canEdit && v.c.state !== 'closed' ? (
        <form method="post" action={l(`/admin/consultations/${v.c.id}/close`)} class="inline-form">
          <Csrf ctx={ctx} />
          <button type="submit" class="button button-danger">
            {ctx.t('cs.admin.close')}
          </button>
        </form>
      ) : null}
      <section aria-labelledby="cs-admin-comments-h">
        <h2 id="cs-admin-comments-h">{ctx.t('cs.comments')}</h2>
        {v.comments.length ? (
          <p>
            <a href={l(`/admin/consultations/${v.c.id}/comments.csv`)}>{ctx.t('cs.admin.download')}</a>
          </p>
        ) : null}
        {v.comments.length ? (
          <ol class="cs-comments">
            {v.comments.map((c) => (
              <StaffCommentView ctx={ctx} c={c} paragraphs={v.paragraphs} tz={v.c.time_zone} back={back} />
            ))}
          </ol>
        ) : (
          <p class="muted">{ctx.t('cs.no_comments')}</p>
        )}
      </section>
      <section aria-labelledby="cs-admin-summary-h">
        <h2 id="cs-admin-summary-h">{ctx.t('cs.summary')}</h2>
        {v.summary?.state === 'published' ? (
          <SummarySection ctx={ctx} s={v.summary} tz={v.c.time_zone} />
        ) : v.c.state === 'closed' && v.canEdit ? (
          <SummaryForm ctx={ctx} v={v} values={values} issues={issues} />
        ) : (
          <p class="muted">{ctx.t('cs.admin.summary_after_close')}</p>
        )}
      </section>
    </div>
  );
}
