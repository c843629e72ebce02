import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderSitemap, renderSitemapIndex, SITEMAP_MAX_ENTRIES } from './sitemap.js';

interface El { name: string; attrs: Record<string, string>; children: El[]; text: string }

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * A strict reader for the XML subset sitemaps use (declaration, elements, attributes, text, the
 * five predefined entities and numeric references): throws on a bare `&` or `<`, an unquoted or
 * duplicate attribute, a mismatched or unclosed tag, or a second root. Returns the root, decoded.
 */
function parseXml(xml: string): El {
  let i = 0;
  const fail = (why: string): never => { throw new Error(`not well-formed at ${i}: ${why}`); };
  const isNameChar = (c: string | undefined): boolean => c !== undefined && /[\w:.\-]/.test(c);
  const name = (): string => {
    const start = i;
    while (isNameChar(xml[i])) i++;
    return i > start ? xml.slice(start, i) : fail('name expected');
  };
  const spaces = (): void => { while (xml[i] === ' ' || xml[i] === '\n' || xml[i] === '\t' || xml[i] === '\r') i++; };
  const chars = (stop: string): string => { // decodes text or an attribute value up to `stop`
    let out = '';
    while (i < xml.length && !stop.includes(xml[i] ?? '')) {
      const c = xml[i] ?? '';
      if (c === '<') fail('bare <');
      if (c === '&') {
        const end = xml.indexOf(';', i);
        const ref = end < 0 ? '' : xml.slice(i + 1, end);
        const num = /^#(x[0-9a-fA-F]+|\d+)$/.exec(ref);
        const decoded = num ? String.fromCodePoint(Number(ref.startsWith('#x') ? `0${ref.slice(1)}` : ref.slice(1))) : ENTITIES[ref];
        out += decoded ?? fail(`bad reference &${ref}`);
        i = end + 1;
      } else { out += c; i++; }
    }
    return out;
  };
  if (xml.startsWith('<?xml')) { i = xml.indexOf('?>') + 2; if (i < 2) fail('unclosed declaration'); }
  spaces();
  const stack: El[] = [];
  let root: El | undefined;
  while (i < xml.length) {
    if (xml.startsWith('</', i)) {
      i += 2;
      const n = name();
      spaces();
      if (xml[i++] !== '>') fail('> expected');
      const open = stack.pop();
      if (open?.name !== n) fail(`</${n}> closes <${open?.name ?? ''}>`);
    } else if (xml[i] === '<') {
      i++;
      if (root && stack.length === 0) fail('second root element');
      const el: El = { name: name(), attrs: {}, children: [], text: '' };
      for (;;) {
        spaces();
        if (xml[i] === '/' || xml[i] === '>') break;
        const a = name();
        if (a in el.attrs) fail(`duplicate attribute ${a}`);
        spaces();
        if (xml[i++] !== '=') fail('= expected');
        spaces();
        const q = xml[i++];
        if (q !== '"' && q !== "'") fail('quoted value expected');
        el.attrs[a] = chars(q ?? '');
        i++;
      }
      stack.at(-1)?.children.push(el);
      root ??= el;
      if (xml[i] === '/') { i++; if (xml[i] !== '>') fail('> expected'); } else stack.push(el);
      i++;
    } else {
      const t = chars('<');
      const top = stack.at(-1);
      if (top) top.text += t;
      else if (t.trim() !== '') fail('text outside the root');
    }
  }
  if (stack.length > 0) fail(`unclosed <${stack.at(-1)?.name ?? ''}>`);
  return root ?? fail('no root element');
}

const kids = (el: El | undefined, name: string): El[] => el?.children.filter((c) => c.name === name) ?? [];

test('the checker itself refuses broken XML', () => {
  for (const bad of ['<a>&</a>', '<a>x<b></a>', '<a b="1" b="2"/>', '<a b=1/>', '<a/><b/>', '<a>&nbsp;</a>', '<a', '<a b="<"/>']) {
    assert.throws(() => parseXml(bad), /not well-formed/, bad);
  }
  assert.equal(parseXml('<a x="&quot;&#x41;">&lt;&#20844;&amp;</a>').text, '<公&');
});

