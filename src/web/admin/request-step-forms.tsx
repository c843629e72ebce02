import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import type { FieldIssue } from '../../domain/errors.js';
import { compareDates } from '../../domain/calendar/iso-date.js';
import { OUTCOME_GROUP_LABELS, OUTCOMES, type OutcomeGroup } from '../../domain/requests/outcomes.js';
import { regimeOf } from '../../commands/requests/calendar.js';
import { APPEAL_KINDS, APPEAL_RESULTS } from '../../commands/requests/record-appeal.js';
import type { RequestDetail } from '../../queries/staff-requests.js';
import { Csrf, SelectField, TextAreaField, TextField } from '../forms.js';
import { RadioGroup, tr, yuan } from '../public/request-parts.js';
void Fragment;

/** The steps with a form on the request page (each posts to `/admin/requests/<id>/<step>`). */
export const STEPS = [
  'confirm-receipt', 'take', 'correction', 'supplement', 'abandon', 'extend', 'consultation', 'consultation-end',
  'fee-notice', 'fee-payment', 'fee-non-payment', 'reply', 'close', 'appeals',
] as const;
export type Step = (typeof STEPS)[number];

const WORKING = ['received', 'in_progress', 'extended'];

/** The steps the request's state allows now, in the order an officer meets them. */
export function allowedSteps(d: RequestDetail, today: string, me: string | null): Step[] {
  const r = d.req;
  const regime = regimeOf(r.regime);
  const out: Step[] = [];
  if (r.state === 'submitted') out.push('confirm-receipt');
  if (WORKING.includes(r.state)) {
    if (r.officer_id !== me || r.state === 'received') out.push('take');
    if (regime.correction && r.corrections_requested === 0 && r.extensions_granted === 0) out.push('correction');
    if (regime.extension && r.extensions_granted < regime.extension.maxTimes) out.push('extend');
    if (regime.consultation) out.push('consultation');
    out.push('fee-notice', 'reply');
  }
  if (r.state === 'correction_requested') {
    out.push('supplement');
    if (r.supplement_by !== null && compareDates(today, r.supplement_by) > 0) out.push('abandon');
  }
  if (r.state === 'consultation') out.push('consultation-end');
  if (r.state === 'fee_pending') {
    out.push('fee-payment');
    if (r.fee_due_on !== null && compareDates(today, r.fee_due_on) > 0) out.push('fee-non-payment');
  }
  if (r.state === 'replied' || r.state === 'abandoned') out.push('close');
  if (r.state === 'replied' || r.state === 'closed' || r.state === 'abandoned') out.push('appeals');
  return out;
}

type FormProps = { ctx: RequestContext; d: RequestDetail; values: Record<string, string>; issues: FieldIssue[]; today: string };

function StepForm({ ctx, d, step, children, submit, danger }: { ctx: RequestContext; d: RequestDetail; step: Step; children?: unknown; submit: string; danger?: boolean }): SafeHtml {
  return (
    <section class={danger ? 'panel panel-danger rq-step' : 'panel rq-step'} aria-labelledby={`step-${step}`} id={`step-${step}-panel`}>
      <h3 id={`step-${step}`}>{tr(ctx, `rq.step.${step}`, step)}</h3>
      <p class="hint">{tr(ctx, `rq.step_help.${step}`, '')}</p>
      <form method="post" action={localePath(ctx.locale, `/admin/requests/${d.req.id}/${step}`)} class="form">
        <Csrf ctx={ctx} />
        <input type="hidden" name="version" value={String(d.req.version)} />
        {children as SafeHtml}
        <div class="form-actions">
          <button type="submit" class={danger ? 'button button-danger' : 'button'}>
            {submit}
          </button>
        </div>
      </form>
    </section>
  );
}

