import type { IncomingMessage } from 'node:http';
import type { ResolvedSession } from '../commands/sessions.js';
import type { Actor } from '../commands/actor.js';
import type { Locale, T } from '../i18n/i18n.js';

/** What every request carries once the context hooks have run. */
export interface RequestContext {
  locale: Locale;
  t: T;
  /** `large` when the visitor chose the large-text, high-contrast mode. */
  display: 'normal' | 'large';
  /** The signed-in staff member, if any. */
  staff: ResolvedSession | null;
  actor: Actor | null;
  /** The path without the locale prefix (for building the language switch). */
  barePath: string;
  /** Token to embed in forms (the session's, or the anonymous double-submit cookie's). */
  csrf: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

/** Locale chosen by the `/en` URL prefix, remembered per raw request by `rewriteUrl`. */
export const rawLocale = new WeakMap<IncomingMessage, Locale>();

/** Strips a leading `/en` and records English for the request; everything else is zh-CN. */
export function rewriteLocaleUrl(req: IncomingMessage): string {
  const url = req.url ?? '/';
  if (url === '/en' || url.startsWith('/en/') || url.startsWith('/en?')) {
    rawLocale.set(req, 'en');
    const rest = url.slice(3);
    return rest === '' || rest.startsWith('?') ? '/' + rest : rest;
  }
  rawLocale.set(req, 'zh-CN');
  return url;
}

/** Builds a link in `locale` to a bare (un-prefixed) path. */
export function localePath(locale: Locale, barePath: string): string {
  if (locale === 'zh-CN') return barePath;
  return barePath === '/' ? '/en/' : '/en' + barePath;
}
