import assert from 'node:assert/strict';

const TAG = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTR = /\s+([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data']);

/**
 * Asserts that an HTML page holds no active content: no script, SVG, iframe, object or embed
 * element, no `on*` event-handler attribute on a real tag, and no `javascript:` URL in a link or
 * source attribute. Escaped text never produces a `<`, so every tag found is a real one.
 */
export function assertInertHtml(html: string, where: string): void {
  assert.doesNotMatch(html, /<(script|svg|iframe|object|embed|math|base)\b/i, `${where}: active element`);
  for (const m of html.matchAll(TAG)) {
    const attrs = m[2] ?? '';
    for (const a of attrs.matchAll(ATTR)) {
      const name = (a[1] ?? '').toLowerCase();
      assert.ok(!name.startsWith('on'), `${where}: event handler ${name} on <${m[1]}>: ${m[0].slice(0, 200)}`);
      if (URL_ATTRS.has(name)) {
        const value = (a[2] ?? '').replace(/^["']|["']$/g, '').replace(/&#(\d+);/g, (_x, n: string) => String.fromCharCode(Number(n))).replace(/&colon;/gi, ':').replace(/\s/g, '');
        assert.doesNotMatch(value, /^javascript:/i, `${where}: javascript: URL in ${name}`);
      }
    }
  }
}
