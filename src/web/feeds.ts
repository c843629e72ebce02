// Feed renderers (issue 3 §8): RSS 2.0, Atom 1.0 and JSON Feed 1.0 through the `feed` package.
// Pure: no I/O, no store access; the caller passes translated titles and absolute URLs.
//
// `feed` v6 escapes less than its callers might assume, so each format gets its own input here:
// - Atom titles and summaries are written as `type="html"`, and RSS descriptions and JSON
//   `content_html` are HTML by their specs, so plain text is HTML-escaped before it goes in;
//   otherwise a title `<script>` would reach readers as markup.
// - xml-js (under `feed`) splits only the first `]]>` of a CDATA section, so RSS titles (plain text
//   in CDATA) are passed as several CDATA sections that never contain `]]>`.
// - Atom category attributes get `&` and `"` escaped but not `<`, which would make the document
//   ill-formed; `<` there becomes the fullwidth `＜`.
// - Characters XML 1.0 forbids (most C0 controls, U+FFFE/U+FFFF, lone surrogates) are dropped from
//   the XML formats; JSON escapes them itself.
import { Feed, type Category, type Item } from 'feed';

/** The three syndication formats served under /feeds. */
export type FeedFormat = 'rss' | 'atom' | 'json';

/**
 * One feed entry: one event in a document's life. A document's publication, its version 2 and its
 * withdrawal are three items with three distinct `id`s.
 */
export interface FeedItem {
  /** Stable, unique per event: an absolute URL or a `tag:` URI (RFC 4151). */
  id: string;
  /** Absolute URL of the page the item links to. */
  url: string;
  /** Already translated, plain text; for new versions and withdrawals it names the kind. */
  title: string;
  /** Plain text (not HTML). */
  summary: string;
  /** ISO 8601 instant of the event. */
  published: string;
  /** ISO 8601 instant the item last changed. */
  updated: string;
  kind: 'published' | 'new_version' | 'withdrawn';
  agencyName: string;
  /** Plain-text category names (themes, genres). */
  categories: string[];
}

/** Feed-level data. All URLs absolute. */
export interface FeedMeta {
  title: string;
  description: string;
  siteUrl: string;
  /** This feed's own absolute URL (the self link). */
  feedUrl: string;
  /** The same feed in each format; `feedUrls.atom` doubles as the Atom feed id. */
  feedUrls: Record<FeedFormat, string>;
  language: 'zh-CN' | 'en';
  /** ISO 8601 instant of the newest change. */
  updated: string;
}

/** Response content type for each format. */
export const FEED_CONTENT_TYPES: Readonly<Record<FeedFormat, string>> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/**
 * Category scheme (Atom) and domain (RSS) that marks the event-kind category of an item. An
 * identifier, not a page: a syntactically valid IRI with no host, so it points at no one's domain.
 */
export const FEED_KIND_SCHEME = 'gongkai:feed-event-kind';

/**
 * Renders `items` (in the order given; callers pass newest first) as one feed document.
 * Titles appear as given; text is escaped for the target format, so a title `<b>` is shown
 * literally by readers. URLs and ids come out WHATWG-normalised (`new URL(x).href`: non-ASCII paths
 * percent-encoded, hosts punycoded), identical in all three formats. Each item's kind is kept as a
 * category with scheme {@link FEED_KIND_SCHEME} (RSS, Atom) and in the item's `_gongkai` extension
 * (JSON Feed), which at feed level also carries the language (JSON Feed 1.0 has no field for it).
 * Throws RangeError on an unparsable date or a duplicate item id, and TypeError on a
 * non-absolute URL.
 */
export function renderFeed(format: FeedFormat, meta: FeedMeta, items: readonly FeedItem[]): { contentType: string; body: string } {
  const seen = new Set<string>();
  for (const it of items) {
    const id = abs(it.id);
    if (seen.has(id)) throw new RangeError(`duplicate feed item id: ${id}`);
    seen.add(id);
  }
  const text = format === 'json' ? (s: string): string => s : xmlSafe;
  const feedUrl = abs(meta.feedUrl);
  const feed = new Feed({
    title: text(meta.title),
    description: text(meta.description),
    id: abs(meta.feedUrls.atom),
    link: abs(meta.siteUrl),
    language: meta.language,
    updated: instant(meta.updated),
    generator: 'Gongkai',
    feed: feedUrl, // self link in Atom and RSS (atom:link rel="self")
    feedLinks: { rss: abs(meta.feedUrls.rss), atom: abs(meta.feedUrls.atom), json: format === 'json' ? feedUrl : abs(meta.feedUrls.json) },
  });
  if (format === 'json') {
    feed.addExtension({ name: '_gongkai', objects: { language: meta.language } });
  }
  for (const it of items) feed.addItem(toItem(format, it));
  const body = format === 'rss' ? feed.rss2() : format === 'atom' ? feed.atom1() : feed.json1();
  return { contentType: FEED_CONTENT_TYPES[format], body };
}

function toItem(format: FeedFormat, it: FeedItem): Item {
  const base = { id: abs(it.id), link: abs(it.url), date: instant(it.updated), published: instant(it.published) };
  if (format === 'json') {
    return {
      ...base,
      title: it.title,
      description: it.summary, // becomes `summary` (plain text) because `content` is also set
      content: escapeHtml(it.summary), // `content_html`
      author: [{ name: it.agencyName }],
      category: it.categories.map((name) => ({ name })),
      extensions: [{ name: '_gongkai', objects: { kind: it.kind, agency: it.agencyName } }],
    };
  }
  const title = xmlSafe(it.title);
  const summary = escapeHtml(xmlSafe(it.summary));
  if (format === 'rss') {
    const category: Category[] = [
      ...it.categories.map((name) => ({ name: xmlSafe(name) })),
      { name: it.kind, domain: FEED_KIND_SCHEME },
    ];
    return {
      ...base,
      title,
      description: summary,
      category,
      // Replaces the single CDATA section `feed` would write for the title (see the file comment).
      extensions: [{ name: 'title', objects: { _cdata: cdataChunks(title) } }],
    };
  }
  const category: Category[] = [
    ...it.categories.map((name) => ({ term: atomAttr(name) })),
    { term: it.kind, scheme: FEED_KIND_SCHEME },
  ];
  return {
    ...base,
    title: escapeHtml(title), // Atom `type="html"`
    description: summary,
    author: [{ name: xmlSafe(it.agencyName) }], // RFC 4287 §4.1.2: an entry needs an author
    category,
  };
}

/** The WHATWG form of an absolute URL, as `feed` writes it in XML; applied to JSON too so all formats agree. */
function abs(url: string): string {
  return new URL(url).href;
}

function instant(iso: string): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not an ISO instant: ${iso}`);
  return d;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

// XML 1.0 §2.2 Char production; the `u` flag makes lone surrogates match as single code units.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xmlSafe(s: string): string {
  return s.replace(NOT_XML_CHAR, '');
}

function atomAttr(s: string): string {
  return xmlSafe(s).replace(/</g, '＜');
}

/** Splits `s` between `]]` and `>` so that no chunk contains `]]>`; concatenated, they give `s` back. */
function cdataChunks(s: string): string[] {
  return s.split(']]>').map((part, i, all) => (i === 0 ? '' : '>') + part + (i < all.length - 1 ? ']]' : ''));
}
