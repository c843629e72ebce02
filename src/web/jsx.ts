/**
 * A minimal JSX-to-string runtime that escapes by default. Written by hand because the fast
 * string-JSX packages (e.g. @kitajs/html) leave children unescaped unless marked, which invites
 * XSS, and virtual-DOM renderers (preact-render-to-string) cost several times more per page.
 * Trusted markup must be wrapped with `raw()` explicitly.
 */

const SAFE = Symbol('safe-html');

/** Markup that is already safe to emit as-is. */
export interface SafeHtml {
  readonly [SAFE]: true;
  readonly html: string;
}

export type Child = SafeHtml | string | number | boolean | null | undefined | Child[];

type AttrValue = string | number | boolean | null | undefined;
export type Props = Record<string, AttrValue | Child | ((...a: never[]) => unknown)> & { children?: Child };
export type Component<P> = (props: P & { children?: Child }) => SafeHtml;

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;
const SPECIAL_ALL = /[&<>"']/g;

/** Escapes text for HTML text and attribute contexts. */
export function escapeHtml(s: string): string {
  // Most text has nothing to escape: test first, so that common case allocates nothing.
  return SPECIAL.test(s) ? s.replace(SPECIAL_ALL, (c) => ESC[c] ?? c) : s;
}

/** Marks a string as trusted markup. Only for markup produced by the application itself. */
export function raw(html: string): SafeHtml {
  return { [SAFE]: true, html };
}

export function isSafe(x: unknown): x is SafeHtml {
  return typeof x === 'object' && x !== null && SAFE in x;
}

// Rendering concatenates strings (V8 builds ropes and flattens once) rather than joining arrays.
function renderChild(c: Child): string {
  if (c === null || c === undefined || c === false || c === true) return '';
  if (typeof c === 'string') return escapeHtml(c);
  if (Array.isArray(c)) {
    let out = '';
    for (const x of c) out += renderChild(x);
    return out;
  }
  if (isSafe(c)) return c.html;
  return escapeHtml(String(c));
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const ATTR_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:.-]*$/;

/** JSX factory (tsconfig `jsxFactory: "h"`). */
export function h(tag: string | Component<Props>, props: Props | null, ...children: Child[]): SafeHtml {
  if (typeof tag === 'function') {
    return tag({ ...(props ?? {}), children: children.length === 1 ? children[0] : children });
  }
  let out = '<' + tag;
  if (props) {
    for (const k0 in props) {
      const v = props[k0];
      if (k0 === 'children' || v === null || v === undefined || v === false || typeof v === 'function') continue;
      const k = k0 === 'className' ? 'class' : k0 === 'htmlFor' ? 'for' : k0;
      if (!ATTR_NAME.test(k)) continue;
      if (v === true) out += ' ' + k;
      else out += ' ' + k + '="' + escapeHtml(isSafe(v) ? v.html : String(v)) + '"';
    }
  }
  out += '>';
  if (VOID.has(tag)) return raw(out);
  out += renderChild(children);
  if (props?.children !== undefined && children.length === 0) out += renderChild(props.children as Child);
  return raw(out + '</' + tag + '>');
}

/** JSX fragment factory (tsconfig `jsxFragmentFactory: "Fragment"`). */
export function Fragment(props: { children?: Child }): SafeHtml {
  return raw(renderChild(props.children));
}

/** Renders a complete document with its doctype. */
export function renderDocument(root: SafeHtml): string {
  return '<!doctype html>' + root.html;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    type Element = SafeHtml;
    interface IntrinsicElements {
      [tag: string]: Record<string, unknown>;
    }
    interface ElementChildrenAttribute {
      children: unknown;
    }
  }
}
