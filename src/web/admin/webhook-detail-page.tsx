import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { FieldIssue } from '../../domain/errors.js';
import type { EndpointView } from '../../queries/webhooks.js';
import type { WebhookAttemptRow, WebhookDeliveryRow } from '../../store/repos/webhook-repo.js';
import { Csrf, ErrorSummary } from '../forms.js';
import { DataTable } from '../table-scroll.js';
import { EndpointFields, StatusTag, typeLabel, webhookLabels, when, type WebhookFormValues } from './webhook-pages.js';
void Fragment;

type Attempt = WebhookAttemptRow & { event_id?: string; event_type?: string };

function Row({ label, children }: { label: string; children?: SafeHtml | string | null | (SafeHtml | string | null)[] }): SafeHtml {
  return (
    <div class="dl-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function deliveryStatus(ctx: RequestContext, d: WebhookDeliveryRow): string {
  return ctx.t(`webhooks.delivery.${d.status}`);
}

/** A one-button form posting to `action` with the endpoint version. */
function Action({ ctx, action, label, version, danger }: { ctx: RequestContext; action: string; label: string; version?: number; danger?: boolean }): SafeHtml {
  return (
    <form method="post" action={localePath(ctx.locale, action)} class="inline-form">
      <Csrf ctx={ctx} />
      {version !== undefined ? <input type="hidden" name="version" value={String(version)} /> : null}
      <button type="submit" class={danger ? 'button button-danger' : 'button button-secondary'}>
        {label}
      </button>
    </form>
  );
}

/** The attempt log (status code, duration, error, attempt number). */
export function AttemptTable({ ctx, rows, label }: { ctx: RequestContext; rows: readonly Attempt[]; label: string }): SafeHtml {
  if (!rows.length) return <p class="muted">{ctx.t('webhooks.no_attempts')}</p>;
  const withEvent = rows.some((r) => r.event_type !== undefined);
  return (
    <DataTable label={label} head={[ctx.t('webhooks.col_time'), withEvent ? ctx.t('webhooks.col_event') : null, ctx.t('webhooks.col_attempt'), ctx.t('webhooks.col_status_code'), ctx.t('webhooks.col_duration'), ctx.t('webhooks.col_error')]}>
      {rows.map((a) => (
        <tr class={a.ok ? undefined : 'row-muted'}>
          <td class="nowrap">{when(a.at)}</td>
          {withEvent ? <td class="nowrap">{a.event_type ? typeLabel(ctx, a.event_type) : ''}</td> : null}
          <td>{String(a.attempt_no)}</td>
          <td>{a.status_code === null ? '—' : String(a.status_code)}</td>
          <td class="nowrap">{ctx.t('webhooks.ms', { ms: a.duration_ms })}</td>
          <td class="webhook-error">{a.ok ? ctx.t('webhooks.ok') : (a.error ?? '')}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** One endpoint: settings, actions, deliveries with redelivery, and the recent attempt log. */
export function WebhookDetailPage(props: {
  ctx: RequestContext;
  ep: EndpointView;
  counts: Record<string, number>;
  deliveries: WebhookDeliveryRow[];
  nextBefore: string | null;
  attempts: Attempt[];
  values: WebhookFormValues | null;
  issues: FieldIssue[];
  flash?: string | undefined;
  error?: string | undefined;
}): SafeHtml {
  const { ctx, ep } = props;
  const l = (p: string) => localePath(ctx.locale, p);
  const base = `/admin/webhooks/${ep.id}`;
  const values: WebhookFormValues = props.values ?? { url: ep.url, description: ep.description, event_types: ep.eventTypes, include_subtree: ep.includeSubtree };
  return (
    <div class="webhooks-page">
      <p>
        <a href={l('/admin/webhooks')}>{ctx.t('webhooks.back')}</a>
      </p>
      <h1>{ctx.t('webhooks.endpoint_title')}</h1>
      {props.flash ? (
        <div class="notice notice-ok" role="status">
          {props.flash}
        </div>
      ) : null}
      {props.error ? (
        <div class="notice notice-alert" role="alert">
          {props.error}
        </div>
      ) : null}
      {!ep.enabled && ep.disabledReason === 'failures' ? (
        <div class="notice notice-alert">
          <p>{ctx.t('webhooks.auto_disabled_note', { at: when(ep.disabledAt), since: when(ep.failingSince) })}</p>
        </div>
      ) : null}
      <dl>
        <Row label={ctx.t('webhooks.url')}>
          <span class="webhook-url">{ep.url}</span>
        </Row>
        <Row label={ctx.t('webhooks.agency')}>
          {pick(ctx.locale, ep.agency.name_zh, ep.agency.name_en)}
          {ep.includeSubtree ? <span class="tag">{ctx.t('webhooks.with_subtree')}</span> : null}
        </Row>
        <Row label={ctx.t('webhooks.status')}>
          <StatusTag ctx={ctx} ep={ep} />
        </Row>
        <Row label={ctx.t('webhooks.event_types')}>{ep.eventTypes.map((t) => typeLabel(ctx, t)).join('、')}</Row>
        <Row label={ctx.t('webhooks.last_success')}>{when(ep.lastSuccessAt)}</Row>
        <Row label={ctx.t('webhooks.failing_since')}>{when(ep.failingSince)}</Row>
        <Row label={ctx.t('webhooks.secret')}>{ep.previousSecretUntil ? ctx.t('webhooks.grace_note', { until: when(ep.previousSecretUntil) }) : ctx.t('webhooks.secret_hidden')}</Row>
        <Row label={ctx.t('webhooks.counts')}>{ctx.t('webhooks.counts_text', { pending: (props.counts.pending ?? 0) + (props.counts.sending ?? 0), succeeded: props.counts.succeeded ?? 0, failed: props.counts.failed ?? 0 })}</Row>
      </dl>
      <div class="button-row">
        {ep.enabled ? <Action ctx={ctx} action={`${base}/disable`} label={ctx.t('webhooks.disable')} version={ep.version} danger /> : <Action ctx={ctx} action={`${base}/enable`} label={ctx.t('webhooks.enable')} version={ep.version} />}
        <Action ctx={ctx} action={`${base}/rotate`} label={ctx.t('webhooks.rotate')} version={ep.version} />
      </div>

      <h2 id="deliveries">{ctx.t('webhooks.deliveries')}</h2>
      {props.deliveries.length === 0 ? (
        <p class="muted">{ctx.t('webhooks.no_deliveries')}</p>
      ) : (
        <DataTable label={ctx.t('webhooks.deliveries')} head={[ctx.t('webhooks.col_created'), ctx.t('webhooks.col_event'), ctx.t('webhooks.status'), ctx.t('webhooks.col_attempts'), ctx.t('webhooks.col_status_code'), ctx.t('webhooks.col_next'), ctx.t('webhooks.col_action')]}>
          {props.deliveries.map((d) => (
            <tr>
              <td class="nowrap">
                <a href={l(`${base}/deliveries/${d.id}`)}>{when(d.created_at)}</a>
              </td>
              <td class="nowrap">
                {typeLabel(ctx, d.event_type)}
                <div class="muted webhook-id">{d.event_id}</div>
              </td>
              <td class="nowrap">{deliveryStatus(ctx, d)}</td>
              <td>{String(d.total_attempts)}</td>
              <td>{d.last_status === null ? '—' : String(d.last_status)}</td>
              <td class="nowrap">{d.status === 'pending' ? when(d.not_before) : '—'}</td>
              <td>
                {ep.enabled && d.status !== 'sending' ? (
                  <form method="post" action={l(`${base}/deliveries/${d.id}/redeliver`)} class="inline-form">
                    <Csrf ctx={ctx} />
                    <button type="submit" class="link-button" aria-label={ctx.t('webhooks.redeliver_label', { event: d.event_id })}>
                      {ctx.t('webhooks.redeliver')}
                    </button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {props.nextBefore ? (
        <p>
          <a href={l(`${base}?before=${encodeURIComponent(props.nextBefore)}#deliveries`)}>{ctx.t('webhooks.older')}</a>
        </p>
      ) : null}

      <h2>{ctx.t('webhooks.log')}</h2>
      <AttemptTable ctx={ctx} rows={props.attempts} label={ctx.t('webhooks.log')} />

      <h2 id="edit">{ctx.t('webhooks.edit')}</h2>
      <ErrorSummary ctx={ctx} issues={props.issues} labels={webhookLabels(ctx)} />
      <form method="post" action={l(base)} novalidate>
        <Csrf ctx={ctx} />
        <input type="hidden" name="version" value={String(ep.version)} />
        <EndpointFields ctx={ctx} values={values} issues={props.issues} />
        <button type="submit" class="button">
          {ctx.t('webhooks.save')}
        </button>
      </form>
    </div>
  );
}

/** One delivery: its attempts and the exact body sent. */
export function WebhookDeliveryPage({ ctx, ep, delivery, attempts, body }: { ctx: RequestContext; ep: EndpointView; delivery: WebhookDeliveryRow; attempts: WebhookAttemptRow[]; body: string }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const base = `/admin/webhooks/${ep.id}`;
  return (
    <div class="webhooks-page">
      <p>
        <a href={l(base)}>{ctx.t('webhooks.back_endpoint')}</a>
      </p>
      <h1>{ctx.t('webhooks.delivery_title')}</h1>
      <dl>
        <Row label={ctx.t('webhooks.url')}>
          <span class="webhook-url">{ep.url}</span>
        </Row>
        <Row label={ctx.t('webhooks.col_event')}>{typeLabel(ctx, delivery.event_type)}</Row>
        <Row label={ctx.t('webhooks.event_id')}>
          <code>{delivery.event_id}</code>
        </Row>
        <Row label={ctx.t('webhooks.status')}>{deliveryStatus(ctx, delivery)}</Row>
        <Row label={ctx.t('webhooks.col_next')}>{delivery.status === 'pending' ? when(delivery.not_before) : '—'}</Row>
      </dl>
      {ep.enabled && delivery.status !== 'sending' ? (
        <div class="button-row">
          <Action ctx={ctx} action={`${base}/deliveries/${delivery.id}/redeliver`} label={ctx.t('webhooks.redeliver')} />
        </div>
      ) : null}
      <h2>{ctx.t('webhooks.col_attempts')}</h2>
      <AttemptTable ctx={ctx} rows={attempts} label={ctx.t('webhooks.col_attempts')} />
      <h2>{ctx.t('webhooks.body')}</h2>
      <pre class="webhook-body" tabindex="0" aria-label={ctx.t('webhooks.body')}>
        {body}
      </pre>
    </div>
  );
}
