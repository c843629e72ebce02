import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import type { FieldIssue } from '../../domain/errors.js';
import type { DeadlineWarning } from '../../domain/calendar/deadline.js';
import { isOutcomeCode, outcomeInfo } from '../../domain/requests/outcomes.js';
import { pick } from '../../i18n/i18n.js';
import type { RequestDetail } from '../../queries/staff-requests.js';
import { Csrf, ErrorSummary, SelectField, TextField } from '../forms.js';
import { DataTable } from '../table-scroll.js';
import { warningText } from '../public/deadline-page.js';
import { dateText, eventLabel, Facts, sizeText, StateBadge, tr, yuan } from '../public/request-parts.js';
import { remainingText } from './request-list-page.js';
import { StepForms, type Step } from './request-step-forms.js';
import { APPEAL_RESULTS } from '../../commands/requests/record-appeal.js';
void Fragment;

function warning(ctx: RequestContext, w: DeadlineWarning): string {
  if (w.code === 'correction_notice_late') return ctx.t('rq.warn.correction_late', { on: w.requestedOn, by: w.noticeDueBy });
  if (w.code === 'supplement_late') return ctx.t('rq.warn.supplement_late', { on: w.supplementedOn, by: w.supplementBy });
  return warningText(ctx, w);
}

/** Event details worth showing to staff, as short text (never the applicant's personal data: events hold none). */
function detailText(ctx: RequestContext, kind: string, raw: string): string {
  let d: Record<string, unknown> = {};
  try {
    const v: unknown = JSON.parse(raw);
    if (v && typeof v === 'object') d = { ...v };
  } catch {
    return '';
  }
  const s = (k: string) => (typeof d[k] === 'string' || typeof d[k] === 'number' ? String(d[k]) : '');
  switch (kind) {
    case 'submitted':
      return tr(ctx, `rq.channel.${s('channel')}`, s('channel')) + (s('repeat_of') ? ` · ${ctx.t('rq.repeat_of', { number: s('repeat_of') })}` : '');
    case 'correction_requested':
      return `${s('what')} (${ctx.t('rq.f.supplement_by')}: ${s('supplement_by')})`;
    case 'extended':
      return ctx.t('rq.ev.extended', { days: s('days'), approver: s('approver'), reason: s('reason') });
    case 'consultation_started':
      return [tr(ctx, `rq.party.${s('party')}`, s('party')), s('note')].filter(Boolean).join(' · ');
    case 'fee_notice':
      return ctx.t('rq.ev.fee', { amount: yuan(Number(s('amount_fen')) || 0), due: s('due_on') });
    case 'replied':
    case 'abandoned':
    case 'fee_unpaid': {
      const o = s('outcome');
      return isOutcomeCode(o) ? (ctx.locale === 'en' ? outcomeInfo(o).en : outcomeInfo(o).zh) : o;
    }
    default:
      return s('note');
  }
}

/** The request page's props. */
export interface RequestDetailProps {
  ctx: RequestContext;
  d: RequestDetail;
  today: string;
  steps: Step[];
  focus: Step | 'file' | 'appeal' | null;
  values: Record<string, string>;
  issues: FieldIssue[];
  /** A refused step's message (the command's error in the user's language). */
  refusal?: string;
  flash?: string;
  uploadMb: number;
}

