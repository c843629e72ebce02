import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { ConsultationLine } from '../../queries/consultations.js';
import type { Phase } from '../../domain/consultations/rules.js';
import { Breadcrumbs } from '../layout.js';
import { PhaseBadge, windowText } from './consultation-parts.js';

function Group({ ctx, phase, items }: { ctx: RequestContext; phase: Phase; items: ConsultationLine[] }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  const id = `cs-${phase}-h`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{ctx.t(phase === 'open' ? 'cs.list.open' : phase === 'upcoming' ? 'cs.list.upcoming' : 'cs.list.closed')}</h2>
      {items.length ? (
        <ul class="doc-list cs-list">
          {items.map((c) => (
            <li class="doc-entry">
              <p class="doc-entry-title">
                <a href={l(`/consultations/${c.id}`)}>{c.title}</a> <PhaseBadge ctx={ctx} phase={c.phase} />
                {c.summary_published ? <span class="tag">{ctx.t('cs.summary_published')}</span> : null}
              </p>
              <p class="doc-entry-meta">
                {pick(ctx.locale, c.agency_name_zh, c.agency_name_en)} · {windowText(ctx, c)}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{ctx.t('cs.list.none')}</p>
      )}
    </section>
  );
}

/** `/consultations`: open, upcoming and closed consultations. */
export function ConsultationListPage({ ctx, items }: { ctx: RequestContext; items: ConsultationLine[] }): SafeHtml {
  return (
    <div class="cs-page">
      <Breadcrumbs ctx={ctx} items={[[ctx.t('nav.home'), '/'], [ctx.t('cs.title'), null]]} />
      <h1>{ctx.t('cs.title')}</h1>
      <p class="lead">{ctx.t('cs.intro')}</p>
      <Group ctx={ctx} phase="open" items={items.filter((c) => c.phase === 'open')} />
      {items.some((c) => c.phase === 'upcoming') ? <Group ctx={ctx} phase="upcoming" items={items.filter((c) => c.phase === 'upcoming')} /> : null}
      <Group ctx={ctx} phase="closed" items={items.filter((c) => c.phase === 'closed')} />
    </div>
  );
}

/** The verification landing page: confirm with a button (a POST), so link scanners in mail systems cannot verify. */
export function VerifyPage({ ctx, token, title, consultationId }: { ctx: RequestContext; token: string; title: string; consultationId: string }): SafeHtml {
  const l = (p: string) => localePath(ctx.locale, p);
  return (
    <div class="narrow cs-page">
      <h1>{ctx.t('cs.verify.title')}</h1>
      <p class="lead">{ctx.t('cs.verify.intro', { title })}</p>
      <form method="post" action={l('/consultations/verify')} class="form">
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />
        <input type="hidden" name="t" value={token} />
        <div class="form-actions">
          <button type="submit" class="button">
            {ctx.t('cs.verify.confirm')}
          </button>
        </div>
      </form>
      <p>
        <a href={l(`/consultations/${consultationId}`)}>{ctx.t('cs.back_to', { title })}</a>
      </p>
    </div>
  );
}

/** After a submission, a verification or a failed link: one message and the way back. */
export function ConsultationMessagePage({ ctx, heading, text, back }: { ctx: RequestContext; heading: string; text: string; back: { href: string; label: string } | null }): SafeHtml {
  return (
    <div class="narrow cs-page">
      <h1>{heading}</h1>
      <p class="lead" role="status">
        {text}
      </p>
      {back ? (
        <p>
          <a href={localePath(ctx.locale, back.href)}>{back.label}</a>
        </p>
      ) : null}
    </div>
  );
}
