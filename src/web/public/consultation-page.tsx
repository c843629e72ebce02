import { h, type SafeHtml } from '../jsx.js';
import { SubscribeLink } from './subscription-link.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import type { FieldIssue } from '../../domain/errors.js';
import { MODERATION_REASONS } from '../../domain/consultations/rules.js';
import { pick } from '../../i18n/i18n.js';
import type { PublicComment, PublicConsultation, PublicSummary } from '../../queries/consultations.js';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../forms.js';
import { Breadcrumbs } from '../layout.js';
import { TableScroll } from '../table-scroll.js';
import { documentPath } from './portal-urls.js';
import { Facts, RadioGroup } from './request-parts.js';
import { codeText, paragraphLabel, perArticle, PhaseBadge, wallClock, windowText } from './consultation-parts.js';

/** The comment form's values, kept when it comes back with errors. */
export interface CommentValues {
  paragraph?: string;
  body?: string;
  display_name?: string;
  mode?: string;
  email?: string;
}

export interface ConsultationPageProps {
  ctx: RequestContext;
  v: PublicConsultation;
  values: CommentValues;
  issues: FieldIssue[];
  /** A message after a submission or report (role=status). */
  flash?: { kind: 'ok' | 'info' | 'warn'; text: string };
}

function Paragraphs({ ctx, v }: { ctx: RequestContext; v: PublicConsultation }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const per = new Map(v.counts.perParagraph.map((x) => [x.paragraph_no, x.n]));
  const open = v.phase === 'open';
  return (
    <section aria-labelledby="cs-draft-h" class="cs-draft">
      <h2 id="cs-draft-h">{ctx.t('cs.draft_text')}</h2>
      {v.draft ? (
        <p>
          <a href={l(documentPath(v.draft.index_number))}>{ctx.t('cs.draft_document', { title: v.draft.title })}</a>
        </p>
      ) : null}
      <ol class="cs-paragraphs">
        {v.paragraphs.map((p) => (
          <li id={`p-${p.no}`} class="cs-paragraph">
            <p class="cs-paragraph-label">{paragraphLabel(ctx, p, p.no)}</p>
            <p class="cs-paragraph-text">{p.text}</p>
            <p class="cs-paragraph-tools">
              {open ? (
                <a href={`${l(`/consultations/${v.c.id}`)}?p=${p.no}#comment-form`}>{ctx.t('cs.comment_on', { label: paragraphLabel(ctx, p, p.no) })}</a>
              ) : null}
              <span class="muted"> {ctx.t('cs.n_comments', { n: per.get(p.no) ?? 0 })}</span>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Stats({ ctx, v }: { ctx: RequestContext; v: PublicConsultation }): SafeHtml {
  const rows = perArticle(ctx, v.paragraphs, v.counts.perParagraph);
  return (
    <section aria-labelledby="cs-stats-h" class="cs-stats">
      <h2 id="cs-stats-h">{ctx.t('cs.stats')}</h2>
      <Facts
        rows={[
          [ctx.t('cs.participants'), String(v.counts.participants)],
          [ctx.t('cs.comments_received'), String(v.counts.total)],
          [ctx.t('cs.comments_shown'), String(v.counts.published)],
          [ctx.t('cs.comments_hidden'), String(v.counts.hidden)],
        ]}
      />
      {rows.length ? (
        <TableScroll label={ctx.t('cs.per_article')}>
          <table class="table">
            <caption>{ctx.t('cs.per_article')}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('cs.paragraph')}</th>
                <th scope="col">{ctx.t('cs.comment_count')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((x) => (
                <tr>
                  <th scope="row">{x.label}</th>
                  <td>{String(x.n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </section>
  );
}

function CommentForm({ ctx, v, values, issues }: ConsultationPageProps): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  if (v.phase === 'upcoming') return <p class="notice notice-info">{ctx.t('cs.not_started', { at: wallClock(v.c.starts_at, v.c.time_zone) })}</p>;
  if (v.phase === 'closed') return <p class="notice notice-info">{ctx.t('cs.closed_notice')}</p>;
  const anon = v.c.allow_anonymous === 1;
  const options: [string, string][] = [['', ctx.t('cs.whole_draft')], ...v.paragraphs.map((p): [string, string] => [String(p.no), `${paragraphLabel(ctx, p, p.no)}：${p.text.slice(0, 24)}${p.text.length > 24 ? '…' : ''}`])];
  const labels = { paragraph: ctx.t('cs.f.paragraph'), body: ctx.t('cs.f.body'), display_name: ctx.t('cs.f.display_name'), mode: ctx.t('cs.f.mode'), email: ctx.t('cs.f.email'), form: ctx.t('cs.form_title') };
  return (
    <form method="post" action={l(`/consultations/${v.c.id}/comments`)} class="form cs-form" id="comment-form" novalidate>
      <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />
      <ErrorSummary ctx={ctx} issues={issues} labels={labels} />
      <p class="hint">{v.c.moderation === 'pre' ? ctx.t('cs.moderation_pre_hint') : ctx.t('cs.moderation_post_hint')}</p>
      <SelectField ctx={ctx} name="paragraph" label={labels.paragraph} options={options} value={values.paragraph ?? ''} issues={issues} />
      <TextAreaField ctx={ctx} name="body" label={labels.body} value={values.body} issues={issues} rows={6} required maxlength={5000} hint={ctx.t('cs.f.body_hint')} />
      <TextField ctx={ctx} name="display_name" label={labels.display_name} value={values.display_name} issues={issues} hint={ctx.t('cs.f.display_name_hint')} maxlength={40} autocomplete="nickname" />
      {anon ? (
        <RadioGroup
          ctx={ctx}
          name="mode"
          legend={labels.mode}
          required
          value={values.mode ?? 'email'}
          issues={issues}
          options={[
            { value: 'email', label: ctx.t('cs.mode.email') },
            { value: 'anonymous', label: ctx.t('cs.mode.anonymous') },
          ]}
        />
      ) : (
        <input type="hidden" name="mode" value="email" />
      )}
      <TextField ctx={ctx} name="email" type="email" label={labels.email} value={values.email} issues={issues} hint={anon ? ctx.t('cs.f.email_hint_anon') : ctx.t('cs.f.email_hint')} autocomplete="email" maxlength={254} />
      <div class="form-actions">
        <button type="submit" class="button">
          {ctx.t('cs.submit')}
        </button>
      </div>
    </form>
  );
}

function Comment({ ctx, v, c, open }: { ctx: RequestContext; v: PublicConsultation; c: PublicComment; open: boolean }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const para = c.paragraph_no === null ? undefined : v.paragraphs.find((p) => p.no === c.paragraph_no);
  const on = paragraphLabel(ctx, para, c.paragraph_no);
  if (c.hidden) {
    return (
      <li class="cs-comment cs-comment-hidden" id={`c-${c.id}`}>
        <p class="muted">{ctx.t('cs.hidden_placeholder', { reason: codeText(ctx, 'reason', c.hidden_reason ?? 'spam'), on })}</p>
      </li>
    );
  }
  return (
    <li class="cs-comment" id={`c-${c.id}`}>
      <p class="cs-comment-meta">
        <strong>{c.name ?? ctx.t('cs.public_name')}</strong> · <span>{on}</span> · <span class="muted">{wallClock(c.published_at, v.c.time_zone)}</span>
      </p>
      <p class="pre-line">{c.body ?? ''}</p>
      {open ? (
        <details class="cs-report">
          <summary>{ctx.t('cs.report')}</summary>
          <form method="post" action={l(`/consultations/${v.c.id}/comments/${c.id}/report`)} class="form-inline">
            <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />
            <label for={`r-${c.id}`}>{ctx.t('cs.report_reason')}</label>
            <select id={`r-${c.id}`} name="reason">
              {MODERATION_REASONS.map((r) => (
                <option value={r}>{codeText(ctx, 'reason', r)}</option>
              ))}
            </select>
            <button type="submit" class="button button-secondary">
              {ctx.t('cs.report_submit')}
            </button>
          </form>
        </details>
      ) : null}
    </li>
  );
}

/** The published feedback summary (意见采纳情况反馈). */
export function SummarySection({ ctx, s, tz }: { ctx: RequestContext; s: PublicSummary; tz: string }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <section aria-labelledby="summary-h" id="summary" class="panel cs-summary">
      <h2 id="summary-h">{ctx.t('cs.summary')}</h2>
      <Facts
        rows={[
          [ctx.t('cs.summary_published_at'), s.published_at ? wallClock(s.published_at, tz).slice(0, 10) : '—'],
          [ctx.t('cs.comments_received'), String(s.total_comments)],
          [ctx.t('cs.comments_hidden'), String(s.hidden_comments)],
          [ctx.t('cs.participants'), String(s.participants)],
        ]}
      />
      {s.intro ? <p class="pre-line">{s.intro}</p> : null}
      <TableScroll label={ctx.t('cs.points')}>
        <table class="table cs-points">
          <caption>{ctx.t('cs.points')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('cs.point')}</th>
              <th scope="col">{ctx.t('cs.decision_col')}</th>
              <th scope="col">{ctx.t('cs.reason_col')}</th>
            </tr>
          </thead>
          <tbody>
            {s.points.map((p) => (
              <tr>
                <td class="pre-line">{p.point}</td>
                <td>
                  <span class={`tag cs-decision-${p.decision}`}>{codeText(ctx, 'decision', p.decision)}</span>
                </td>
                <td class="pre-line">{p.reason || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {s.final ? (
        <p>
          {ctx.t('cs.final_policy')}
          <a href={l(documentPath(s.final.index_number))}>{s.final.title}</a>
        </p>
      ) : null}
    </section>
  );
}

/** `/consultations/:id`: the draft with numbered paragraphs, the comment form, visible comments, statistics and the summary. */
export function ConsultationPage(props: ConsultationPageProps): SafeHtml {
  const { ctx, v } = props;
  const agencyName = pick(ctx.locale, v.agency.name_zh, v.agency.name_en);
  return (
    <div class="cs-page">
      <Breadcrumbs ctx={ctx} items={[[ctx.t('nav.home'), '/'], [ctx.t('cs.title'), '/consultations'], [v.c.title, null]]} />
      <h1>
        {v.c.title} <PhaseBadge ctx={ctx} phase={v.phase} />
      </h1>
      {props.flash ? (
        <p class={`notice notice-${props.flash.kind}`} role="status">
          {props.flash.text}
        </p>
      ) : null}
      <Facts
        rows={[
          [ctx.t('cs.agency'), agencyName],
          [ctx.t('cs.window_label'), windowText(ctx, v.c)],
          [ctx.t('cs.moderation_label'), v.c.moderation === 'pre' ? ctx.t('cs.moderation.pre') : ctx.t('cs.moderation.post')],
          [ctx.t('cs.anonymous_label'), v.c.allow_anonymous ? ctx.t('cs.anonymous.yes') : ctx.t('cs.anonymous.no')],
        ]}
      />
      {v.c.description ? <p class="pre-line lead">{v.c.description}</p> : null}
      <SubscribeLink ctx={ctx} query={{ kind: 'consultation', consultation: v.c.id }} label={ctx.t('sub.link.consultation')} />
      {v.summary ? <SummarySection ctx={ctx} s={v.summary} tz={v.c.time_zone} /> : null}
      <Paragraphs ctx={ctx} v={v} />
      <section aria-labelledby="cs-form-h" class="cs-form-section">
        <h2 id="cs-form-h">{ctx.t('cs.form_title')}</h2>
        <CommentForm {...props} />
      </section>
      <Stats ctx={ctx} v={v} />
      <section aria-labelledby="cs-comments-h">
        <h2 id="cs-comments-h">{ctx.t('cs.comments')}</h2>
        {v.comments.length ? (
          <ol class="cs-comments">
            {v.comments.map((c) => (
              <Comment ctx={ctx} v={v} c={c} open={true} />
            ))}
          </ol>
        ) : (
          <p class="muted">{ctx.t('cs.no_comments')}</p>
        )}
      </section>
    </div>
  );
}
