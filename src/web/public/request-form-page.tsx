import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import type { FieldIssue } from '../../domain/errors.js';
import { APPLICANT_TYPE_INFO, ID_TYPES } from '../../domain/requests/applicant-types.js';
import { DELIVERIES_WANTED, FORMS_WANTED } from '../../commands/requests/application-input.js';
import { pick } from '../../i18n/i18n.js';
import type { Agency } from '../../store/schema.js';
import { Csrf, ErrorSummary, SelectField, TextAreaField, TextField } from '../forms.js';
import { Breadcrumbs } from '../layout.js';
import { RadioGroup, tr } from './request-parts.js';
void Fragment;

/** The fields of the application form, as typed. */
export const APPLICATION_FIELDS = [
  'agency_code', 'applicant_type', 'name', 'id_type', 'id_number', 'org_name', 'unified_code', 'phone', 'email', 'address', 'postcode',
  'title', 'doc_number', 'other_features', 'form_wanted', 'delivery_wanted',
] as const;

/** The application form's values. */
export type ApplicationValues = Partial<Record<(typeof APPLICATION_FIELDS)[number], string>>;

/**
 * Issues as the form shows them: an empty choice reads "required" rather than "invalid", and
 * the organisation's name is not asked for before the applicant type is chosen.
 */
export function refineIssues(values: ApplicationValues, issues: FieldIssue[]): FieldIssue[] {
  const choices = ['agency_code', 'applicant_type', 'form_wanted', 'delivery_wanted', 'agency', 'channel'];
  return issues
    .filter((i) => !(i.field === 'org_name' && !values.applicant_type))
    .map((i) => (i.code === 'invalid' && choices.includes(i.field) && !(values as Record<string, string | undefined>)[i.field] ? { ...i, code: 'required' } : i));
}

/** Field labels for the error summary (also used by the console's registration form). */
export function applicationLabels(ctx: RequestContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of APPLICATION_FIELDS) out[f] = tr(ctx, `rp.f.${f}`, f);
  return out;
}

/** An agency option list (indented by depth), open agencies only. */
export function agencyOptions(ctx: RequestContext, agencies: Agency[], valueOf: (a: Agency) => string): [string, string][] {
  return agencies.filter((a) => a.status === 'open').map((a) => [valueOf(a), `${'　'.repeat(Math.max(0, a.depth))}${pick(ctx.locale, a.name_zh, a.name_en)}`]);
}

/** The applicant, description and form-wanted fields shared by the public form and the console's registration. */
export function ApplicationFields({ ctx, values, issues }: { ctx: RequestContext; values: ApplicationValues; issues: FieldIssue[] }): SafeHtml {
  const v = values;
  const f = (name: (typeof APPLICATION_FIELDS)[number]) => tr(ctx, `rp.f.${name}`, name);
  const orgGroup = ctx.t('rp.type.organisation');
  return (
    <>
      <fieldset class="rq-section">
        <legend>{ctx.t('rp.section.applicant')}</legend>
        <RadioGroup
          ctx={ctx}
          name="applicant_type"
          legend={f('applicant_type')}
          hint={ctx.t('rp.hint.applicant_type')}
          required
          value={v.applicant_type ?? ''}
          issues={issues}
          options={APPLICANT_TYPE_INFO.map((a) => ({ value: a.code, label: ctx.locale === 'en' ? a.en : a.zh, ...(a.group === 'person' ? {} : { group: orgGroup }) }))}
        />
        <TextField ctx={ctx} name="name" label={f('name')} hint={ctx.t('rp.hint.name')} value={v.name} issues={issues} required autocomplete="name" maxlength={100} />
        <div class="field-row">
          <SelectField ctx={ctx} name="id_type" label={f('id_type')} value={v.id_type ?? ''} issues={issues} options={[['', ctx.t('rp.choose')], ...ID_TYPES.map((t): [string, string] => [t, tr(ctx, `rp.id.${t}`, t)])]} />
          <TextField ctx={ctx} name="id_number" label={f('id_number')} value={v.id_number} issues={issues} autocomplete="off" maxlength={40} />
        </div>
        <p class="hint">{ctx.t('rp.hint.org')}</p>
        <div class="field-row">
          <TextField ctx={ctx} name="org_name" label={f('org_name')} value={v.org_name} issues={issues} autocomplete="organization" maxlength={200} />
          <TextField ctx={ctx} name="unified_code" label={f('unified_code')} value={v.unified_code} issues={issues} autocomplete="off" maxlength={18} />
        </div>
        <p class="hint" id="contact-hint">{ctx.t('rp.hint.contact')}</p>
        <div class="field-row">
          <TextField ctx={ctx} name="phone" label={f('phone')} value={v.phone} issues={issues} type="tel" autocomplete="tel" maxlength={40} />
          <TextField ctx={ctx} name="email" label={f('email')} value={v.email} issues={issues} type="email" autocomplete="email" maxlength={254} />
        </div>
        <TextField ctx={ctx} name="address" label={f('address')} value={v.address} issues={issues} autocomplete="street-address" maxlength={300} />
        <TextField ctx={ctx} name="postcode" label={f('postcode')} value={v.postcode} issues={issues} autocomplete="postal-code" maxlength={10} />
      </fieldset>
      <fieldset class="rq-section">
        <legend>{ctx.t('rp.section.description')}</legend>
        <TextField ctx={ctx} name="title" label={f('title')} hint={ctx.t('rp.hint.title')} value={v.title} issues={issues} required maxlength={300} />
        <TextField ctx={ctx} name="doc_number" label={f('doc_number')} hint={ctx.t('rp.hint.doc_number')} value={v.doc_number} issues={issues} maxlength={100} />
        <TextAreaField ctx={ctx} name="other_features" label={f('other_features')} hint={ctx.t('rp.hint.other_features')} value={v.other_features} issues={issues} rows={4} maxlength={2000} />
      </fieldset>
      <fieldset class="rq-section">
        <legend>{ctx.t('rp.section.form')}</legend>
        <RadioGroup ctx={ctx} name="form_wanted" legend={f('form_wanted')} required value={v.form_wanted ?? ''} issues={issues} options={FORMS_WANTED.map((x) => ({ value: x, label: tr(ctx, `rp.form.${x}`, x) }))} />
        <RadioGroup ctx={ctx} name="delivery_wanted" legend={f('delivery_wanted')} hint={ctx.t('rp.hint.delivery')} required value={v.delivery_wanted ?? ''} issues={issues} options={DELIVERIES_WANTED.map((x) => ({ value: x, label: tr(ctx, `rp.delivery.${x}`, x) }))} />
      </fieldset>
    </>
  );
}

