import { h, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import { localePath } from '../../http/request-context.js';
import { pick } from '../../i18n/i18n.js';
import type { Agency } from '../../store/schema.js';
import { Breadcrumbs } from '../layout.js';
import { localDate } from '../../domain/local-date.js';
import type { CatalogueItem } from '../../queries/documents.js';
import { DocumentList, FeedLinks, genreLabel } from './document-list.js';
import { SubscribeLink } from './subscription-link.js';
import { catalogueHref, type FeedScope } from './portal-urls.js';

function Row({ label, value, ctx, href }: { label: string; value: string; ctx: RequestContext; href?: string }): SafeHtml {
  return (
    <div class="dl-row">
      <dt>{label}</dt>
      <dd>{value ? href ? <a href={href}>{value}</a> : value : <span class="muted">{ctx.t('agency.not_set')}</span>}</dd>
    </div>
  );
}

/**
 * An agency's page: its disclosure guide with everything Art. 12 lists (the classification and
 * arrangement of its information, how to obtain it, and its disclosure office's name, address,
 * hours, phone, fax and online contact), generated from the agency record; then its latest
 * publications and the way into its 公开目录.
 */
export function AgencyPage(props: {
  ctx: RequestContext;
  agency: Agency;
  parent: Agency | undefined;
  children: Agency[];
  latest: CatalogueItem[];
  /** Genres of this agency's public documents, with counts. */
  genres: { key: string; n: number }[];
  feeds: { scope: FeedScope; label: string }[];
  /** The agency's ActivityPub handle, `@code@host`, to follow it from Mastodon and the like. */
  fediverse: string;
}): SafeHtml {
  const { ctx, agency: a, parent } = props;
  const name = pick(ctx.locale, a.name_zh, a.name_en);
  const link = (x: Agency) => localePath(ctx.locale, `/agencies/${encodeURIComponent(x.code)}`);
  return (
    <article class="doc">
      <Breadcrumbs ctx={ctx} items={[[ctx.t('nav.home'), '/'], [ctx.t('agencies.title'), '/agencies'], [name, null]]} />
      <h1>{name}</h1>
      <p class="subtitle" lang={ctx.locale === 'en' ? 'zh-CN' : 'en'}>
        {ctx.locale === 'en' ? a.name_zh : a.name_en}
      </p>
      {a.status === 'closed' ? (
        <div class="notice notice-warn" role="status">
          {ctx.t('agency.closed_notice', { date: a.closed_at ? localDate(a.closed_at, a.time_zone) : '' })}
        </div>
      ) : null}
      <dl class="meta-list">
        <Row ctx={ctx} label={ctx.t('agency.code')} value={a.code} />
        <Row ctx={ctx} label={ctx.t('agency.level')} value={ctx.t(`level.${a.level}`)} />
        {parent ? <Row ctx={ctx} label={ctx.t('agency.parent')} value={pick(ctx.locale, parent.name_zh, parent.name_en)} href={link(parent)} /> : null}
      </dl>
      <section aria-labelledby="guide">
        <h2 id="guide">{ctx.t('agency.guide')}</h2>
        <p>{ctx.t('agency.guide_intro')}</p>
        <h3>{ctx.t('agency.office')}</h3>
        <dl class="meta-list">
          <Row ctx={ctx} label={ctx.t('agency.office_name')} value={pick(ctx.locale, a.office_name_zh, a.office_name_en)} />
          <Row ctx={ctx} label={ctx.t('agency.address')} value={pick(ctx.locale, a.address_zh, a.address_en)} />
          <Row ctx={ctx} label={ctx.t('agency.postcode')} value={a.postcode} />
          <Row ctx={ctx} label={ctx.t('agency.hours')} value={pick(ctx.locale, a.office_hours_zh, a.office_hours_en)} />
          <Row ctx={ctx} label={ctx.t('agency.phone')} value={a.phone} href={a.phone ? `tel:${a.phone.replace(/[^0-9+]/g, '')}` : undefined} />
          <Row ctx={ctx} label={ctx.t('agency.fax')} value={a.fax} />
          <Row ctx={ctx} label={ctx.t('agency.email')} value={a.email} href={a.email ? `mailto:${a.email}` : undefined} />
          <Row ctx={ctx} label={ctx.t('agency.website')} value={a.website} href={a.website || undefined} />
        </dl>
        <h3>{ctx.t('agency.classification')}</h3>
        <p>{ctx.t('agency.classification_text')}</p>
        {props.genres.length ? (
          <ul class="inline-list">
            {props.genres.map((g) => (
              <li>
                <a href={localePath(ctx.locale, catalogueHref(a.code, { genre: g.key }))}>{ctx.t('catalogue.facet_count', { label: genreLabel(ctx, g.key), n: g.n })}</a>
              </li>
            ))}
          </ul>
        ) : null}
        <h3>{ctx.t('agency.how_to_obtain')}</h3>
        <p>{ctx.t('agency.how_to_obtain_text')}</p>
        <h3>{ctx.t('agency.request')}</h3>
        <p>{ctx.t('agency.request_text')}</p>
        <p class="msg-agency-links">
          {a.status === 'open' ? <a href={localePath(ctx.locale, `/messages/new?agency=${encodeURIComponent(a.code)}`)}>{ctx.t('msg.agency_link')}</a> : null}{' '}
          <a href={localePath(ctx.locale, `/messages?agency=${encodeURIComponent(a.code)}`)}>{ctx.t('msg.agency_list_link')}</a>
        </p>
      </section>
      <section aria-labelledby="catalogue">
        <div class="section-head">
          <h2 id="catalogue">{ctx.t('catalogue.title')}</h2>
          <a class="more-link" href={localePath(ctx.locale, catalogueHref(a.code, {}))}>
            {ctx.t('agency.catalogue_link')} →
          </a>
        </div>
        {props.latest.length ? <DocumentList ctx={ctx} items={props.latest} showAgency={false} /> : <p>{ctx.t('catalogue.empty')}</p>}
      </section>
      {props.children.length ? (
        <section aria-labelledby="children">
          <h2 id="children">{ctx.t('agency.children')}</h2>
          <ul class="link-list">
            {props.children.map((c) => (
              <li>
                <a href={link(c)}>{pick(ctx.locale, c.name_zh, c.name_en)}</a> <span class="tag">{ctx.t(`level.${c.level}`)}</span>
                {c.status === 'closed' ? <span class="tag tag-warn">{ctx.t('agencies.closed')}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <FeedLinks ctx={ctx} scopes={props.feeds} />
      <SubscribeLink ctx={ctx} query={{ kind: 'agency', agency: a.code, subtree: '1' }} label={ctx.t('sub.link.agency')} />
      <p class="sub-link">
        {ctx.t('sub.fediverse')} <code translate="no">{props.fediverse}</code>
      </p>
    </article>
  );
}
