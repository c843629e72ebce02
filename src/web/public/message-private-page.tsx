import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import type { FieldIssue } from '../../domain/errors.js';
import { RATINGS } from '../../domain/messages/message-rules.js';
import { pick } from '../../i18n/i18n.js';
import type { SenderView } from '../../queries/messages.js';
import { Csrf, ErrorSummary, TextAreaField, TextField } from '../forms.js';
import { Breadcrumbs } from '../layout.js';
import { messagePath, MessageState, msgLabel, Paragraphs } from './message-parts.js';
import { Facts, RadioGroup } from './request-parts.js';
void Fragment;

function HistoryItem({ ctx, e }: { ctx: RequestContext; e: SenderView['history'][number] }): SafeHtml {
  const d = e.details;
  const agency = (k: string) => pick(ctx.locale, d[`${k}_zh`] ?? d[k] ?? '', d[`${k}_en`] ?? '');
  return (
    <li>
      <span class="rq-date">{e.date}</span> {msgLabel.event(ctx, e.kind)}
      {e.kind === 'transferred' ? (
        <>
          {' '}
          {ctx.t('msg.detail.transferred', { from: agency('from_agency'), to: agency('to_agency') })}
          {d.reason ? <span class="msg-reason"> {ctx.t('msg.private.reason', { reason: d.reason })}</span> : null}
        </>
      ) : null}
    </li>
  );
}

function RatingForm({ ctx, v, token, issues }: { ctx: RequestContext; v: SenderView; token: string; issues: FieldIssue[] }): SafeHtml {
  return (
    <form method="post" action={localePath(ctx.locale, `/messages/p/${encodeURIComponent(v.tracking_number)}/rating`)} class="form msg-rating-form" novalidate>
      <Csrf ctx={ctx} />
      <input type="hidden" name="t" value={token} />
      <RadioGroup ctx={ctx} name="rating" legend={ctx.t('msg.f.rating')} required issues={issues} options={RATINGS.map((r) => ({ value: r, label: msgLabel.rating(ctx, r) }))} />
      <TextAreaField ctx={ctx} name="comment" label={ctx.t('msg.f.comment')} hint={ctx.t('msg.private.comment_hint')} issues={issues} rows={3} maxlength={1000} />
      <div class="form-actions">
        <button type="submit" class="button">{ctx.t('msg.private.rate')}</button>
      </div>
    </form>
  );
}

/**
 * The sender's private page (tracking number + token): their message, its history with transfer
 * reasons, the answer or the channel it was redirected to, and the rating form.
 */
