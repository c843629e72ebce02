import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import type { FieldIssue } from '../../domain/errors.js';
import { CHANNELS } from '../../domain/requests/receipt.js';
import type { Agency } from '../../store/schema.js';
import { Csrf, ErrorSummary, SelectField, TextField } from '../forms.js';
import { agencyOptions, applicationLabels, ApplicationFields, type ApplicationValues } from '../public/request-form-page.js';
import { RadioGroup, StateBadge, tr } from '../public/request-parts.js';

/** The registration form's own fields (besides the application's). */
export const OFFLINE_FIELDS = ['agency', 'channel', 'submitted_on', 'signed_for_on', 'confirmed_on'] as const;
export type OfflineValues = ApplicationValues & Partial<Record<(typeof OFFLINE_FIELDS)[number], string>>;

/** `/admin/requests/new`: register an application received in person, by mail or by fax (Art. 31). */
export function RequestNewPage({ ctx, agencies, values, issues }: { ctx: RequestContext; agencies: Agency[]; values: OfflineValues; issues: FieldIssue[] }): SafeHtml {
  const labels = { ...applicationLabels(ctx), agency: ctx.t('rp.f.agency_code'), channel: ctx.t('rq.new.channel'), submitted_on: ctx.t('rq.new.submitted_on'), signed_for_on: ctx.t('rq.new.signed_for_on'), confirmed_on: ctx.t('rq.new.confirmed_on') };
  return (
    <div>
      <h1>{ctx.t('rq.new.title')}</h1>
      <p class="lead">{ctx.t('rq.new.intro')}</p>
      <ErrorSummary ctx={ctx} issues={issues} labels={labels} />
      <form method="post" action={localePath(ctx.locale, '/admin/requests/new')} class="form rq-form" novalidate>
        <Csrf ctx={ctx} />
        <fieldset class="rq-section">
          <legend>{ctx.t('rq.new.receipt')}</legend>
          <SelectField ctx={ctx} name="agency" label={labels.agency} value={values.agency ?? agencies[0]?.id ?? ''} issues={issues} options={agencyOptions(ctx, agencies, (a) => a.id)} required />
          <RadioGroup
            ctx={ctx}
            name="channel"
            legend={labels.channel}
            hint={ctx.t('rq.new.channel_hint')}
            required
            value={values.channel ?? 'in_person'}
            issues={issues}
            options={CHANNELS.filter((c) => c !== 'online').map((c) => ({ value: c, label: tr(ctx, `rq.channel.${c}`, c) }))}
          />
          <div class="field-row">
            <TextField ctx={ctx} name="submitted_on" type="date" label={labels.submitted_on} value={values.submitted_on} issues={issues} />
            <TextField ctx={ctx} name="signed_for_on" type="date" label={labels.signed_for_on} hint={ctx.t('rq.new.signed_hint')} value={values.signed_for_on} issues={issues} />
            <TextField ctx={ctx} name="confirmed_on" type="date" label={labels.confirmed_on} hint={ctx.t('rq.new.confirmed_hint')} value={values.confirmed_on} issues={issues} />
          </div>
        </fieldset>
        <ApplicationFields ctx={ctx} values={values} issues={issues} />
        <div class="form-actions">
          <button type="submit" class="button">{ctx.t('rq.new.submit')}</button>
        </div>
      </form>
    </div>
  );
}

/** Shown once after registering: the tracking number and the private link to give the applicant. */
export function RequestRegisteredPage({ ctx, id, trackingNumber, token, privateUrl, state, repeatOf }: { ctx: RequestContext; id: string; trackingNumber: string; token: string; privateUrl: string; state: string; repeatOf: string | null }): SafeHtml {
  return (
    <div class="narrow">
      <div class="notice notice-ok" role="status">
        <h1>{ctx.t('rq.new.done', { number: trackingNumber })}</h1>
        <p>
          <StateBadge ctx={ctx} state={state} />
        </p>
      </div>
      {repeatOf ? <p class="notice notice-warn">{ctx.t('rq.repeat_of', { number: repeatOf })}</p> : null}
      <h2>{ctx.t('rq.new.give_link')}</h2>
      <dl class="rq-facts rq-secret">
        <div class="dl-row">
          <dt>{ctx.t('rp.tracking_number')}</dt>
          <dd>
            <code>{trackingNumber}</code>
          </dd>
        </div>
        <div class="dl-row">
          <dt>{ctx.t('rp.token')}</dt>
          <dd>
            <code>{token}</code>
          </dd>
        </div>
        <div class="dl-row">
          <dt>{ctx.t('rp.done.link_title')}</dt>
          <dd>
            <code>{privateUrl}</code>
          </dd>
        </div>
      </dl>
      <p class="hint">{ctx.t('rq.new.once')}</p>
      <p>
        <a class="button" href={localePath(ctx.locale, `/admin/requests/${id}`)}>
          {ctx.t('rq.open_request')}
        </a>
      </p>
    </div>
  );
}