/** `/admin/requests/<id>`: details, personal data for staff in scope, deadlines, history, and a form for each allowed step. */
export function RequestDetailPage(p: RequestDetailProps): SafeHtml {
  const { ctx, d } = p;
  const l = (x: string) => localePath(ctx.locale, x);
  const r = d.req;
  const a = d.applicant;
  const dl = d.deadlines;
  const labels: Record<string, string> = { file: ctx.t('rp.private.file'), purpose: ctx.t('rp.private.purpose'), outcome: ctx.t('rp.outcome'), form: ctx.t('rq.title') };
  const isOrg = r.applicant_type !== 'natural_person';
  return (
    <div class="rq-detail">
      <p>
        <a href={l('/admin/requests')}>{ctx.t('rq.back')}</a>
      </p>
      <h1>
        <span class="rq-nowrap">{r.tracking_number}</span> <StateBadge ctx={ctx} state={r.state} />
      </h1>
      <p class="lead">{r.title}</p>
      {p.flash ? <p class="notice notice-ok" role="status">{p.flash}</p> : null}
      {p.refusal ? (
        <div class="notice notice-alert" role="alert">
          <p>
            <strong>{ctx.t('rq.refused')}</strong> {p.refusal}
          </p>
        </div>
      ) : null}
      <ErrorSummary ctx={ctx} issues={p.issues} labels={labels} />
      {d.repeatOf ? (
        <p class="notice notice-warn">
          {ctx.t('rq.repeat_of', { number: d.repeatOf.tracking_number })} <a href={l(`/admin/requests/${d.repeatOf.id}`)}>{ctx.t('rq.open_request')}</a>
        </p>
      ) : null}

      <div class="rq-columns">
        <section class="panel" aria-labelledby="rq-clock">
          <h2 id="rq-clock">{ctx.t('rq.deadlines')}</h2>
          {dl?.overdue ? <p class="notice notice-warn">{ctx.t('rq.overdue_since', { date: dl.overdueFrom ?? '' })}</p> : null}
          {dl && dl.warnings.length ? (
            <ul class="notice notice-warn">
              {dl.warnings.map((w) => (
                <li>{warning(ctx, w)}</li>
              ))}
            </ul>
          ) : null}
          <Facts
            rows={[
              [ctx.t('rp.agency'), pick(ctx.locale, d.agency.name_zh, d.agency.name_en)],
              [ctx.t('rq.channel'), tr(ctx, `rq.channel.${r.channel}`, r.channel)],
              [ctx.t('rp.submitted_on'), r.submitted_on],
              [ctx.t('rp.received_on'), r.received_on ?? ctx.t('rp.track.not_confirmed')],
              [ctx.t('rq.clock'), dl ? tr(ctx, `rq.clock.${dl.status}`, dl.status) : '—'],
              [ctx.t('rp.due_date'), dateText(dl?.dueDate ?? r.due_date)],
              [ctx.t('rq.remaining'), dl && (dl.status === 'running' || dl.status === 'paused') ? remainingText(ctx, { days_remaining: dl.daysRemaining, overdue: dl.overdue, due_date: dl.dueDate }) : '—'],
              ...(dl?.correction ? [[ctx.t('rq.correction_due'), dateText(dl.correction.noticeDueBy)] as [string, string], [ctx.t('rq.f.supplement_by'), dateText(dl.correction.supplementBy)] as [string, string]] : []),
              ...(dl?.extension && dl.extension.granted ? [[ctx.t('rq.extension'), ctx.t('rq.extension_text', { days: dl.extension.daysGranted, approver: dl.extension.approvedBy.join('、') })] as [string, string]] : []),
              ...(dl && dl.pausedDays ? [[ctx.t('rq.paused_days'), String(dl.pausedDays)] as [string, string]] : []),
              [ctx.t('rq.officer'), r.officer_id ? (d.events.find((e) => e.actor_id === r.officer_id)?.actor_name ?? r.officer_id) : ctx.t('rq.unassigned')],
            ]}
          />
        </section>

        <section class="panel" aria-labelledby="rq-applicant">
          <h2 id="rq-applicant">{ctx.t('rq.applicant')}</h2>
          <p class="hint">{ctx.t('rq.applicant_private')}</p>
          {a ? (
            <Facts
              rows={[
                [ctx.t('rp.f.applicant_type'), tr(ctx, `rq.type.${r.applicant_type}`, r.applicant_type)],
                ...(isOrg ? [[ctx.t('rp.f.org_name'), a.org_name] as [string, string], [ctx.t('rp.f.unified_code'), a.unified_code || '—'] as [string, string]] : []),
                [ctx.t('rp.f.name'), a.name],
                [ctx.t('rp.f.id_type'), a.id_type ? tr(ctx, `rp.id.${a.id_type}`, a.id_type) : '—'],
                [ctx.t('rp.f.id_number'), a.id_number || '—'],
                [ctx.t('rp.f.phone'), a.phone || '—'],
                [ctx.t('rp.f.email'), a.email || '—'],
                [ctx.t('rp.f.address'), [a.address, a.postcode].filter(Boolean).join(' ') || '—'],
              ]}
            />
          ) : (
            <p class="muted">—</p>
          )}
        </section>
      </div>

      <section class="panel" aria-labelledby="rq-desc">
        <h2 id="rq-desc">{ctx.t('rp.section.description')}</h2>
        <Facts
          rows={[
            [ctx.t('rp.f.title'), r.title],
            [ctx.t('rp.f.doc_number'), r.doc_number || '—'],
            [ctx.t('rp.f.other_features'), r.other_features || '—'],
            [ctx.t('rp.f.form_wanted'), tr(ctx, `rp.form.${r.form_wanted}`, r.form_wanted)],
            [ctx.t('rp.f.delivery_wanted'), tr(ctx, `rp.delivery.${r.delivery_wanted}`, r.delivery_wanted)],
          ]}
        />
      </section>

      {d.outcome ? (
        <section class="panel" aria-labelledby="rq-outcome">
          <h2 id="rq-outcome">{ctx.t('rp.private.reply_title')}</h2>
          <Facts
            rows={[
              [ctx.t('rp.outcome'), isOutcomeCode(d.outcome.code) ? (ctx.locale === 'en' ? outcomeInfo(d.outcome.code).en : outcomeInfo(d.outcome.code).zh) : d.outcome.code],
              [ctx.t('rp.basis'), d.outcome.basis],
              [ctx.t('rp.replied_on'), d.outcome.replied_on],
            ]}
          />
          {d.outcome.reply_text ? <p class="rq-quote">{d.outcome.reply_text}</p> : null}
          <p>
            <a class="button button-secondary" href={l(`/admin/requests/${r.id}/letter`)}>{ctx.t('rp.letter.open')}</a>
          </p>
        </section>
      ) : null}

      {d.canHandle && p.steps.length ? (
        <section aria-labelledby="rq-steps">
          <h2 id="rq-steps">{ctx.t('rq.steps')}</h2>
          <StepForms ctx={ctx} d={d} steps={p.steps} focus={p.focus === 'file' || p.focus === 'appeal' ? null : p.focus} values={p.values} issues={p.issues} today={p.today} />
        </section>
      ) : !d.canHandle ? (
        <p class="notice notice-info">{ctx.t('rq.read_only')}</p>
      ) : null}

      <section class="panel" aria-labelledby="rq-files">
        <h2 id="rq-files">{ctx.t('rq.files')}</h2>
        {d.files.length ? (
          <ul class="attachment-list">
            {d.files.map((f) => (
              <li>
                {tr(ctx, `rp.purpose.${f.purpose}`, f.purpose)}: <a href={l(`/admin/requests/${r.id}/files/${f.id}`)}>{f.filename}</a> <span class="muted">({sizeText(Number(f.size))})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{ctx.t('rp.private.no_files')}</p>
        )}
        {d.canHandle && r.state !== 'closed' && r.state !== 'abandoned' ? (
          <form method="post" action={l(`/admin/requests/${r.id}/files`)} enctype="multipart/form-data" class="form upload-form">
            <Csrf ctx={ctx} />
            <SelectField ctx={ctx} name="purpose" label={ctx.t('rp.private.purpose')} value={p.focus === 'file' ? p.values.purpose ?? 'released' : 'released'} issues={[]} options={['released', 'identity_proof', 'authorisation', 'supplement'].map((x): [string, string] => [x, tr(ctx, `rp.purpose.${x}`, x)])} />
            <div class="field">
              <label for="f-file">{ctx.t('rp.private.file')}</label>
              <p class="hint" id="f-file-hint">{ctx.t('rq.file_hint', { mb: p.uploadMb })}</p>
              <input type="file" id="f-file" name="file" required aria-describedby="f-file-hint" />
            </div>
            <div class="form-actions">
              <button type="submit" class="button button-secondary">{ctx.t('rp.private.upload')}</button>
            </div>
          </form>
        ) : null}
      </section>

      {d.fees.length ? (
        <section class="panel" aria-labelledby="rq-fees">
          <h2 id="rq-fees">{ctx.t('rp.private.fees_title')}</h2>
          <ul>
            {d.fees.map((f) => (
              <li>
                {ctx.t('rp.private.fee_line', { amount: yuan(f.amount_fen), method: tr(ctx, `rp.fee.${f.method}`, f.method), units: f.units, notice: f.notice_on, due: f.due_on })}{' '}
                <strong>{tr(ctx, `rp.fee_status.${f.status}`, f.status)}</strong>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {d.appeals.length ? (
        <section class="panel" aria-labelledby="rq-appeals">
          <h2 id="rq-appeals">{ctx.t('rq.appeals')}</h2>
          {d.appeals.map((x) => (
            <div class="rq-appeal">
              <p>
                <strong>{tr(ctx, `rq.appeal.${x.kind}`, x.kind)}</strong> · {x.filed_on} · {x.body_name || '—'} {x.case_number} · {tr(ctx, `rq.result.${x.result}`, x.result)}
                {x.decided_on ? ` (${x.decided_on})` : ''}
              </p>
              {d.canHandle ? (
                <form method="post" action={l(`/admin/requests/${r.id}/appeals/${x.id}`)} class="form form-inline">
                  <Csrf ctx={ctx} />
                  <SelectField ctx={ctx} name={`result_${x.id}`} label={ctx.t('rq.f.appeal_result')} value={x.result} issues={[]} options={APPEAL_RESULTS.map((k): [string, string] => [k, tr(ctx, `rq.result.${k}`, k)])} />
                  <TextField ctx={ctx} name={`decided_on_${x.id}`} type="date" label={ctx.t('rq.f.decided_on')} value={x.decided_on ?? ''} issues={p.focus === 'appeal' ? p.issues.map((i) => ({ ...i, field: `${i.field}_${x.id}` })) : []} />
                  <button type="submit" class="button button-secondary">{ctx.t('rq.appeal_update')}</button>
                </form>
              ) : null}
            </div>
          ))}
        </section>
      ) : null}

      <section class="panel" aria-labelledby="rq-history">
        <h2 id="rq-history">{ctx.t('rq.history')}</h2>
        <DataTable label={ctx.t('rq.history')} head={[ctx.t('rq.h.date'), ctx.t('rq.h.step'), ctx.t('rq.h.actor'), ctx.t('rq.h.details')]}>
          {d.events.map((e) => (
            <tr>
              <td class="nowrap-code">{e.local_date}</td>
              <td>{eventLabel(ctx, e.kind)}</td>
              <td>{e.actor_name === 'applicant' ? ctx.t('rq.by_applicant') : e.actor_name}</td>
              <td>{detailText(ctx, e.kind, e.details)}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </div>
  );
}
