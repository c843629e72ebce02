import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderDocument, type SafeHtml } from './jsx.js';
import { Shell, PublicNav, type PageMeta } from './layout.js';
import { AdminNav } from './admin/admin-nav.js';

/** Site-wide facts the page shell needs. */
export interface WebEnv {
  baseUrl: string;
  /** True while the instance holds demo content; shows the demo banner. */
  demo: { value: boolean };
}

/** Renders a full HTML page in the request's locale and sends it. */
export function sendPage(
  env: WebEnv,
  req: FastifyRequest,
  reply: FastifyReply,
  meta: PageMeta,
  content: SafeHtml,
  opts: { area?: 'public' | 'admin'; current?: string; status?: number } = {},
): FastifyReply {
  const ctx = req.ctx;
  const area = opts.area ?? 'public';
  const nav = area === 'admin' ? AdminNav({ ctx, current: opts.current ?? '' }) : PublicNav({ ctx, current: opts.current ?? '' });
  const html = renderDocument(
    Shell({ ctx, meta: area === 'admin' ? { ...meta, noindex: true } : meta, baseUrl: env.baseUrl, demo: env.demo.value, nav, children: content, bodyClass: area === 'admin' ? 'area-admin' : 'area-public' }),
  );
  if (area === 'admin') reply.header('cache-control', 'no-store');
  return reply.status(opts.status ?? 200).type('text/html; charset=utf-8').send(html);
}
