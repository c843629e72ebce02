import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { hasKey, pick } from '../../i18n/i18n.js';
import type { FieldIssue } from '../../domain/errors.js';
import { WEBHOOK_EVENT_TYPES } from '../../domain/webhooks/event-types.js';
import type { EndpointView } from '../../queries/webhooks.js';
import type { Agency } from '../../store/schema.js';
import { CheckboxField, Csrf, ErrorSummary, SelectField, TextField, issueText } from '../forms.js';
import { DataTable } from '../table-scroll.js';
void Fragment;

/** Form values as typed (event types as a list). */
export interface WebhookFormValues {
  agency_id?: string;
  url?: string;
  description?: string;
  event_types?: readonly string[];
  include_subtree?: boolean;
}

export function webhookLabels(ctx: RequestContext): Record<string, string> {
  return {
    agency_id: ctx.t('webhooks.agency'),
    url: ctx.t('webhooks.url'),
    description: ctx.t('webhooks.description'),
    event_types: ctx.t('webhooks.event_types'),
    include_subtree: ctx.t('webhooks.include_subtree'),
    form: ctx.t('webhooks.title'),
  };
}

/** The reader's name of an event type (the type itself when unknown). */
export function typeLabel(ctx: RequestContext, type: string): string {
  const key = `webhooks.type.${type}`;
  return hasKey(key) ? ctx.t(key) : type;
}

/** Local date-time of an instant, for tables (minutes; UTC marked). */
export function when(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : '—';
}

export function StatusTag({ ctx, ep }: { ctx: RequestContext; ep: EndpointView }): SafeHtml {
  if (ep.enabled) return <span class="tag">{ctx.t('webhooks.enabled')}</span>;
  return <span class="tag tag-warn">{ep.disabledReason === 'failures' ? ctx.t('webhooks.disabled_failures') : ctx.t('webhooks.disabled')}</span>;
}

