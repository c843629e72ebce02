import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { AgencyNode } from '../../queries/agencies.js';

/** The public home page: what the site is, and entry points by agency. */
export function HomePage({ ctx, roots, count }: { ctx: RequestContext; roots: AgencyNode[]; count: number }): SafeHtml {
  return (
    <div class="home">
      <section class="hero">
        <h1>{ctx.t('home.title')}</h1>
        <p class="lead">{ctx.t('home.intro')}</p>
      </section>
      <section aria-labelledby="home-agencies">
        <div class="section-head">
          <h2 id="home-agencies">{ctx.t('home.agencies')}</h2>
          <span class="muted">{ctx.t('home.agency_count', { n: count })}</span>
        </div>
        <ul class="card-grid">
          {roots.flatMap((r) => [r, ...r.children.filter((c) => c.agency.kind === 'government')]).filter((n) => n.agency.status === 'open').slice(0, 12).map((n) => (
            <li class="card">
              <a href={localePath(ctx.locale, `/agencies/${encodeURIComponent(n.agency.code)}`)}>
                <span class="card-title">{pick(ctx.locale, n.agency.name_zh, n.agency.name_en)}</span>
              </a>
              <span class="card-meta">{ctx.t(`level.${n.agency.level}`)}</span>
            </li>
          ))}
        </ul>
        <p>
          <a class="more-link" href={localePath(ctx.locale, '/agencies')}>
            {ctx.t('home.browse_all')} →
          </a>
        </p>
      </section>
      <section class="about" aria-labelledby="home-about">
        <h2 id="home-about">{ctx.t('home.about_title')}</h2>
        <p>{ctx.t('home.about')}</p>
      </section>
    </div>
  );
}