export function MessagePrivatePage({ ctx, v, token, issues, flash }: { ctx: RequestContext; v: SenderView; token: string; issues: FieldIssue[]; flash?: string }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const agencyName = pick(ctx.locale, v.agency.name_zh, v.agency.name_en);
  return (
    <div class="rq-page msg-page">
      <Breadcrumbs ctx={ctx} items={[[ctx.t('nav.home'), '/'], [ctx.t('msg.title'), '/messages'], [ctx.t('msg.private.title', { number: v.tracking_number }), null]]} />
      <h1>{ctx.t('msg.private.title', { number: v.tracking_number })}</h1>
      {flash ? (
        <p class="notice notice-ok" role="status">
          {flash}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} issues={issues} labels={{ rating: ctx.t('msg.f.rating'), comment: ctx.t('msg.f.comment') }} />
      <Facts
        rows={[
          [ctx.t('msg.state'), <MessageState ctx={ctx} state={v.state} />],
          [ctx.t('msg.agency'), agencyName],
          [ctx.t('msg.f.kind'), msgLabel.kind(ctx, v.kind)],
          [ctx.t('msg.f.category'), msgLabel.category(ctx, v.category)],
          [ctx.t('msg.submitted_on'), v.submitted_on],
          [ctx.t('msg.due_date'), v.due_date],
          [ctx.t('msg.f.is_public'), v.is_public ? ctx.t('msg.private.public_yes') : ctx.t('msg.private.public_no')],
        ]}
      />
      <section class="msg-block" aria-labelledby="msg-q">
        <h2 id="msg-q">{v.title}</h2>
        <Paragraphs text={v.body} />
      </section>
      {v.answer !== null ? (
        <section class="msg-block msg-answer" aria-labelledby="msg-a">
          <h2 id="msg-a">{ctx.t('msg.detail.answer', { agency: agencyName })}</h2>
          <p class="muted">{ctx.t('msg.answered_on')}: {v.answered_on ?? ''}</p>
          <Paragraphs text={v.answer} />
          {v.published ? (
            <p>
              <a href={l(messagePath(v.tracking_number))}>{ctx.t('msg.private.public_page')}</a>
            </p>
          ) : null}
        </section>
      ) : null}
      {v.redirect ? (
        <section class="notice notice-info" aria-labelledby="msg-r">
          <h2 id="msg-r">{ctx.t('msg.private.redirected_title')}</h2>
          <p>{ctx.t('msg.private.redirected', { channel: msgLabel.channel(ctx, v.redirect.channel) })}</p>
          {v.redirect.note ? <Paragraphs text={v.redirect.note} /> : null}
          {v.redirect.channel === 'information_request' ? (
            <p>
              <a href={l(`/requests/new?agency=${encodeURIComponent(v.agency.code)}`)}>{ctx.t('msg.private.request_link', { agency: agencyName })}</a>
            </p>
          ) : (
            <p>{ctx.t(`msg.channel_help.${v.redirect.channel === 'reconsideration' || v.redirect.channel === 'litigation' || v.redirect.channel === 'petition' ? v.redirect.channel : 'other'}`)}</p>
          )}
        </section>
      ) : null}
      {v.state === 'answered' ? (
        <section aria-labelledby="msg-rate">
          <h2 id="msg-rate">{ctx.t('msg.private.rating_title')}</h2>
          {v.rating ? (
            <p>
              {ctx.t('msg.private.rated', { rating: msgLabel.rating(ctx, v.rating.value), on: v.rating.on })}
              {v.rating.comment ? <Paragraphs text={v.rating.comment} /> : null}
            </p>
          ) : (
            <RatingForm ctx={ctx} v={v} token={token} issues={issues} />
          )}
        </section>
      ) : null}
      <section aria-labelledby="msg-h">
        <h2 id="msg-h">{ctx.t('msg.private.history')}</h2>
        <ol class="rq-timeline">
          {v.history.map((e) => (
            <HistoryItem ctx={ctx} e={e} />
          ))}
        </ol>
      </section>
    </div>
  );
}

/** `/messages/track`: look a message up by tracking number and private token. */
export function MessageTrackPage({ ctx, values, issues }: { ctx: RequestContext; values: { number?: string }; issues: FieldIssue[] }): SafeHtml {
  return (
    <div class="narrow rq-page">
      <Breadcrumbs ctx={ctx} items={[[ctx.t('nav.home'), '/'], [ctx.t('msg.title'), '/messages'], [ctx.t('msg.track.title'), null]]} />
      <h1>{ctx.t('msg.track.title')}</h1>
      <p class="lead">{ctx.t('msg.track.intro')}</p>
      <ErrorSummary ctx={ctx} issues={issues} labels={{ number: ctx.t('msg.tracking_number'), token: ctx.t('msg.token') }} />
      <form method="post" action={localePath(ctx.locale, '/messages/track')} class="form" novalidate>
        <TextField ctx={ctx} name="number" label={ctx.t('msg.tracking_number')} hint={ctx.t('msg.track.number_hint')} value={values.number} issues={issues} required autocomplete="off" maxlength={40} />
        <TextField ctx={ctx} name="token" label={ctx.t('msg.token')} type="password" issues={issues} required autocomplete="off" maxlength={200} />
        <div class="form-actions">
          <button type="submit" class="button">{ctx.t('msg.track.submit')}</button>
        </div>
      </form>
    </div>
  );
}
