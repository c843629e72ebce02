import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { FEED_KIND_SCHEME, renderFeed, type FeedFormat, type FeedItem, type FeedMeta } from './feeds.js';

const SITE = 'https://gk.example.cn/';
const URLS: Record<FeedFormat, string> = {
  rss: 'https://gk.example.cn/feeds/documents.rss?lang=zh-CN&agency=a1',
  atom: 'https://gk.example.cn/feeds/documents.atom?lang=zh-CN&agency=a1',
  json: 'https://gk.example.cn/feeds/documents.json?lang=zh-CN&agency=a1',
};
const XSS_TITLE = '<script>alert(1)</script> & 关于“公开”的通知';

function meta(format: FeedFormat): FeedMeta {
  return {
    title: '某市人民政府 · 政府信息公开',
    description: '最新公开的政府信息 & 更新',
    siteUrl: SITE,
    feedUrl: URLS[format],
    feedUrls: URLS,
    language: 'zh-CN',
    updated: '2026-03-04T05:06:07Z',
  };
}

// One document's three events, newest first, plus an item whose text tries to become markup.
const doc = 'https://gk.example.cn/documents/01JQ8Z?lang=zh-CN&v=2';
const CHINESE_URL = 'https://公开.example.cn/文件/预算?q=财政&p=1';
const ITEMS: FeedItem[] = [
  {
    id: 'tag:gk.example.cn,2026:document/01JQ8Z/withdrawn', url: doc, title: '【已撤回】关于印发《财政预算公开办法》的通知',
    summary: '该文件已撤回。', published: '2026-03-04T05:06:07Z', updated: '2026-03-04T05:06:07Z',
    kind: 'withdrawn', agencyName: '某市财政局', categories: ['财政预算'],
  },
  {
    id: 'tag:gk.example.cn,2026:document/01JQ8Z/version/2', url: doc, title: '【新版本】关于印发《财政预算公开办法》的通知',
    summary: '第 2 版：修订第三条。', published: '2026-02-01T08:00:00Z', updated: '2026-02-01T09:30:00Z',
    kind: 'new_version', agencyName: '某市财政局', categories: ['财政预算', '规范性文件'],
  },
  {
    id: 'tag:gk.example.cn,2026:document/01JQ8Z/published', url: doc, title: '关于印发《财政预算公开办法》的通知',
    summary: '为规范财政预算公开工作，制定本办法。', published: '2026-01-15T02:00:00Z', updated: '2026-01-15T02:00:00Z',
    kind: 'published', agencyName: '某市财政局', categories: ['财政预算'],
  },
  {
    id: 'https://gk.example.cn/documents/XSS#published', url: 'https://gk.example.cn/documents/XSS', title: XSS_TITLE,
    summary: '<img src=x onerror=alert(1)> & 摘要', published: '2026-01-01T00:00:00Z', updated: '2026-01-01T00:00:00Z',
    kind: 'published', agencyName: '某市 <办公室> & 局', categories: ['<b>分类</b>'],
  },
];

