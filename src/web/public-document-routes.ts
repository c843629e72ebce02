/**
 * The public portal of proactive disclosure (issue 3 §7–8): home, agency pages with their
 * 公开目录, the site-wide catalogue, document pages and their versions, print views, CSV previews,
 * attachment downloads, feeds, sitemap.xml and robots.txt. Reads go through `queries/`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { AppError } from '../domain/errors.js';
import { pick } from '../i18n/i18n.js';
import { agencyByCode, agencyCount, publicAgency, publicAgencyTree } from '../queries/agencies.js';
import { catalogueFacets, cataloguePage, documentView, listThemes, themeByCode, versionLogIndex, type CatalogueFilter } from '../queries/documents.js';
import { consultationLinks } from '../queries/consultations.js';
import { currentRenderEpoch } from '../queries/page-renders.js';
import { pageTag } from '../commands/page-renders.js';
import { keepStatically } from '../http/page-cache.js';
import { usernameOf } from '../channels/activitypub/activities.js';
import { findPublicFile, openFileBytes, publicFileHead } from '../queries/attachments.js';
import type { Agency } from '../store/schema.js';
import { sendPage, type WebEnv } from './render.js';
import { HomePage } from './public/home-page.js';
import { AgencyPage } from './public/agency-page.js';
import { CataloguePage } from './public/catalogue-page.js';
import { DocumentPage, renderPrintPage, shownPath } from './public/document-page.js';
import { PreviewPage } from './public/preview-page.js';
import { parseCatalogueQuery } from './public/catalogue-query.js';
import { contentDisposition } from './public/content-disposition.js';
import { agencyPath, catalogueHref, documentPath, feedAlternates, type FeedScope } from './public/portal-urls.js';
import { registerFeedRoutes } from './public/feed-routes.js';
import { registerSitemapRoutes } from './public/sitemap-routes.js';

/** Entries per catalogue page. */
export const CATALOGUE_PAGE_SIZE = 20;
/** How much of a CSV the preview reads. */
const PREVIEW_BYTES = 1024 * 1024;

const AGENCY_CODE = /^[A-Za-z0-9_-]{1,64}$/;
const YEAR_SERIAL = /^\d{4}-\d{5}$/;
const VERSION_NO = /^[1-9]\d{0,4}$/;
const SHA256 = /^[0-9a-f]{64}$/;

type DocParams = { agency: string; ys: string };

/** The index number named by the two path segments, or a 404. */
function indexNumberOf(p: DocParams): string {
  if (!AGENCY_CODE.test(p.agency) || !YEAR_SERIAL.test(p.ys)) throw new AppError('document_not_found');
  return `${p.agency}/${p.ys}`;
}

