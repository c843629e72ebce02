import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import type { FieldIssue } from '../../domain/errors.js';
import { pick } from '../../i18n/i18n.js';
import type { Tracking } from '../../queries/requests.js';
import { ErrorSummary, TextField } from '../forms.js';
import { Breadcrumbs } from '../layout.js';
import { dateText, Facts, StateBadge, Timeline } from './request-parts.js';

/** `/requests`: what disclosure on request is, with the ways in. */
export function RequestsLandingPage({ ctx }: { ctx: RequestContext }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div class="rq-page">
      <Breadcrumbs ctx={ctx} items={[[ctx.t('nav.home'), '/'], [ctx.t('rp.title'), null]]} />
      <h1>{ctx.t('rp.title')}</h1>
      <p class="lead">{ctx.t('rp.landing.intro')}</p>
      <ul class="card-grid rq-cards">
        <li class="card">
          <h2>
            <a href={l('/requests/new')}>{ctx.t('rp.apply.title')}</a>
          </h2>
          <p>{ctx.t('rp.landing.apply')}</p>
        </li>
        <li class="card">
          <h2>
            <a href={l('/requests/track')}>{ctx.t('rp.track.title')}</a>
          </h2>
          <p>{ctx.t('rp.landing.track')}</p>
        </li>
        <li class="card">
          <h2>
            <a href={l('/deadline')}>{ctx.t('rp.landing.deadline_title')}</a>
          </h2>
          <p>{ctx.t('rp.landing.deadline')}</p>
        </li>
      </ul>
      <h2>{ctx.t('rp.landing.steps_title')}</h2>
      <ol class="rq-steps">
        <li>{ctx.t('rp.landing.step1')}</li>
        <li>{ctx.t('rp.landing.step2')}</li>
        <li>{ctx.t('rp.landing.step3')}</li>
        <li>{ctx.t('rp.landing.step4')}</li>
      </ol>
    </div>
  );
}

/** The status-and-dates view of one request (no description, no personal data). */
export function TrackingResult({ ctx, t }: { ctx: RequestContext; t: Tracking }): SafeHtml {
  return (
    <section class="panel" aria-labelledby="rq-status-title">
      <h2 id="rq-status-title">
        {ctx.t('rp.track.status_of', { number: t.tracking_number })} <StateBadge ctx={ctx} state={t.state} />
      </h2>
      {t.overdue ? <p class="notice notice-warn">{ctx.t('rp.track.overdue')}</p> : null}
      <Facts
        rows={[
          [ctx.t('rp.agency'), pick(ctx.locale, t.agency.name_zh, t.agency.name_en)],
          [ctx.t('rp.submitted_on'), t.submitted_on],
          [ctx.t('rp.received_on'), t.received_on ?? ctx.t('rp.track.not_confirmed')],
          [ctx.t('rp.due_date'), t.due_date ? (t.extended ? ctx.t('rp.track.due_extended', { date: t.due_date }) : t.due_date) : '—'],
          [ctx.t('rp.replied_on'), dateText(t.replied_on)],
          [ctx.t('rp.closed_on'), dateText(t.closed_on)],
        ]}
      />
      <h3>{ctx.t('rp.timeline')}</h3>
      <Timeline ctx={ctx} items={t.timeline} />
    </section>
  );
}

/** `/requests/track`: the form (tracking number + query code) and, once found, the status. */
export function TrackPage({ ctx, values, issues, result }: { ctx: RequestContext; values: { number?: string; token?: string }; issues: FieldIssue[]; result: Tracking | null }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div class="narrow rq-page">
      <Breadcrumbs ctx={ctx} items={[[ctx.t('nav.home'), '/'], [ctx.t('rp.title'), '/requests'], [ctx.t('rp.track.title'), null]]} />
      <h1>{ctx.t('rp.track.title')}</h1>
      <p class="lead">{ctx.t('rp.track.intro')}</p>
      <ErrorSummary ctx={ctx} issues={issues} labels={{ number: ctx.t('rp.tracking_number'), token: ctx.t('rp.token'), form: ctx.t('rp.track.title') }} />
      {result ? <TrackingResult ctx={ctx} t={result} /> : null}
      {/* POST keeps the query code out of the address bar, the history and server logs. */}
      <form method="post" action={l('/requests/track')} class="form">
        <TextField ctx={ctx} name="number" label={ctx.t('rp.tracking_number')} hint={ctx.t('rp.track.number_hint')} value={values.number} issues={issues} required autocomplete="off" maxlength={40} />
        <TextField ctx={ctx} name="token" label={ctx.t('rp.token')} hint={ctx.t('rp.track.token_hint')} value={values.token} issues={issues} required autocomplete="off" maxlength={200} />
        <div class="form-actions">
          <button type="submit" class="button" name="view" value="status">
            {ctx.t('rp.track.submit')}
          </button>
          <button type="submit" class="button button-secondary" name="view" value="private">
            {ctx.t('rp.track.open_private')}
          </button>
        </div>
      </form>
    </div>
  );
}