function OutcomeChoice({ ctx, d, values, issues }: FormProps): SafeHtml {
  const groups = Object.keys(OUTCOME_GROUP_LABELS) as OutcomeGroup[]; // the keys of a Record<OutcomeGroup, …>
  const mine = issues.filter((i) => i.field === 'outcome');
  let first = true;
  return (
    <fieldset class={mine.length ? 'field rq-fieldset field-error' : 'field rq-fieldset'}>
      <legend>
        {ctx.t('rp.outcome')}
        <span class="req" aria-hidden="true"> *</span>
      </legend>
      {mine.length ? <p class="error-msg" id="f-outcome-err">{ctx.t('field.required')}</p> : null}
      {groups.map((g) => {
        const rows = OUTCOMES.filter((o) => o.group === g && o.byReply && (o.code !== 'unable.unclear_after_correction' || d.req.corrections_requested > 0));
        if (!rows.length) return null;
        return (
          <div class="rq-radio-group" role="group" aria-labelledby={`og-${g}`}>
            <p class="rq-radio-group-label" id={`og-${g}`}>
              {ctx.locale === 'en' ? OUTCOME_GROUP_LABELS[g].en : OUTCOME_GROUP_LABELS[g].zh}
            </p>
            {rows.map((o) => {
              const id = first ? 'f-outcome' : `f-outcome-${o.code.replace(/[^a-z0-9_-]/gi, '-')}`;
              first = false;
              return (
                <div class="rq-radio">
                  <input type="radio" id={id} name="outcome" value={o.code} checked={values.outcome === o.code} aria-describedby={`${id}-basis`} />
                  <label for={id}>
                    {o.item ? `${o.item}. ` : ''}
                    {ctx.locale === 'en' ? o.en : o.zh}
                  </label>
                  <span class="rq-basis" id={`${id}-basis`}>
                    {o.basis}
                  </span>
                </div>
              );
            })}
          </div>
        );
      })}
    </fieldset>
  );
}