/** True when an If-None-Match header names this ETag (or is `*`). RFC 9110 §13.1.2, weak comparison. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const x = t.trim();
    return x === '*' || x === etag || x === `W/${etag}`;
  });
}

/** Registers the portal routes on the public plugin scope. */
export async function registerPortalRoutes(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  const deps = core.deps;

  const agencyFeeds = (req: FastifyRequest, a: Agency, withSubtree: boolean): { scope: FeedScope; label: string }[] => {
    const name = pick(req.ctx.locale, a.name_zh, a.name_en);
    const own = { scope: { kind: 'agency', code: a.code, subtree: false } as const, label: req.ctx.t('portal.scope_agency', { name }) };
    const sub = { scope: { kind: 'agency', code: a.code, subtree: true } as const, label: req.ctx.t('portal.scope_subtree', { name }) };
    return withSubtree ? [own, sub] : [own];
  };
  const alternates = (req: FastifyRequest, scopes: { scope: FeedScope; label: string }[]) => scopes.flatMap((s) => feedAlternates(req.ctx.locale, req.ctx.t, s.scope, s.label));

  app.get('/', async (req, reply) => {
    const [roots, count, latest, facets, themes] = await Promise.all([
      publicAgencyTree(deps),
      agencyCount(deps),
      cataloguePage(deps, {}, 1, 10),
      catalogueFacets(deps, {}),
      listThemes(deps),
    ]);
    const site = [{ scope: { kind: 'site' } as const, label: req.ctx.t('portal.scope_site') }];
    return sendPage(
      env,
      req,
      reply,
      { title: req.ctx.t('home.title'), path: '/', description: req.ctx.t('home.intro'), alternates: alternates(req, site) },
      HomePage({ ctx: req.ctx, roots, count, latest: latest.items, genres: facets.genres, themes: themes.filter((t) => !t.parent_code) }),
      { current: '/' },
    );
  });

  app.get<{ Params: { code: string } }>('/agencies/:code', async (req, reply) => {
    const { agency, parent, children } = await publicAgency(deps, req.params.code);
    const name = pick(req.ctx.locale, agency.name_zh, agency.name_en);
    const filter: CatalogueFilter = { agency: agency.code };
    const [latest, facets] = await Promise.all([cataloguePage(deps, filter, 1, 5), catalogueFacets(deps, filter)]);
    const feeds = agencyFeeds(req, agency, children.length > 0);
    return sendPage(
      env,
      req,
      reply,
      { title: `${name} · ${req.ctx.t('agency.guide')}`, path: agencyPath(agency.code), alternates: alternates(req, feeds) },
      AgencyPage({ ctx: req.ctx, agency, parent, children, latest: latest.items, genres: facets.genres, feeds, fediverse: `@${usernameOf(agency.code)}@${new URL(env.baseUrl).host}` }),
      { current: '/agencies' },
    );
  });

  const catalogue = async (req: FastifyRequest, reply: FastifyReply, agency: Agency | null): Promise<FastifyReply> => {
    const themes = await listThemes(deps);
    const q = parseCatalogueQuery(req.query, new Set(themes.map((t) => t.code)));
    const filter: CatalogueFilter = { ...q.params, ...(agency ? { agency: agency.code } : {}), subtree: agency ? q.params.subtree === true : false };
    const [{ items, total }, facets] = await Promise.all([cataloguePage(deps, filter, q.page, CATALOGUE_PAGE_SIZE), catalogueFacets(deps, filter)]);
    const pages = Math.max(1, Math.ceil(total / CATALOGUE_PAGE_SIZE));
    const status = q.invalid.length ? 400 : q.page > pages ? 404 : 200;
    const name = agency ? pick(req.ctx.locale, agency.name_zh, agency.name_en) : '';
    const feeds: { scope: FeedScope; label: string }[] = agency ? agencyFeeds(req, agency, true) : [{ scope: { kind: 'site' }, label: req.ctx.t('portal.scope_site') }];
    if (!agency && q.params.theme) {
      const th = themes.find((t) => t.code === q.params.theme);
      if (th) feeds.push({ scope: { kind: 'theme', code: th.code }, label: req.ctx.t('portal.scope_theme', { name: pick(req.ctx.locale, th.name_zh, th.name_en) }) });
    }
    return sendPage(
      env,
      req,
      reply,
      {
        title: agency ? `${name} · ${req.ctx.t('catalogue.title')}` : req.ctx.t('catalogue.site_title'),
        path: catalogueHref(agency?.code ?? null, q.params, Math.min(q.page, pages)),
        alternates: alternates(req, feeds),
        noindex: status !== 200,
      },
      CataloguePage({ ctx: req.ctx, agency, params: q.params, page: q.page, pages, total, items, facets, themes, invalid: q.invalid, feeds }),
      { current: agency ? '/agencies' : '/', status },
    );
  };

  app.get<{ Params: { code: string } }>('/agencies/:code/catalogue', async (req, reply) => {
    const agency = AGENCY_CODE.test(req.params.code) ? await agencyByCode(deps, req.params.code) : undefined;
    if (!agency) throw new AppError('agency_not_found');
    return catalogue(req, reply, agency);
  });
  app.get('/documents', async (req, reply) => catalogue(req, reply, null));

  const documentRoute = async (req: FastifyRequest<{ Params: DocParams; Querystring: { print?: string } }>, reply: FastifyReply, versionNo?: number): Promise<FastifyReply> => {
    // Read before the page's data, so a change made meanwhile stops the page being kept stale.
    const epoch = await currentRenderEpoch(deps);
    const view = await documentView(deps, indexNumberOf(req.params), versionNo);
    const theme = await themeByCode(deps, view.version.theme_code);
    const themeName = theme ? pick(req.ctx.locale, theme.name_zh, theme.name_en) : view.version.theme_code;
    if (req.query.print === '1') {
      const html = renderPrintPage({ ctx: req.ctx, view, themeName, baseUrl: env.baseUrl, siteName: req.ctx.t('site.name') });
      return reply.type('text/html; charset=utf-8').send(html);
    }
    const agencyName = pick(req.ctx.locale, view.agency.name_zh, view.agency.name_en);
    const feeds = [{ scope: { kind: 'agency', code: view.agency.code, subtree: false } as const, label: req.ctx.t('portal.scope_agency', { name: agencyName }) }];
    const leafIndex = await versionLogIndex(deps, view.doc.id, view.version.version_no ?? 1);
    const consultations = await consultationLinks(deps, view.doc.id);
    // Static publishing keeps the page once it is settled: its version sequenced in the log (the
    // leaf index shows), and no consultation on it whose phase turns with the clock.
    if (leafIndex !== null && consultations.asDraft.length === 0) {
      const tags = [...view.shownDocumentIds.map(pageTag.document), ...[view.agency, ...view.coIssuers].map((a) => pageTag.agency(a.id)), pageTag.theme(view.version.theme_code)];
      keepStatically(req, { tags, epoch });
    }
    return sendPage(
      env,
      req,
      reply,
      { title: view.version.title, path: shownPath(view), description: view.version.summary.slice(0, 200) || undefined, alternates: alternates(req, feeds) },
      DocumentPage({
        ctx: req.ctx,
        view,
        themeName,
        record: {
          indexNumber: view.doc.index_number ?? '',
          versionNo: view.version.version_no ?? 1,
          leafIndex,
          contentSha256: view.version.content_sha256 ?? '',
          pageUrl: `${env.baseUrl}${documentPath(view.doc.index_number ?? '', view.version.version_no ?? 1)}`,
        },
        consultations,
      }),
      { current: '' },
    );
  };
  app.get<{ Params: DocParams; Querystring: { print?: string } }>('/documents/:agency/:ys', async (req, reply) => documentRoute(req, reply));
  app.get<{ Params: DocParams & { n: string }; Querystring: { print?: string } }>('/documents/:agency/:ys/v/:n', async (req, reply) => {
    if (!VERSION_NO.test(req.params.n)) throw new AppError('version_not_found');
    return documentRoute(req, reply, Number(req.params.n));
  });

  app.get<{ Params: DocParams & { sha: string }; Querystring: { v?: string } }>('/documents/:agency/:ys/preview/:sha', async (req, reply) => {
    const v = req.query.v;
    if (v !== undefined && !VERSION_NO.test(v)) throw new AppError('version_not_found');
    const view = await documentView(deps, indexNumberOf(req.params), v === undefined ? undefined : Number(v));
    const att = view.attachments.find((a) => a.blob_sha256 === req.params.sha && (a.mime === 'text/csv' || a.ext === 'csv'));
    if (!att) throw new AppError('attachment_not_found');
    const head = await publicFileHead(deps, att.blob_sha256, att.filename, PREVIEW_BYTES);
    if (!head) throw new AppError('attachment_not_found');
    return sendPage(
      env,
      req,
      reply,
      { title: req.ctx.t('doc.att.preview_title', { name: att.filename }), path: req.ctx.barePath + (v ? `?v=${v}` : ''), noindex: true },
      PreviewPage({ ctx: req.ctx, view, filename: att.filename, sha256: att.blob_sha256, bytes: head.bytes, truncatedAt: head.truncated ? PREVIEW_BYTES : null }),
      { current: '' },
    );
  });

  // Attachment downloads: content-addressed, so cached for a year; only files of published versions.
  app.get<{ Params: { sha: string; name: string } }>('/files/:sha/:name', async (req, reply) => {
    const { sha, name } = req.params;
    const file = SHA256.test(sha) ? await findPublicFile(deps, sha, name) : null;
    if (!file) throw new AppError('attachment_not_found');
    const etag = `"${file.sha256}"`;
    reply.header('etag', etag).header('cache-control', 'public, max-age=31536000, immutable');
    if (matchesEtag(req.headers['if-none-match'], etag)) return reply.status(304).send();
    const stream = await openFileBytes(deps, file).catch((e: unknown) => {
      if ((e as { code?: unknown }).code === 'ENOENT') throw new AppError('attachment_not_found'); // blob-store contract: a missing blob is ENOENT
      throw e;
    });
    return reply
      .header('content-type', file.mime)
      .header('content-length', String(file.size))
      .header('content-disposition', contentDisposition(file.filename))
      .send(stream);
  });

  registerFeedRoutes(app, core, env);
  registerSitemapRoutes(app, core, env);
}