/** The help an applicant needs before applying: Arts. 29, 31, 42 and 43. */
function Guidance({ ctx }: { ctx: RequestContext }): SafeHtml {
  return (
    <aside class="rq-guidance" aria-labelledby="rq-guidance-title">
      <h2 id="rq-guidance-title">{ctx.t('rp.guide.title')}</h2>
      <h3>{ctx.t('rp.guide.what_title')}</h3>
      <p>{ctx.t('rp.guide.art29')}</p>
      <h3>{ctx.t('rp.guide.receipt_title')}</h3>
      <p>{ctx.t('rp.guide.art31')}</p>
      <h3>{ctx.t('rp.guide.fee_title')}</h3>
      <p>{ctx.t('rp.guide.art42')}</p>
      <h3>{ctx.t('rp.guide.help_title')}</h3>
      <p>{ctx.t('rp.guide.art43')}</p>
      <h3>{ctx.t('rp.guide.privacy_title')}</h3>
      <p>{ctx.t('rp.guide.privacy')}</p>
    </aside>
  );
}

/** The public application form (`/requests/new`): no account needed. */
export function RequestFormPage({ ctx, agencies, values, issues }: { ctx: RequestContext; agencies: Agency[]; values: ApplicationValues; issues: FieldIssue[] }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div class="rq-page">
      <Breadcrumbs ctx={ctx} items={[[ctx.t('nav.home'), '/'], [ctx.t('rp.title'), '/requests'], [ctx.t('rp.apply.title'), null]]} />
      <h1>{ctx.t('rp.apply.title')}</h1>
      <p class="lead">{ctx.t('rp.apply.intro')}</p>
      <ErrorSummary ctx={ctx} issues={issues} labels={applicationLabels(ctx)} />
      <div class="rq-layout">
        <form method="post" action={l('/requests/new')} class="form rq-form" novalidate>
          <Csrf ctx={ctx} />
          <fieldset class="rq-section">
            <legend>{ctx.t('rp.section.agency')}</legend>
            <SelectField ctx={ctx} name="agency_code" label={ctx.t('rp.f.agency_code')} value={values.agency_code ?? ''} issues={issues} required options={[['', ctx.t('rp.choose')], ...agencyOptions(ctx, agencies, (a) => a.code)]} />
          </fieldset>
          <ApplicationFields ctx={ctx} values={values} issues={issues} />
          <p class="hint">{ctx.t('rp.apply.declaration')}</p>
          <div class="form-actions">
            <button type="submit" class="button">{ctx.t('rp.apply.submit')}</button>
          </div>
        </form>
        <Guidance ctx={ctx} />
      </div>
    </div>
  );
}

/** The page shown once after a successful application: tracking number and private link. */
export function RequestSubmittedPage({ ctx, trackingNumber, token, privateUrl, agencyName, repeat }: { ctx: RequestContext; trackingNumber: string; token: string; privateUrl: string; agencyName: string; repeat: boolean }): SafeHtml {
  return (
    <div class="narrow rq-page">
      <div class="notice notice-ok" role="status">
        <h1>{ctx.t('rp.done.title')}</h1>
        <p>{ctx.t('rp.done.sent_to', { agency: agencyName })}</p>
      </div>
      <Facts2 ctx={ctx} trackingNumber={trackingNumber} token={token} />
      <h2>{ctx.t('rp.done.link_title')}</h2>
      <p class="rq-secret">
        <a href={privateUrl} rel="noreferrer">{privateUrl}</a>
      </p>
      <div class="notice notice-warn">
        <p>
          <strong>{ctx.t('rp.done.keep_title')}</strong>
        </p>
        <p>{ctx.t('rp.done.keep')}</p>
      </div>
      <h2>{ctx.t('rp.done.next_title')}</h2>
      <p>{ctx.t('rp.done.receipt')}</p>
      {repeat ? <p class="notice notice-info">{ctx.t('rp.done.repeat')}</p> : null}
      <p>
        <a href={localePath(ctx.locale, '/requests/track')}>{ctx.t('rp.track.title')}</a>
      </p>
    </div>
  );
}

function Facts2({ ctx, trackingNumber, token }: { ctx: RequestContext; trackingNumber: string; token: string }): SafeHtml {
  return (
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
    </dl>
  );
}