/** The text an HTML renderer shows for an escaped fragment (only the entities escapeHtml writes). */
function htmlText(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

const iso = (d: string | undefined): string => new Date(d ?? 'missing').toISOString();

test('RSS 2.0: channel, self link, items with guids, dates and kind categories', () => {
  const { contentType, body } = renderFeed('rss', meta('rss'), ITEMS);
  assert.equal(contentType, 'application/rss+xml; charset=utf-8');
  const rss = parseRssFeed(body);
  assert.equal(rss.title, '某市人民政府 · 政府信息公开');
  assert.equal(rss.description, '最新公开的政府信息 & 更新');
  assert.equal(rss.link, SITE);
  assert.equal(rss.language, 'zh-CN');
  assert.equal(iso(rss.lastBuildDate), '2026-03-04T05:06:07.000Z');
  const self = rss.atom?.links?.find((l) => l.rel === 'self');
  assert.equal(self?.href, URLS.rss);
  assert.equal(rss.items?.length, ITEMS.length);
  ITEMS.forEach((want, i) => {
    const got = rss.items?.[i];
    assert.equal(got?.title, want.title);
    assert.equal(got?.link, want.url);
    assert.deepEqual(got?.guid, { value: want.id, isPermaLink: false });
    assert.equal(iso(got?.pubDate), iso(want.published));
    const kind = got?.categories?.find((c) => c.domain === FEED_KIND_SCHEME);
    assert.equal(kind?.name, want.kind);
    assert.deepEqual(got?.categories?.filter((c) => c.domain === undefined).map((c) => c.name), want.categories);
  });
  assert.equal(new Set(rss.items?.map((it) => it.guid?.value)).size, ITEMS.length, 'one guid per event');
});

test('Atom 1.0: id, self and alternate links, entries with ids, dates, authors and kind', () => {
  const { contentType, body } = renderFeed('atom', meta('atom'), ITEMS);
  assert.equal(contentType, 'application/atom+xml; charset=utf-8');
  const atom = parseAtomFeed(body);
  assert.equal(atom.id, URLS.atom);
  assert.equal(atom.title?.value, '某市人民政府 · 政府信息公开');
  assert.equal(atom.updated, '2026-03-04T05:06:07.000Z');
  assert.equal(atom.links?.find((l) => l.rel === 'self')?.href, URLS.atom);
  assert.equal(atom.links?.find((l) => l.rel === 'alternate')?.href, SITE);
  assert.equal(atom.entries?.length, ITEMS.length);
  ITEMS.forEach((want, i) => {
    const got = atom.entries?.[i];
    assert.equal(got?.id, want.id);
    assert.equal(got?.title?.type, 'html');
    assert.equal(htmlText(got?.title?.value ?? ''), want.title);
    assert.equal(htmlText(got?.summary?.value ?? ''), want.summary);
    assert.equal(got?.links?.[0]?.href, want.url);
    assert.equal(got?.published, iso(want.published));
    assert.equal(got?.updated, iso(want.updated));
    assert.equal(got?.authors?.[0]?.name, want.agencyName);
    assert.equal(got?.categories?.find((c) => c.scheme === FEED_KIND_SCHEME)?.term, want.kind);
  });
});

test('JSON Feed: feed_url, items with ids, plain titles and summaries, and the _gongkai extension', () => {
  const { contentType, body } = renderFeed('json', meta('json'), ITEMS);
  assert.equal(contentType, 'application/feed+json; charset=utf-8');
  const json = parseJsonFeed(body);
  assert.equal(json.title, '某市人民政府 · 政府信息公开');
  assert.equal(json.home_page_url, SITE);
  assert.equal(json.feed_url, URLS.json);
  assert.equal(json.items?.length, ITEMS.length);
  ITEMS.forEach((want, i) => {
    const got = json.items?.[i];
    assert.equal(got?.id, want.id);
    assert.equal(got?.url, want.url);
    assert.equal(got?.title, want.title); // JSON Feed titles are plain text
    assert.equal(got?.summary, want.summary);
    assert.equal(htmlText(got?.content_html ?? ''), want.summary);
    assert.equal(got?.date_published, iso(want.published));
    assert.equal(got?.date_modified, iso(want.updated));
    assert.deepEqual(got?.tags, want.categories);
  });
  // feedsmith drops extensions, so read them from the raw document.
  // Cast safe: renderFeed's own JSON output; a wrong shape fails the deepEqual below.
  const raw = JSON.parse(body) as { _gongkai?: unknown; items: { _gongkai?: unknown }[] };
  assert.deepEqual(raw._gongkai, { language: 'zh-CN' });
  assert.deepEqual(raw.items.map((it) => it._gongkai), ITEMS.map((it) => ({ kind: it.kind, agency: it.agencyName })));
});

test('markup in titles and summaries reaches readers as text in every format', () => {
  const xss = ITEMS[3];
  assert.ok(xss);
  const rss = renderFeed('rss', meta('rss'), [xss]).body;
  const rssItem = parseRssFeed(rss).items?.[0];
  assert.equal(rssItem?.title, XSS_TITLE); // RSS titles are plain text (CDATA), shown literally
  assert.ok(!rssItem?.description?.includes('<'), 'RSS description is HTML: the tag must be escaped');
  assert.equal(htmlText(rssItem?.description ?? ''), xss.summary);

  const atom = renderFeed('atom', meta('atom'), [xss]).body;
  const entry = parseAtomFeed(atom).entries?.[0];
  assert.ok(!entry?.title?.value?.includes('<'), 'Atom type="html" title must carry no tags');
  assert.ok(!entry?.summary?.value?.includes('<'));
  assert.equal(htmlText(entry?.title?.value ?? ''), XSS_TITLE);
  assert.ok(!atom.includes('<script') && !atom.includes('<img'), 'no tag survives unescaped in Atom');

  const json = parseJsonFeed(renderFeed('json', meta('json'), [xss]).body).items?.[0];
  assert.equal(json?.title, XSS_TITLE);
  assert.ok(!json?.content_html?.includes('<'));
  assert.equal(json?.authors?.[0]?.name, '某市 <办公室> & 局');
});

test('text that would break the XML stays inside it', () => {
  // xml-js splits only the first "]]>" of a CDATA section; control characters are not XML.
  const item: FeedItem = {
    ...ITEMS[2]!, // ITEMS has four entries
    title: 'a]]>b]]><evil/>c\u0001d',
    categories: ['财政 <预算> "甲"'],
  };
  const rss = renderFeed('rss', meta('rss'), [item]).body;
  const atom = renderFeed('atom', meta('atom'), [item]).body;
  for (const body of [rss, atom]) {
    assert.equal(body.split('<![CDATA[').length, body.split(']]>').length, 'every "]]>" closes a CDATA section');
    assert.ok(!body.includes('\u0001'));
  }
  assert.equal(parseRssFeed(rss).items?.[0]?.title, 'a]]>b]]><evil/>cd');
  assert.equal(htmlText(parseAtomFeed(atom).entries?.[0]?.title?.value ?? ''), 'a]]>b]]><evil/>cd');
  // Attribute values may not contain "<"; feed v6 does not escape it, so the renderer substitutes.
  assert.ok(!/="[^"]*</.test(atom), 'no "<" inside an attribute value');
  const term = parseAtomFeed(atom).entries?.[0]?.categories?.[0]?.term;
  assert.equal(term, '财政 ＜预算> "甲"');
  assert.equal(parseRssFeed(rss).items?.[0]?.categories?.[0]?.name, '财政 <预算> "甲"');
});

