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

/** Escapes text for HTML text and attribute contexts. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c] ?? c);
}

/** Marks a string as trusted markup. Only for markup produced by the application itself. */
export function raw(html: string): SafeHtml {
  return { [SAFE]: true, html };
}

export function isSafe(x: unknown): x is SafeHtml {
  return typeof x === 'object' && x !== null && SAFE in x;
}

function renderChild(c: Child, out: string[]): void {
  if (c === null || c === undefined || c === false || c === true) return;
  if (Array.isArray(c)) {
    for (const x of c) renderChild(x, out);
    return;
  }
  if (isSafe(c)) out.push(c.html);
  else out.push(escapeHtml(String(c)));
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const ATTR_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:.-]*$/;

/** JSX factory (tsconfig `jsxFactory: "h"`). */
export function h(tag: string | Component<Props>, props: Props | null, ...children: Child[]): SafeHtml {
  if (typeof tag === 'function') {
    return tag({ ...(props ?? {}), children: children.length === 1 ? children[0] : children });
  }
  const out: string[] = ['<', tag];
  if (props) {
    for (const [k0, v] of Object.entries(props)) {
      if (k0 === 'children' || v === null || v === undefined || v === false || typeof v === 'function') continue;
      const k = k0 === 'className' ? 'class' : k0 === 'htmlFor' ? 'for' : k0;
      if (!ATTR_NAME.test(k)) continue;
      if (v === true) out.push(' ', k);
      else out.push(' ', k, '="', escapeHtml(isSafe(v) ? v.html : String(v)), '"');
    }
  }
  out.push('>');
  if (VOID.has(tag)) return raw(out.join(''));
  renderChild(children, out);
  if (props?.children !== undefined && children.length === 0) renderChild(props.children as Child, out);
  out.push('</', tag, '>');
  return raw(out.join(''));
}

/** JSX fragment factory (tsconfig `jsxFragmentFactory: "Fragment"`). */
export function Fragment(props: { children?: Child }): SafeHtml {
  const out: string[] = [];
  renderChild(props.children, out);
  return raw(out.join(''));
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
