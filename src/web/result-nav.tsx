/** Navigation shared by result lists (catalogue, search): facets and numbered pagination. */
import { h, type SafeHtml } from './jsx.js';
import type { RequestContext } from '../http/request-context.js';

/**
 * Numbered pagination with previous/next links (first, last and two either side of the current
 * page, gaps marked). `href(n)` gives the stable URL of page n. Renders nothing for one page.
 */
export function Pagination({ ctx, page, pages, href }: { ctx: RequestContext; page: number; pages: number; href: (n: number) => string }): SafeHtml | null {
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label={ctx.t('catalogue.pagination')}>
      <p class="muted">{ctx.t('catalogue.page_of', { page: Math.min(page, pages), pages })}</p>
      <ul>
        {page > 1 ? (
          <li>
            <a href={href(Math.min(page - 1, pages))} rel="prev">
              {ctx.t('catalogue.prev')}
            </a>
          </li>
        ) : null}
        {shown.map((n, i) => [
          i > 0 && n - (shown[i - 1] ?? n) > 1 ? <li class="gap" aria-hidden="true">…</li> : null,
          <li>
            {n === page ? (
              <span aria-current="page" class="current">
                {n}
              </span>
            ) : (
              <a href={href(n)} aria-label={ctx.t('catalogue.page_n', { n })}>
                {n}
              </a>
            )}
          </li>,
        ])}
        {page < pages ? (
          <li>
            <a href={href(page + 1)} rel="next">
              {ctx.t('catalogue.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** One facet of a result list: each value with its count, linking to the filtered list. */
export function Facet({ ctx, id, title, entries }: { ctx: RequestContext; id: string; title: string; entries: { label: string; n: number; href: string; current: boolean }[] }): SafeHtml | null {
  if (!entries.length) return null;
  return (
    <nav class="facet" aria-labelledby={`facet-${id}`}>
      <h2 id={`facet-${id}`}>{title}</h2>
      <ul>
        {entries.map((e) => (
          <li>
            <a href={e.href} aria-current={e.current ? 'true' : undefined}>
              {ctx.t('catalogue.facet_count', { label: e.label, n: e.n })}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