test('urlset: locs, lastmod and hreflang alternates round-trip, with & and quotes escaped', () => {
  const zh = "https://gk.example.cn/documents/01JQ8Z?lang=zh-CN&from=list&q='预算'";
  const en = "https://gk.example.cn/guide/it's-open&fair?lang=en&from=list"; // ' and & stay as-is in a path
  const chinesePath = 'https://gk.example.cn/专题/财政预算';
  const xml = renderSitemap([
    {
      loc: zh, lastmod: '2026-03-04',
      alternates: [{ hreflang: 'zh-CN', href: zh }, { hreflang: 'en', href: en }, { hreflang: 'x-default', href: zh }],
    },
    { loc: chinesePath },
  ]);
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
  assert.ok(xml.includes('lang=zh-CN&amp;from=list'), 'the & in a query string is escaped');
  assert.ok(xml.includes("it&apos;s-open&amp;fair"), "' and & in a path are escaped");
  assert.ok(!/&(?!amp;|lt;|gt;|quot;|apos;)/.test(xml), 'no bare &');

  const root = parseXml(xml);
  assert.equal(root.name, 'urlset');
  assert.equal(root.attrs.xmlns, 'http://www.sitemaps.org/schemas/sitemap/0.9');
  assert.equal(root.attrs['xmlns:xhtml'], 'http://www.w3.org/1999/xhtml');
  const urls = kids(root, 'url');
  assert.equal(urls.length, 2);
  const [first, second] = urls;
  assert.equal(kids(first, 'loc')[0]?.text, new URL(zh).href);
  assert.equal(kids(first, 'lastmod')[0]?.text, '2026-03-04');
  assert.deepEqual(kids(first, 'xhtml:link').map((l) => l.attrs), [
    { rel: 'alternate', hreflang: 'zh-CN', href: new URL(zh).href },
    { rel: 'alternate', hreflang: 'en', href: en },
    { rel: 'alternate', hreflang: 'x-default', href: new URL(zh).href },
  ]);
  // The protocol wants URL-escaped locs: non-ASCII paths are percent-encoded.
  assert.equal(kids(second, 'loc')[0]?.text, 'https://gk.example.cn/%E4%B8%93%E9%A2%98/%E8%B4%A2%E6%94%BF%E9%A2%84%E7%AE%97');
  assert.equal(kids(second, 'lastmod').length, 0);
  assert.equal(kids(second, 'xhtml:link').length, 0);
});

test('sitemap index lists child sitemaps', () => {
  const xml = renderSitemapIndex([
    { loc: 'https://gk.example.cn/sitemap.xml?part=1&lang=zh-CN', lastmod: '2026-03-04' },
    { loc: 'https://gk.example.cn/sitemap.xml?part=2&lang=zh-CN' },
  ]);
  const root = parseXml(xml);
  assert.equal(root.name, 'sitemapindex');
  assert.equal(root.attrs.xmlns, 'http://www.sitemaps.org/schemas/sitemap/0.9');
  const maps = kids(root, 'sitemap');
  assert.deepEqual(maps.map((m) => kids(m, 'loc')[0]?.text), [
    'https://gk.example.cn/sitemap.xml?part=1&lang=zh-CN', 'https://gk.example.cn/sitemap.xml?part=2&lang=zh-CN',
  ]);
  assert.deepEqual(maps.map((m) => kids(m, 'lastmod')[0]?.text), ['2026-03-04', undefined]);
});

test('empty sitemaps are well-formed; bad input and oversize lists are refused', () => {
  const odd = parseXml(renderSitemap([{ loc: 'https://gk.example.cn/', alternates: [{ hreflang: 'x"<\'&', href: 'https://gk.example.cn/' }] }]));
  assert.equal(kids(kids(odd, 'url')[0], 'xhtml:link')[0]?.attrs.hreflang, 'x"<\'&', 'attribute text is escaped too');
  assert.equal(kids(parseXml(renderSitemap([])), 'url').length, 0);
  assert.equal(kids(parseXml(renderSitemapIndex([])), 'sitemap').length, 0);
  assert.throws(() => renderSitemap([{ loc: '/documents/1' }]), TypeError);
  assert.throws(() => renderSitemap([{ loc: 'https://gk.example.cn/', alternates: [{ hreflang: 'en', href: 'en/' }] }]), TypeError);
  for (const lastmod of ['2026-3-4', '2026-13-01', '2026-03-04T00:00:00Z', '']) {
    assert.throws(() => renderSitemap([{ loc: 'https://gk.example.cn/', lastmod }]), RangeError, lastmod);
  }
  const many = Array.from({ length: SITEMAP_MAX_ENTRIES + 1 }, () => ({ loc: 'https://gk.example.cn/' }));
  assert.throws(() => renderSitemap(many), RangeError);
  assert.throws(() => renderSitemapIndex(many), RangeError);
});
