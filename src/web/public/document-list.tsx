import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import { isGenre } from '../../domain/documents/genres.js';
import { FEED_CONTENT_TYPES } from '../feeds.js';
import type { CatalogueItem } from '../../queries/documents.js';
import { documentPath, feedPath, FEED_FORMATS, type FeedScope } from './portal-urls.js';

/** The translated label of a genre id (the id itself when unknown). */
export function genreLabel(ctx: RequestContext, genre: string): string {
  return isGenre(genre) ? ctx.t(`genre.${genre}`) : genre;
}

/** The translated label of a validity value. */
export function validityLabel(ctx: RequestContext, v: string): string {
  return v === 'amended' || v === 'repealed' || v === 'expired' || v === 'valid' ? ctx.t(`validity.${v}`) : v;
}

/**
 * Markers for an entry that is no longer plainly in force: withdrawn, amended, repealed or expired.
 * Text, not colour alone, so the state reads out and prints.
 */
export function StateMarkers({ ctx, status, validity }: { ctx: RequestContext; status: string; validity: string }): SafeHtml {
  return (
    <span class="state-markers">
      {status === 'withdrawn' ? <span class="marker marker-withdrawn">{ctx.t('portal.withdrawn')}</span> : null}
      {validity !== 'valid' ? <span class={`marker marker-${validity}`}>{validityLabel(ctx, validity)}</span> : null}
    </span>
  );
}

/**
 * Catalogue entries: title, then index number, document number, dates, agency and category.
 * A list of small blocks rather than a wide table, so a phone shows every field without
 * sideways scrolling.
 */
export function DocumentList({ ctx, items, showAgency = true, headingLevel = 3 }: { ctx: RequestContext; items: CatalogueItem[]; showAgency?: boolean; headingLevel?: 2 | 3 }): SafeHtml {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ol class="doc-list">
      {items.map((d) => (
        <li class={d.status === 'withdrawn' ? 'doc-entry is-withdrawn' : 'doc-entry'}>
          {h(
            Heading,
            { class: 'doc-entry-title' },
            <a href={localePath(ctx.locale, documentPath(d.index_number))}>{d.title}</a>,
            ' ',
            <StateMarkers ctx={ctx} status={d.status} validity={d.validity} />,
          )}
          <dl class="doc-entry-meta">
            <div>
              <dt>{ctx.t('doc.meta.index_number')}</dt>
              <dd class="wrap-anywhere">{d.index_number}</dd>
            </div>
            {d.doc_number ? (
              <div>
                <dt>{ctx.t('doc.meta.doc_number')}</dt>
                <dd>{d.doc_number}</dd>
              </div>
            ) : null}
            <div>
              <dt>{ctx.t('doc.meta.date_formed')}</dt>
              <dd>
                <time datetime={d.date_formed}>{d.date_formed}</time>
              </dd>
            </div>
            <div>
              <dt>{ctx.t('doc.meta.published')}</dt>
              <dd>
                <time datetime={d.published_date}>{d.published_date}</time>
              </dd>
            </div>
            {showAgency ? (
              <div>
                <dt>{ctx.t('doc.meta.issuer')}</dt>
                <dd>{pick(ctx.locale, d.agency_name_zh, d.agency_name_en)}</dd>
              </div>
            ) : null}
            <div>
              <dt>{ctx.t('doc.meta.genre')}</dt>
              <dd>{genreLabel(ctx, d.genre)}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ol>
  );
}

/** Visible links to the feeds of a scope (the same ones the page advertises in its head). */
export function FeedLinks({ ctx, scopes, heading }: { ctx: RequestContext; scopes: { scope: FeedScope; label: string }[]; heading?: string }): SafeHtml {
  return (
    <aside class="feed-links" aria-labelledby="feeds-heading">
      <h2 id="feeds-heading">{heading ?? ctx.t('portal.feeds')}</h2>
      <p class="hint">{ctx.t('portal.feeds_intro')}</p>
      <ul>
        {scopes.map(({ scope, label }) => (
          <li>
            <span class="feed-scope">{label}</span>{' '}
            {FEED_FORMATS.map((f) => (
              <a class="feed-format" href={localePath(ctx.locale, feedPath(scope, f))} type={FEED_CONTENT_TYPES[f].split(';')[0]}>
                {ctx.t(`portal.feed_format.${f}`)}
              </a>
            ))}
          </li>
        ))}
      </ul>
    </aside>
  );
}
