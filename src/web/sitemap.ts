// sitemap.xml (issue 3 §7): the sitemaps.org 0.9 protocol, with Google's `xhtml:link rel="alternate"`
// entries for the other language versions of a page. Written by hand: two fixed element shapes and
// one escaping function, smaller than the glue a package would need.

/** sitemaps.org limit on `<url>` entries per sitemap and `<sitemap>` entries per index. */
export const SITEMAP_MAX_ENTRIES = 50_000;
/** sitemaps.org limit on the uncompressed size of one sitemap or index file, in bytes. */
export const SITEMAP_MAX_BYTES = 52_428_800;

/** One page of the site. */
export interface SitemapUrl {
  /** Absolute URL. */
  loc: string;
  /** Calendar date `YYYY-MM-DD` the page last changed. */
  lastmod?: string;
  /**
   * Language versions of the page. Google asks for every version to list every version,
   * itself included, e.g. `[{ hreflang: 'zh-CN', href }, { hreflang: 'en', href }, { hreflang: 'x-default', href }]`.
   */
  alternates?: { hreflang: string; href: string }[];
}

/** One child sitemap of a sitemap index. */
export interface SitemapRef {
  /** Absolute URL of the child sitemap. */
  loc: string;
  /** Calendar date `YYYY-MM-DD` the child last changed. */
  lastmod?: string;
}

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/**
 * Renders a `<urlset>` with one `<url>` per entry, in the order given. URLs are normalised by the
 * WHATWG URL parser (non-ASCII paths percent-encoded, hosts punycoded, as the protocol requires)
 * and then XML-escaped. Throws TypeError on a relative or invalid URL, RangeError on a malformed
 * `lastmod`, more than {@link SITEMAP_MAX_ENTRIES} entries or a result over
 * {@link SITEMAP_MAX_BYTES}; callers split large sites and list the parts with
 * {@link renderSitemapIndex}.
 */
export function renderSitemap(urls: readonly SitemapUrl[]): string {
  checkCount(urls.length);
  const parts = [HEAD, `<urlset xmlns="${NS}" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n`];
  for (const u of urls) {
    parts.push('  <url>\n', `    <loc>${url(u.loc)}</loc>\n`);
    if (u.lastmod !== undefined) parts.push(`    <lastmod>${date(u.lastmod)}</lastmod>\n`);
    for (const a of u.alternates ?? []) {
      parts.push(`    <xhtml:link rel="alternate" hreflang="${escapeXml(a.hreflang)}" href="${url(a.href)}"/>\n`);
    }
    parts.push('  </url>\n');
  }
  parts.push('</urlset>\n');
  return checkSize(parts.join(''));
}

/**
 * Renders a `<sitemapindex>` listing child sitemaps, for sites past {@link SITEMAP_MAX_ENTRIES}
 * URLs. Same URL, date and limit rules as {@link renderSitemap}.
 */
export function renderSitemapIndex(sitemaps: readonly SitemapRef[]): string {
  checkCount(sitemaps.length);
  const parts = [HEAD, `<sitemapindex xmlns="${NS}">\n`];
  for (const s of sitemaps) {
    parts.push('  <sitemap>\n', `    <loc>${url(s.loc)}</loc>\n`);
    if (s.lastmod !== undefined) parts.push(`    <lastmod>${date(s.lastmod)}</lastmod>\n`);
    parts.push('  </sitemap>\n');
  }
  parts.push('</sitemapindex>\n');
  return checkSize(parts.join(''));
}

function url(href: string): string {
  return escapeXml(new URL(href).href);
}

function date(d: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(d)) throw new RangeError(`lastmod is not YYYY-MM-DD: ${d}`);
  return d;
}

function checkCount(n: number): void {
  if (n > SITEMAP_MAX_ENTRIES) throw new RangeError(`${n} sitemap entries; the limit is ${SITEMAP_MAX_ENTRIES}`);
}

function checkSize(xml: string): string {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > SITEMAP_MAX_BYTES) throw new RangeError(`sitemap of ${bytes} bytes; the limit is ${SITEMAP_MAX_BYTES}`);
  return xml;
}

/** Escapes the five XML-special characters, for text and double- or single-quoted attributes. */
function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