/** The event-type checkboxes, as one group with a legend. */
export function EventTypeFields({ ctx, values, issues }: { ctx: RequestContext; values: readonly string[]; issues: FieldIssue[] }): SafeHtml {
  const mine = issues.filter((i) => i.field.replace(/^body\./, '') === 'event_types');
  return (
    <fieldset class={mine.length ? 'field rq-fieldset field-error' : 'field rq-fieldset'} id="f-event_types">
      <legend>
        {ctx.t('webhooks.event_types')}
        <span class="req" aria-hidden="true"> *</span>
      </legend>
      {mine.length ? <p class="error-msg">{mine.map((i) => issueText(ctx, i.code)).join('；')}</p> : null}
      {WEBHOOK_EVENT_TYPES.map((t) => (
        <div class="field field-check">
          <input type="checkbox" id={`f-event_types-${t.replace('.', '-')}`} name="event_types" value={t} checked={values.includes(t)} />
          <label for={`f-event_types-${t.replace('.', '-')}`}>
            {typeLabel(ctx, t)} <code>{t}</code>
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** The fields shared by the new and edit forms. */
export function EndpointFields({ ctx, values, issues }: { ctx: RequestContext; values: WebhookFormValues; issues: FieldIssue[] }): SafeHtml {
  return (
    <>
      <TextField ctx={ctx} name="url" label={ctx.t('webhooks.url')} hint={ctx.t('webhooks.url_hint')} value={values.url ?? ''} issues={issues} required type="url" maxlength={2000} />
      <TextField ctx={ctx} name="description" label={ctx.t('webhooks.description')} value={values.description ?? ''} issues={issues} maxlength={200} />
      <EventTypeFields ctx={ctx} values={values.event_types ?? []} issues={issues} />
      <CheckboxField name="include_subtree" label={ctx.t('webhooks.include_subtree')} hint={ctx.t('webhooks.include_subtree_hint')} checked={values.include_subtree ?? false} />
    </>
  );
}

/** All endpoints in the reader's scope. */
export function WebhookListPage({ ctx, rows, canCreate }: { ctx: RequestContext; rows: EndpointView[]; canCreate: boolean }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div class="webhooks-page">
      <div class="section-head">
        <h1>{ctx.t('webhooks.title')}</h1>
        {canCreate ? (
          <a class="button" href={l('/admin/webhooks/new')}>
            {ctx.t('webhooks.new')}
          </a>
        ) : null}
      </div>
      <p class="lead">{ctx.t('webhooks.intro')}</p>
      <p>
        <a href={l('/api/docs#webhooks')}>{ctx.t('webhooks.docs_link')}</a>
      </p>
      {rows.length === 0 ? (
        <p class="muted">{ctx.t('webhooks.none')}</p>
      ) : (
        <DataTable label={ctx.t('webhooks.title')} head={[ctx.t('webhooks.url'), ctx.t('webhooks.agency'), ctx.t('webhooks.event_types'), ctx.t('webhooks.status'), ctx.t('webhooks.last_success')]}>
          {rows.map((r) => (
            <tr>
              <td class="webhook-url">
                <a href={l(`/admin/webhooks/${r.id}`)}>{r.url}</a>
                {r.description ? <div class="muted">{r.description}</div> : null}
              </td>
              <td>
                {pick(ctx.locale, r.agency.name_zh, r.agency.name_en)}
                {r.includeSubtree ? <span class="tag">{ctx.t('webhooks.with_subtree')}</span> : null}
              </td>
              <td>{r.eventTypes.map((t) => typeLabel(ctx, t)).join('、')}</td>
              <td class="nowrap">
                <StatusTag ctx={ctx} ep={r} />
              </td>
              <td class="nowrap">{when(r.lastSuccessAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}

/** Registering an endpoint. */
export function NewWebhookPage({ ctx, agencies, values, issues }: { ctx: RequestContext; agencies: Agency[]; values: WebhookFormValues; issues: FieldIssue[] }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div class="webhooks-page">
      <p>
        <a href={l('/admin/webhooks')}>{ctx.t('webhooks.back')}</a>
      </p>
      <h1>{ctx.t('webhooks.new')}</h1>
      <ErrorSummary ctx={ctx} issues={issues} labels={webhookLabels(ctx)} />
      <form method="post" action={l('/admin/webhooks/new')} novalidate>
        <Csrf ctx={ctx} />
        <SelectField ctx={ctx} name="agency_id" label={ctx.t('webhooks.agency')} options={agencies.map((a) => [a.id, `${'　'.repeat(a.depth)}${pick(ctx.locale, a.name_zh, a.name_en)}`])} value={values.agency_id ?? ''} issues={issues} required />
        <EndpointFields ctx={ctx} values={values} issues={issues} />
        <button type="submit" class="button">
          {ctx.t('webhooks.create')}
        </button>
      </form>
    </div>
  );
}

/** The secret, shown once after creation or rotation. */
export function WebhookSecretPage({ ctx, ep, secret, previousValidUntil }: { ctx: RequestContext; ep: EndpointView; secret: string; previousValidUntil: string | null }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div class="webhooks-page">
      <h1>{previousValidUntil ? ctx.t('webhooks.rotated_title') : ctx.t('webhooks.created_title')}</h1>
      <div class="notice notice-warn" role="status">
        <p>{ctx.t('webhooks.secret_once')}</p>
      </div>
      <p>
        <label for="webhook-secret">{ctx.t('webhooks.secret')}</label>
      </p>
      <p>
        <input id="webhook-secret" class="webhook-secret" type="text" readonly value={secret} autocomplete="off" spellcheck="false" />
      </p>
      {previousValidUntil ? <p>{ctx.t('webhooks.grace_note', { until: when(previousValidUntil) })}</p> : null}
      <p>{ctx.t('webhooks.signing_summary')}</p>
      <p>
        <a class="button" href={l(`/admin/webhooks/${ep.id}`)}>
          {ctx.t('webhooks.to_endpoint')}
        </a>
      </p>
    </div>
  );
}
