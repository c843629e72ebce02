/**
 * `/sitemap.xml` (issue 3 §7) and `/robots.txt`. Every public page is listed once per locale,
 * each entry naming all its language versions (hreflang). Up to 50,000 entries the sitemap is one
 * `<urlset>`; past that `/sitemap.xml` is an index of `/sitemaps/<n>.xml` parts.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.js';
import { AppError } from '../../domain/errors.js';
import { LOCALES } from '../../i18n/i18n.js';
import { publicAgencyTree, type AgencyNode } from '../../queries/agencies.js';
import { sitemapDocuments } from '../../queries/documents.js';
import { sitemapConsultations, sitemapMessages } from '../../queries/sitemap-engagement.js';
import { absolute } from '../layout.js';
import type { WebEnv } from '../render.js';
import { renderSitemap, renderSitemapIndex, SITEMAP_MAX_ENTRIES, type SitemapUrl } from '../sitemap.js';
import { agencyPath, catalogueHref, documentPath } from './portal-urls.js';

/** A page of the site: its bare path and, when known, the date it last changed. */
export interface SitePage {
  path: string;
  lastmod?: string;
}

/** One `<url>` per locale for each page, each listing every language version and x-default. */
export function sitemapEntries(base: string, pages: readonly SitePage[]): SitemapUrl[] {
  const out: SitemapUrl[] = [];
  for (const p of pages) {
    const alternates = [...LOCALES.map((l) => ({ hreflang: l, href: absolute(base, l, p.path) })), { hreflang: 'x-default', href: absolute(base, 'zh-CN', p.path) }];
    for (const l of LOCALES) out.push({ loc: absolute(base, l, p.path), ...(p.lastmod ? { lastmod: p.lastmod } : {}), alternates });
  }
  return out;
}

/** Splits entries into sitemap parts of at most `max` entries (one part when they fit). */
export function sitemapParts<T>(entries: readonly T[], max = SITEMAP_MAX_ENTRIES): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < entries.length; i += max) parts.push(entries.slice(i, i + max));
  return parts.length ? parts : [[]];
}

function flatten(nodes: AgencyNode[], out: string[] = []): string[] {
  for (const n of nodes) {
    out.push(n.agency.code);
    flatten(n.children, out);
  }
  return out;
}

/** Registers `/sitemap.xml`, `/sitemaps/<n>.xml` and `/robots.txt`. */
export function registerSitemapRoutes(app: FastifyInstance, core: AppContext, env: WebEnv, maxEntries = SITEMAP_MAX_ENTRIES): void {
  const deps = core.deps;
  const allEntries = async (): Promise<SitemapUrl[]> => {
    const [tree, docs, consultations, messages] = await Promise.all([publicAgencyTree(deps), sitemapDocuments(deps), sitemapConsultations(deps), sitemapMessages(deps)]);
    const pages: SitePage[] = [{ path: '/' }, { path: '/agencies' }, { path: '/documents' }, { path: '/consultations' }, { path: '/messages' }];
    for (const code of flatten(tree)) pages.push({ path: agencyPath(code) }, { path: catalogueHref(code, {}) });
    for (const d of docs) pages.push({ path: documentPath(d.index_number), lastmod: d.updated_at.slice(0, 10) });
    for (const c of consultations) pages.push({ path: `/consultations/${encodeURIComponent(c.id)}`, lastmod: c.changed_at.slice(0, 10) });
    for (const m of messages) pages.push({ path: `/messages/${encodeURIComponent(m.tracking_number)}`, lastmod: m.changed_at.slice(0, 10) });
    return sitemapEntries(env.baseUrl, pages);
  };
  const xml = 'application/xml; charset=utf-8';

  app.get('/sitemap.xml', async (_req, reply) => {
    const parts = sitemapParts(await allEntries(), maxEntries);
    reply.header('cache-control', 'public, max-age=3600').type(xml);
    if (parts.length === 1) return reply.send(renderSitemap(parts[0] ?? []));
    return reply.send(renderSitemapIndex(parts.map((_, i) => ({ loc: `${env.baseUrl}/sitemaps/${i + 1}.xml` }))));
  });

  app.get<{ Params: { file: string } }>('/sitemaps/:file', async (req, reply) => {
    const m = /^([1-9]\d{0,5})\.xml$/.exec(req.params.file);
    const parts = m ? sitemapParts(await allEntries(), maxEntries) : [];
    const part = m && parts.length > 1 ? parts[Number(m[1]) - 1] : undefined;
    if (!part) throw new AppError('not_found');
    return reply.header('cache-control', 'public, max-age=3600').type(xml).send(renderSitemap(part));
  });

  app.get('/robots.txt', async (_req, reply) => {
    const body = ['User-agent: *', 'Disallow: /admin', 'Disallow: /en/admin', `Sitemap: ${env.baseUrl}/sitemap.xml`, ''].join('\n');
    return reply.header('cache-control', 'public, max-age=86400').type('text/plain; charset=utf-8').send(body);
  });
}
