import assert from 'node:assert/strict';
import { test } from 'node:test';
import { h, Fragment, raw, renderDocument } from './jsx.js';
void Fragment;

const XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' onmouseover='alert(1)", '<svg onload=alert(1)>', 'javascript:alert(1)'];

test('text children and attribute values are escaped', () => {
  for (const x of XSS) {
    const html = (
      <p title={x} data-v={x}>
        {x}
      </p>
    ).html;
    // Exactly one element survives, with exactly two attributes; the payload is inert text.
    const m = /^<p title="([^"<>]*)" data-v="([^"<>]*)">([^<>"]*)<\/p>$/.exec(html);
    assert.ok(m, html);
    assert.equal(m[1], m[3]);
  }
});

test('raw() passes trusted markup through; nested elements are not double-escaped', () => {
  const inner = <b>{'粗体 &'}</b>;
  assert.equal((<p>{inner}</p>).html, '<p><b>粗体 &amp;</b></p>');
  assert.equal((<div>{raw('<em>ok</em>')}</div>).html, '<div><em>ok</em></div>');
});

test('booleans, null and arrays render as expected; void elements close', () => {
  assert.equal((<input disabled={true} required={false} value={undefined} />).html, '<input disabled>');
  assert.equal((<ul>{[1, 2].map((n) => <li>{n}</li>)}{null}{false}</ul>).html, '<ul><li>1</li><li>2</li></ul>');
  assert.equal(renderDocument(<html lang="zh-CN"></html>), '<!doctype html><html lang="zh-CN"></html>');
});

test('components receive props and children; fragments flatten', () => {
  const Box = (p: { label: string; children?: unknown }) => <section aria-label={p.label}>{p.children as string}</section>;
  assert.equal((<Box label="a&b">x</Box>).html, '<section aria-label="a&amp;b">x</section>');
  assert.equal((<>{'<'}<i>y</i></>).html, '&lt;<i>y</i>');
});

test('attribute names that are not names are dropped', () => {
  const props: Record<string, string> = { 'onclick="x"': 'y', ok: 'z' };
  assert.equal(h('a', props).html, '<a ok="z"></a>');
});