/** One form per step the state allows; `focus` marks the form whose values and issues are shown. */
export function StepForms(props: FormProps & { steps: Step[]; focus: Step | null }): SafeHtml {
  const { ctx, d, today, steps } = props;
  const mineFor = (s: Step) => (props.focus === s ? { values: props.values, issues: props.issues } : { values: {} as Record<string, string>, issues: [] as FieldIssue[] });
  const fee = d.fees.find((f) => f.status === 'pending');
  const ext = regimeOf(d.req.regime).extension;
  const out: SafeHtml[] = [];
  for (const s of steps) {
    const { values: v, issues } = mineFor(s);
    const p = { ctx, d, step: s };
    switch (s) {
      case 'confirm-receipt':
        out.push(
          <StepForm {...p} submit={ctx.t('rq.step.confirm-receipt')}>
            <TextField ctx={ctx} name="on" type="date" label={ctx.t('rq.f.confirmed_on')} hint={ctx.t('rq.f.confirmed_on_hint')} value={v.on ?? today} issues={issues} />
          </StepForm>,
        );
        break;
      case 'take':
        out.push(<StepForm {...p} submit={ctx.t('rq.step.take')} />);
        break;
      case 'correction':
        out.push(
          <StepForm {...p} submit={ctx.t('rq.step.correction')}>
            <p>{ctx.t('rq.f.correction_due', { date: d.deadlines?.correction?.noticeDueBy ?? '—' })}</p>
            <TextAreaField ctx={ctx} name="what" label={ctx.t('rq.f.what')} value={v.what} issues={issues} required maxlength={4000} />
            <TextField ctx={ctx} name="supplement_by" type="date" label={ctx.t('rq.f.supplement_by')} value={v.supplement_by} issues={issues} required />
          </StepForm>,
        );
        break;
      case 'supplement':
        out.push(
          <StepForm {...p} submit={ctx.t('rq.step.supplement')}>
            <TextField ctx={ctx} name="on" type="date" label={ctx.t('rq.f.supplemented_on')} value={v.on ?? today} issues={issues} />
            <TextAreaField ctx={ctx} name="note" label={ctx.t('rq.f.note')} value={v.note} issues={issues} maxlength={2000} />
          </StepForm>,
        );
        break;
      case 'abandon':
        out.push(<StepForm {...p} danger submit={ctx.t('rq.step.abandon')} />);
        break;
      case 'extend':
        out.push(
          <StepForm {...p} submit={ctx.t('rq.step.extend')}>
            <TextField ctx={ctx} name="days" type="number" label={ctx.t('rq.f.days', { max: ext?.maxDays ?? 0 })} value={v.days ?? String(ext?.maxDays ?? '')} issues={issues} required />
            <TextField ctx={ctx} name="approver" label={ctx.t('rq.f.approver')} hint={ctx.t('rq.f.approver_hint')} value={v.approver} issues={issues} required maxlength={100} />
            <TextAreaField ctx={ctx} name="reason" label={ctx.t('rq.f.reason')} value={v.reason} issues={issues} required maxlength={2000} />
          </StepForm>,
        );
        break;
      case 'consultation':
        out.push(
          <StepForm {...p} submit={ctx.t('rq.step.consultation')}>
            <RadioGroup ctx={ctx} name="party" legend={ctx.t('rq.f.party')} value={v.party ?? 'third_party'} issues={issues} options={['third_party', 'other_agency'].map((x) => ({ value: x, label: tr(ctx, `rq.party.${x}`, x) }))} />
            <TextAreaField ctx={ctx} name="note" label={ctx.t('rq.f.note')} value={v.note} issues={issues} maxlength={2000} />
          </StepForm>,
        );
        break;
      case 'consultation-end':
        out.push(
          <StepForm {...p} submit={ctx.t('rq.step.consultation-end')}>
            <TextAreaField ctx={ctx} name="note" label={ctx.t('rq.f.note')} value={v.note} issues={issues} maxlength={2000} />
          </StepForm>,
        );
        break;
      case 'fee-notice':
        out.push(
          <StepForm {...p} submit={ctx.t('rq.step.fee-notice')}>
            <RadioGroup ctx={ctx} name="method" legend={ctx.t('rq.f.method')} value={v.method ?? 'per_request'} issues={issues} options={['per_request', 'per_volume'].map((x) => ({ value: x, label: tr(ctx, `rp.fee.${x}`, x) }))} />
            <TextField ctx={ctx} name="pages" type="number" label={ctx.t('rq.f.pages')} hint={ctx.t('rq.f.pages_hint')} value={v.pages} issues={issues} />
          </StepForm>,
        );
        break;
      case 'fee-payment':
        out.push(
          <StepForm {...p} submit={ctx.t('rq.step.fee-payment')}>
            <TextField ctx={ctx} name="amount" label={ctx.t('rq.f.amount')} hint={fee ? ctx.t('rq.f.amount_hint', { amount: yuan(fee.amount_fen), due: fee.due_on }) : undefined} value={v.amount ?? (fee ? yuan(fee.amount_fen) : '')} issues={issues} required />
          </StepForm>,
        );
        break;
      case 'fee-non-payment':
        out.push(<StepForm {...p} danger submit={ctx.t('rq.step.fee-non-payment')} />);
        break;
      case 'reply':
        out.push(
          <StepForm {...p} submit={ctx.t('rq.step.reply')}>
            <OutcomeChoice ctx={ctx} d={d} values={v} issues={issues} today={today} />
            <TextAreaField ctx={ctx} name="text" label={ctx.t('rq.f.reply_text')} hint={ctx.t('rq.f.reply_text_hint')} value={v.text} issues={issues} rows={6} maxlength={20000} />
            <TextAreaField ctx={ctx} name="linked" label={ctx.t('rq.f.linked')} hint={ctx.t('rq.f.linked_hint')} value={v.linked} issues={issues} rows={2} />
          </StepForm>,
        );
        break;
      case 'close':
        out.push(<StepForm {...p} submit={ctx.t('rq.step.close')} />);
        break;
      case 'appeals':
        out.push(
          <StepForm {...p} submit={ctx.t('rq.step.appeals')}>
            <SelectField ctx={ctx} name="kind" label={ctx.t('rq.f.appeal_kind')} value={v.kind ?? ''} issues={issues} options={APPEAL_KINDS.map((k): [string, string] => [k, tr(ctx, `rq.appeal.${k}`, k)])} />
            <div class="field-row">
              <TextField ctx={ctx} name="filed_on" type="date" label={ctx.t('rq.f.filed_on')} value={v.filed_on ?? today} issues={issues} required />
              <SelectField ctx={ctx} name="result" label={ctx.t('rq.f.appeal_result')} value={v.result ?? 'pending'} issues={issues} options={APPEAL_RESULTS.map((k): [string, string] => [k, tr(ctx, `rq.result.${k}`, k)])} />
              <TextField ctx={ctx} name="decided_on" type="date" label={ctx.t('rq.f.decided_on')} value={v.decided_on} issues={issues} />
            </div>
            <div class="field-row">
              <TextField ctx={ctx} name="body_name" label={ctx.t('rq.f.body_name')} value={v.body_name} issues={issues} maxlength={200} />
              <TextField ctx={ctx} name="case_number" label={ctx.t('rq.f.case_number')} value={v.case_number} issues={issues} maxlength={100} />
            </div>
            <TextAreaField ctx={ctx} name="note" label={ctx.t('rq.f.note')} value={v.note} issues={issues} maxlength={2000} />
          </StepForm>,
        );
        break;
    }
  }
  return <>{out}</>;
}
