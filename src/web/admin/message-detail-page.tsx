import { h, Fragment, type Child, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import type { FieldIssue } from '../../domain/errors.js';
import { OPEN_MESSAGE_STATES, REDIRECT_CHANNELS } from '../../domain/messages/message-rules.js';
import { pick } from '../../i18n/i18n.js';
import type { MessageDetail } from '../../queries/staff-messages.js';
import { Csrf, ErrorSummary, SelectField, TextAreaField } from '../forms.js';
import { MessageState, msgLabel, Paragraphs } from '../public/message-parts.js';
import { Facts } from '../public/request-parts.js';
void Fragment;

const STEP_LABELS = (ctx: RequestContext): Record<string, string> => ({
  officer: ctx.t('msg.admin.officer'), answer: ctx.t('msg.admin.answer'), unpublish_reason: ctx.t('msg.admin.reason'), to_agency: ctx.t('msg.admin.to_agency'), reason: ctx.t('msg.admin.reason'), channel: ctx.t('msg.admin.channel'), note: ctx.t('msg.admin.note'),
});

function Step({ ctx, id, action, title, children }: { ctx: RequestContext; id: string; action: string; title: string; children?: Child }): SafeHtml {
  return (
    <section class="rq-step" aria-labelledby={`step-${id}`}>
      <h3 id={`step-${id}`}>{title}</h3>
      <form method="post" action={action} class="form" novalidate>
        <Csrf ctx={ctx} />
        {children}
      </form>
    </section>
  );
}

/** `/admin/messages/:id`: the message, its sender (staff only), history, and the step forms. */
export function MessageAdminDetailPage({ ctx, d, issues, refusal, step }: { ctx: RequestContext; d: MessageDetail; issues: FieldIssue[]; refusal?: string; step?: string }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const m = d.msg;
  const base = `/admin/messages/${m.id}`;
  const open = (OPEN_MESSAGE_STATES as readonly string[]).includes(m.state);
  const mine = (s: string) => (step === s ? issues : []);
  const agencyName = pick(ctx.locale, d.agency.name_zh, d.agency.name_en);
  const name = (code: unknown): string => {
    const n = typeof code === 'string' ? d.agencyNames[code] : undefined;
    return n ? pick(ctx.locale, n.zh, n.en) : String(code ?? '');
  };
  return (
    <div>
      <p>
        <a href={l('/admin/messages')}>{ctx.t('msg.admin.back')}</a>
      </p>
      <h1>
        {m.tracking_number} · {m.title}
      </h1>
      {d.overdue ? <p class="notice notice-alert">{ctx.t('msg.admin.overdue_notice', { due: m.due_date })}</p> : null}
      {refusal ? (
        <p class="notice notice-alert" role="alert">
          {refusal}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} issues={issues} labels={STEP_LABELS(ctx)} />
      <Facts
        rows={[
          [ctx.t('msg.state'), <MessageState ctx={ctx} state={m.state} />],
          [ctx.t('msg.agency'), agencyName],
          [ctx.t('msg.f.kind'), msgLabel.kind(ctx, m.kind)],
          [ctx.t('msg.f.category'), msgLabel.category(ctx, m.category)],
          [ctx.t('msg.submitted_on'), m.submitted_on],
          [ctx.t('msg.due_date'), m.due_date],
          [ctx.t('msg.admin.officer'), d.officerName || '—'],
          [ctx.t('msg.f.is_public'), m.is_public ? ctx.t('msg.private.public_yes') : ctx.t('msg.private.public_no')],
        ]}
      />
      <section class="panel" aria-labelledby="msg-sender">
        <h2 id="msg-sender">{ctx.t('msg.admin.sender')}</h2>
        <p class="hint">{ctx.t('msg.admin.sender_hint')}</p>
        <Facts rows={[[ctx.t('msg.f.name'), d.sender.name], [ctx.t('msg.f.email'), d.sender.email || '—'], [ctx.t('msg.f.phone'), d.sender.phone || '—']]} />
      </section>
      <section class="msg-block" aria-labelledby="msg-body">
        <h2 id="msg-body">{ctx.t('msg.detail.question')}</h2>
        <Paragraphs text={m.body} />
      </section>
      {m.is_public && open ? (
        <section class="msg-block" aria-labelledby="msg-preview">
          <h2 id="msg-preview">{ctx.t('msg.admin.preview')}</h2>
          <p class="hint">{ctx.t('msg.admin.preview_hint')}</p>
          <p>
            <strong>{d.preview.title}</strong>
          </p>
          <Paragraphs text={d.preview.body} />
        </section>
      ) : null}
      {m.answer_text !== null ? (
        <section class="msg-block msg-answer" aria-labelledby="msg-ans">
          <h2 id="msg-ans">{ctx.t('msg.detail.answer', { agency: agencyName })}</h2>
          <Paragraphs text={m.answer_text} />
          {m.published ? (
            <p>
              <a href={l(`/messages/${m.tracking_number}`)}>{ctx.t('msg.private.public_page')}</a>
            </p>
          ) : null}
        </section>
      ) : null}
      {m.published && d.canHandle ? (
        <Step ctx={ctx} id="unpublish" action={l(`${base}/unpublish`)} title={ctx.t('msg.admin.unpublish')}>
          <p class="hint">{ctx.t('msg.admin.unpublish_hint')}</p>
          <TextAreaField ctx={ctx} name="unpublish_reason" label={ctx.t('msg.admin.reason')} issues={mine('unpublish')} rows={2} maxlength={1000} />
          <button type="submit" class="button button-danger">{ctx.t('msg.admin.unpublish')}</button>
        </Step>
      ) : null}
      {m.redirect_channel ? <p class="notice notice-info">{ctx.t('msg.private.redirected', { channel: msgLabel.channel(ctx, m.redirect_channel) })}</p> : null}
      {m.rating ? <p>{ctx.t('msg.admin.rated', { rating: msgLabel.rating(ctx, m.rating) })} {m.rating_comment ? `— ${m.rating_comment}` : ''}</p> : null}
      {open && d.canHandle ? (
        <section aria-labelledby="msg-steps">
          <h2 id="msg-steps">{ctx.t('msg.admin.steps')}</h2>
          <Step ctx={ctx} id="assign" action={l(`${base}/assign`)} title={ctx.t('msg.admin.assign')}>
            <SelectField ctx={ctx} name="officer" label={ctx.t('msg.admin.officer')} value={m.officer_id ?? ''} issues={mine('assign')} options={[['', ctx.t('msg.choose')], ...d.officers.map((o): [string, string] => [o.id, o.name])]} />
            <button type="submit" class="button button-secondary">{ctx.t('msg.admin.assign')}</button>
          </Step>
          <Step ctx={ctx} id="answer" action={l(`${base}/answer`)} title={ctx.t('msg.admin.answer')}>
            <TextAreaField ctx={ctx} name="answer" label={ctx.t('msg.admin.answer_text')} hint={m.is_public ? ctx.t('msg.admin.answer_public_hint') : ctx.t('msg.admin.answer_private_hint')} issues={mine('answer')} rows={8} maxlength={10000} />
            <button type="submit" class="button">{ctx.t('msg.admin.answer')}</button>
          </Step>
          <Step ctx={ctx} id="transfer" action={l(`${base}/transfer`)} title={ctx.t('msg.admin.transfer')}>
            <SelectField ctx={ctx} name="to_agency" label={ctx.t('msg.admin.to_agency')} issues={mine('transfer')} options={[['', ctx.t('msg.choose')], ...d.agencies.map((a): [string, string] => [a.id, `${'　'.repeat(Math.max(0, a.depth))}${pick(ctx.locale, a.name_zh, a.name_en)}`])]} />
            <TextAreaField ctx={ctx} name="reason" label={ctx.t('msg.admin.reason')} hint={ctx.t('msg.admin.reason_hint')} issues={mine('transfer')} rows={3} maxlength={1000} />
            <button type="submit" class="button button-secondary">{ctx.t('msg.admin.transfer')}</button>
          </Step>
          <Step ctx={ctx} id="redirect" action={l(`${base}/redirect`)} title={ctx.t('msg.admin.redirect')}>
            <p class="hint">{ctx.t('msg.admin.redirect_hint')}</p>
            <SelectField ctx={ctx} name="channel" label={ctx.t('msg.admin.channel')} issues={mine('redirect')} options={[['', ctx.t('msg.choose')], ...REDIRECT_CHANNELS.map((c): [string, string] => [c, msgLabel.channel(ctx, c)])]} />
            <TextAreaField ctx={ctx} name="note" label={ctx.t('msg.admin.note')} issues={mine('redirect')} rows={3} maxlength={2000} />
            <button type="submit" class="button button-secondary">{ctx.t('msg.admin.redirect')}</button>
          </Step>
        </section>
      ) : null}
      <section aria-labelledby="msg-hist">
        <h2 id="msg-hist">{ctx.t('msg.private.history')}</h2>
        <ol class="rq-timeline">
          {d.events.map((e) => {
            const det = JSON.parse(e.details) as Record<string, unknown>;
            return (
              <li>
                <span class="rq-date">{e.local_date}</span> {msgLabel.event(ctx, e.kind)} <span class="muted">{e.actor_id === null && e.actor_name === 'sender' ? ctx.t('msg.admin.by_sender') : e.actor_name}</span>
                {typeof det.reason === 'string' && typeof det.to_agency === 'string' ? ` — ${name(det.from_agency)} → ${name(det.to_agency)}: ${det.reason}` : ''}
                {e.kind === 'unpublished' && typeof det.reason === 'string' ? ` — ${det.reason}` : ''}
                {typeof det.channel === 'string' ? ` — ${msgLabel.channel(ctx, det.channel)}` : ''}
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}
