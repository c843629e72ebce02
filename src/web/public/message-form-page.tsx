import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import type { FieldIssue } from '../../domain/errors.js';
import { MESSAGE_CATEGORIES, MESSAGE_KINDS, MESSAGE_LIMITS } from '../../domain/messages/message-rules.js';
import { pick } from '../../i18n/i18n.js';
import type { Agency } from '../../store/schema.js';
import { CheckboxField, Csrf, ErrorSummary, SelectField, TextAreaField, TextField } from '../forms.js';
import { Breadcrumbs } from '../layout.js';
import { msgLabel } from './message-parts.js';
import { RadioGroup } from './request-parts.js';
import { agencyOptions } from './request-form-page.js';
void Fragment;

/** The fields of the message form, as typed. */
export const MESSAGE_FIELDS = ['agency_code', 'kind', 'category', 'title', 'body', 'name', 'email', 'phone', 'is_public'] as const;
export type MessageValues = Partial<Record<(typeof MESSAGE_FIELDS)[number], string>>;

function labels(ctx: RequestContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of MESSAGE_FIELDS) out[f] = ctx.t(`msg.f.${f}`);
  return out;
}

/** Art. 39: what a message is not for, with the link to the request form. */
function ChannelHint({ ctx, agencyCode }: { ctx: RequestContext; agencyCode: string }): SafeHtml {
  const href = localePath(ctx.locale, agencyCode ? `/requests/new?agency=${encodeURIComponent(agencyCode)}` : '/requests/new');
  return (
    <aside class="notice notice-info msg-hint" aria-labelledby="msg-hint-title">
      <h2 id="msg-hint-title">{ctx.t('msg.form.hint_title')}</h2>
      <p>
        {ctx.t('msg.form.hint_request')} <a href={href}>{ctx.t('msg.form.hint_request_link')}</a>
      </p>
      <p>{ctx.t('msg.form.hint_appeal')}</p>
    </aside>
  );
}

/** The public form `/messages/new` (no account). */
export function MessageFormPage({ ctx, agencies, values, issues }: { ctx: RequestContext; agencies: Agency[]; values: MessageValues; issues: FieldIssue[] }): SafeHtml {
  const v = values;
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div class="rq-page msg-page">
      <Breadcrumbs ctx={ctx} items={[[ctx.t('nav.home'), '/'], [ctx.t('msg.title'), '/messages'], [ctx.t('msg.form.title'), null]]} />
      <h1>{ctx.t('msg.form.title')}</h1>
      <p class="lead">{ctx.t('msg.form.intro')}</p>
      <ErrorSummary ctx={ctx} issues={issues} labels={labels(ctx)} />
      <ChannelHint ctx={ctx} agencyCode={v.agency_code ?? ''} />
      <form method="post" action={l('/messages/new')} class="form rq-form msg-form" novalidate>
        <Csrf ctx={ctx} />
        <fieldset class="rq-section">
          <legend>{ctx.t('msg.form.section_message')}</legend>
          <SelectField ctx={ctx} name="agency_code" label={ctx.t('msg.f.agency_code')} value={v.agency_code ?? ''} issues={issues} required options={[['', ctx.t('msg.choose')], ...agencyOptions(ctx, agencies, (a) => a.code)]} />
          <RadioGroup ctx={ctx} name="kind" legend={ctx.t('msg.f.kind')} required value={v.kind ?? ''} issues={issues} options={MESSAGE_KINDS.map((k) => ({ value: k, label: msgLabel.kind(ctx, k) }))} />
          <SelectField ctx={ctx} name="category" label={ctx.t('msg.f.category')} value={v.category ?? ''} issues={issues} required options={[['', ctx.t('msg.choose')], ...MESSAGE_CATEGORIES.map((c): [string, string] => [c, msgLabel.category(ctx, c)])]} />
          <TextField ctx={ctx} name="title" label={ctx.t('msg.f.title')} value={v.title} issues={issues} required maxlength={MESSAGE_LIMITS.title} />
          <TextAreaField ctx={ctx} name="body" label={ctx.t('msg.f.body')} hint={ctx.t('msg.form.body_hint')} value={v.body} issues={issues} required rows={8} maxlength={MESSAGE_LIMITS.body} />
        </fieldset>
        <fieldset class="rq-section">
          <legend>{ctx.t('msg.form.section_sender')}</legend>
          <p class="hint">{ctx.t('msg.form.privacy')}</p>
          <TextField ctx={ctx} name="name" label={ctx.t('msg.f.name')} value={v.name} issues={issues} required autocomplete="name" maxlength={MESSAGE_LIMITS.name} />
          <p class="hint">{ctx.t('msg.form.contact_hint')}</p>
          <div class="field-row">
            <TextField ctx={ctx} name="email" label={ctx.t('msg.f.email')} value={v.email} issues={issues} type="email" autocomplete="email" maxlength={MESSAGE_LIMITS.email} />
            <TextField ctx={ctx} name="phone" label={ctx.t('msg.f.phone')} value={v.phone} issues={issues} type="tel" autocomplete="tel" maxlength={MESSAGE_LIMITS.phone} />
          </div>
          <CheckboxField name="is_public" label={ctx.t('msg.f.is_public')} hint={ctx.t('msg.form.public_hint')} checked={v.is_public === '1'} />
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button">{ctx.t('msg.form.submit')}</button>
        </div>
      </form>
    </div>
  );
}

/** Shown once after sending: tracking number, private token and link, due date. */
export function MessageSentPage({ ctx, trackingNumber, token, privateUrl, agency, dueDate }: { ctx: RequestContext; trackingNumber: string; token: string; privateUrl: string; agency: Agency; dueDate: string }): SafeHtml {
  return (
    <div class="narrow rq-page">
      <div class="notice notice-ok" role="status">
        <h1>{ctx.t('msg.sent.title')}</h1>
        <p>{ctx.t('msg.sent.to', { agency: pick(ctx.locale, agency.name_zh, agency.name_en), due: dueDate })}</p>
      </div>
      <dl class="rq-facts rq-secret">
        <div class="dl-row">
          <dt>{ctx.t('msg.tracking_number')}</dt>
          <dd>
            <code>{trackingNumber}</code>
          </dd>
        </div>
        <div class="dl-row">
          <dt>{ctx.t('msg.token')}</dt>
          <dd>
            <code class="wrap-anywhere">{token}</code>
          </dd>
        </div>
      </dl>
      <h2>{ctx.t('msg.sent.link_title')}</h2>
      <p class="rq-secret wrap-anywhere">
        <a href={privateUrl} rel="noreferrer">{privateUrl}</a>
      </p>
      <div class="notice notice-warn">
        <p>{ctx.t('msg.sent.keep')}</p>
      </div>
      <p>
        <a href={localePath(ctx.locale, '/messages/track')}>{ctx.t('msg.track.title')}</a>
      </p>
    </div>
  );
}
