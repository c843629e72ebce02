import { h, Fragment, type Child, type SafeHtml } from './jsx.js';
import type { RequestContext } from '../http/request-context.js';
import { localePath } from '../http/request-context.js';
void Fragment;

export interface PageMeta {
  title: string;
  /** Bare path of this page (without the locale prefix), for canonical and hreflang links. */
  path: string;
  description?: string;
  /** Feeds and other alternates to advertise. */
  alternates?: { type: string; href: string; title: string }[];
  noindex?: boolean;
}

/** Absolute URL of a bare path in a locale. */
export function absolute(base: string, locale: RequestContext['locale'], path: string): string {
  return base + localePath(locale, path);
}

function LangSwitch({ ctx }: { ctx: RequestContext }): SafeHtml {
  const other = ctx.locale === 'en' ? 'zh-CN' : 'en';
  return (
    <a class="lang-switch" href={localePath(other, ctx.barePath)} hreflang={other} lang={other} title={ctx.t('lang.switch_label')}>
      {ctx.t('lang.switch')}
    </a>
  );
}

function DisplaySwitch({ ctx }: { ctx: RequestContext }): SafeHtml {
  const next = ctx.display === 'large' ? 'normal' : 'large';
  const back = encodeURIComponent(localePath(ctx.locale, ctx.barePath));
  return (
    <a class="display-switch" href={`/preferences/display?mode=${next}&back=${back}`} rel="nofollow">
      {next === 'large' ? ctx.t('display.large') : ctx.t('display.normal')}
    </a>
  );
}

/** The site search box in every page's header (the home and search pages have their own, larger form instead). */
function HeaderSearch({ ctx }: { ctx: RequestContext }): SafeHtml {
  return (
    <form class="header-search" role="search" aria-label={ctx.t('search.header_label')} method="get" action={localePath(ctx.locale, '/search')}>
      <label class="visually-hidden" for="header-q">
        {ctx.t('search.label')}
      </label>
      <input type="search" id="header-q" name="q" maxlength="200" placeholder={ctx.t('search.header_label')} />
      <button type="submit">{ctx.t('search.button')}</button>
    </form>
  );
}

/** The page shell shared by the public site and the console. */
export function Shell(props: {
  ctx: RequestContext;
  meta: PageMeta;
  baseUrl: string;
  demo: boolean;
  nav: SafeHtml;
  children?: Child;
  bodyClass?: string;
}): SafeHtml {
  const { ctx, meta, baseUrl } = props;
  const l = (p: string) => localePath(ctx.locale, p);
  const classes = [props.bodyClass, ctx.display === 'large' ? 'display-large' : ''].filter(Boolean).join(' ');
  return (
    <html lang={ctx.locale} class={ctx.display === 'large' ? 'display-large' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${meta.title} · ${ctx.t('site.name')}`}</title>
        {meta.description ? <meta name="description" content={meta.description} /> : null}
        {meta.noindex ? <meta name="robots" content="noindex" /> : null}
        <link rel="canonical" href={absolute(baseUrl, ctx.locale, meta.path)} />
        <link rel="alternate" hreflang="zh-CN" href={absolute(baseUrl, 'zh-CN', meta.path)} />
        <link rel="alternate" hreflang="en" href={absolute(baseUrl, 'en', meta.path)} />
        <link rel="alternate" hreflang="x-default" href={absolute(baseUrl, 'zh-CN', meta.path)} />
        {(meta.alternates ?? []).map((a) => (
          <link rel="alternate" type={a.type} href={a.href} title={a.title} />
        ))}
        <link rel="stylesheet" href="/assets/site.css" />
      </head>
      <body class={classes || undefined}>
        <a class="skip-link" href="#main">
          {ctx.t('site.skip')}
        </a>
        {props.demo ? (
          <div class="demo-banner" role="note">
            {ctx.t('site.demo_banner')}
          </div>
        ) : null}
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={l('/')}>
              <span class="brand-mark" aria-hidden="true" lang="zh-CN">
                公
              </span>
              <span class="brand-text">
                <span class="brand-name">{ctx.t('site.name')}</span>
                <span class="brand-tagline">{ctx.t('site.tagline')}</span>
              </span>
            </a>
            {ctx.barePath === '/search' || ctx.barePath === '/' ? null : <HeaderSearch ctx={ctx} />}
            <div class="header-tools">
              <LangSwitch ctx={ctx} />
              <DisplaySwitch ctx={ctx} />
            </div>
          </div>
          {props.nav}
        </header>
        <main id="main" class="wrap main" tabindex="-1">
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{ctx.t('site.footer')}</p>
            <p>
              <a href={localePath(ctx.locale, '/deadline')}>{ctx.t('deadline.footer_link')}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** The public site's navigation bar. `current` is the bare path prefix of the active section. */
export function PublicNav({ ctx, current }: { ctx: RequestContext; current: string }): SafeHtml {
  const items: [string, string][] = [
    ['/', ctx.t('nav.home')],
    ['/agencies', ctx.t('nav.agencies')],
    ['/search', ctx.t('search.title')],
    ['/requests', ctx.t('rp.nav')],
    ['/consultations', ctx.t('cs.title')],
    ['/messages', ctx.t('msg.title')],
    ['/statistics', ctx.t('stats.nav')],
    ['/api/docs', ctx.t('nav.api')],
    ['/admin', ctx.t('nav.admin')],
  ];
  return (
    <nav class="site-nav" aria-label={ctx.t('nav.main')}>
      <ul class="wrap">
        {items.map(([p, label]) => (
          <li>
            <a href={p.startsWith('/api') ? p : localePath(ctx.locale, p)} aria-current={current === p ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Breadcrumbs as an accessible ordered list. The last item is the current page. */
export function Breadcrumbs({ ctx, items }: { ctx: RequestContext; items: [string, string | null][] }): SafeHtml {
  return (
    <nav class="breadcrumbs" aria-label={ctx.locale === 'en' ? 'Breadcrumb' : '面包屑导航'}>
      <ol>
        {items.map(([label, href]) => (
          <li>{href ? <a href={localePath(ctx.locale, href)}>{label}</a> : <span aria-current="page">{label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}