test('an empty feed is valid; duplicate ids and bad dates are refused', () => {
  for (const f of ['rss', 'atom', 'json'] as const) {
    const { body } = renderFeed(f, meta(f), []);
    const n = f === 'rss' ? parseRssFeed(body).items?.length : f === 'atom' ? parseAtomFeed(body).entries?.length : parseJsonFeed(body).items?.length;
    assert.equal(n ?? 0, 0);
  }
  const first = ITEMS[0]!; // ITEMS has four entries
  assert.throws(() => renderFeed('rss', meta('rss'), [first, { ...first, title: 'again' }]), RangeError);
  assert.throws(() => renderFeed('atom', meta('atom'), [{ ...first, published: '2026-13-45' }]), RangeError);
  assert.throws(() => renderFeed('json', { ...meta('json'), updated: 'yesterday' }, []), RangeError);
});

test('URLs and ids come out normalised and identical in all three formats', () => {
  const item: FeedItem = { ...ITEMS[2]!, id: 'tag:gk.example.cn,2026:文件/1', url: CHINESE_URL }; // ITEMS has four entries
  const want = new URL(CHINESE_URL).href;
  assert.ok(want.startsWith('https://xn--'), want);
  const rss = parseRssFeed(renderFeed('rss', meta('rss'), [item]).body).items?.[0];
  const atom = parseAtomFeed(renderFeed('atom', meta('atom'), [item]).body).entries?.[0];
  const json = parseJsonFeed(renderFeed('json', meta('json'), [item]).body).items?.[0];
  assert.deepEqual([rss?.link, atom?.links?.[0]?.href, json?.url], [want, want, want]);
  const id = new URL(item.id).href;
  assert.deepEqual([rss?.guid?.value, atom?.id, json?.id], [id, id, id]);
  assert.throws(() => renderFeed('json', meta('json'), [{ ...item, url: '/documents/1' }]), TypeError);
});
