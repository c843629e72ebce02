/**
 * Feeds (issue 3 §8): RSS 2.0, Atom and JSON Feed for the whole site, per agency (alone or with
 * its subtree) and per theme. Items are public events: publications, new versions, validity
 * changes and withdrawals. Labels follow the request's locale (`/en/feeds/…` is English).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.js';
import { AppError } from '../../domain/errors.js';
import { pick } from '../../i18n/i18n.js';
import { agencyByCode } from '../../queries/agencies.js';
import { feedEvents, listThemes, type FeedEvent } from '../../queries/documents.js';
import { absolute } from '../layout.js';
import { renderFeed, type FeedFormat, type FeedItem } from '../feeds.js';
import type { WebEnv } from '../render.js';
import { genreLabel } from './document-list.js';
import { agencyPath, catalogueHref, documentPath, feedPath, FEED_FORMATS, type FeedScope } from './portal-urls.js';

/** Items per feed. */
const FEED_LIMIT = 50;

/** `name.rss` → ['name', 'rss']; the last dot separates (theme codes contain dots). */
function splitFile(file: string): [string, FeedFormat] {
  const dot = file.lastIndexOf('.');
  const ext = file.slice(dot + 1);
  const format = FEED_FORMATS.find((f) => f === ext);
  if (dot <= 0 || !format) throw new AppError('not_found');
  return [file.slice(0, dot), format];
}

/** One feed item per public event; validity changes count as updates of the document. */
function toItem(req: FastifyRequest, base: string, e: FeedEvent, themeName: (code: string) => string): FeedItem {
  const { t, locale } = req.ctx;
  const agency = pick(locale, e.agency_name_zh, e.agency_name_en);
  const id = `${absolute(base, 'zh-CN', documentPath(e.index_number))}#event-${encodeURIComponent(e.event_id)}`;
  const versioned = e.kind === 'new_version' ? documentPath(e.index_number, e.version_no) : documentPath(e.index_number);
  const common = { id, url: absolute(base, locale, versioned), published: e.at, updated: e.at, agencyName: agency, categories: [themeName(e.theme_code), genreLabel(req.ctx, e.genre)] };
  switch (e.kind) {
    case 'published':
      return { ...common, kind: 'published', title: e.title, summary: t('feed.summary.published', { agency, title: e.title }) };
    case 'new_version':
      return { ...common, kind: 'new_version', title: t('feed.kind.new_version') + e.title, summary: t('feed.summary.new_version', { n: e.version_no, note: e.note }) };
    case 'withdrawn':
      return { ...common, kind: 'withdrawn', title: t('feed.kind.withdrawn') + e.title, summary: t('feed.summary.withdrawn', { note: e.note }) };
    default:
      return { ...common, kind: 'new_version', title: t('feed.kind.validity') + e.title, summary: t('feed.summary.validity', { note: e.note }) };
  }
}

/** Registers `/feeds/all.*`, `/feeds/agencies/<code>/(agency|subtree).*` and `/feeds/themes/<code>.*`. */
export function registerFeedRoutes(app: FastifyInstance, core: AppContext, env: WebEnv): void {
  const deps = core.deps;

  const send = async (req: FastifyRequest, reply: FastifyReply, scope: FeedScope, format: FeedFormat, label: string, page: string): Promise<FastifyReply> => {
    const { locale, t } = req.ctx;
    const themes = await listThemes(deps);
    const themeName = (code: string) => {
      const th = themes.find((x) => x.code === code);
      return th ? pick(locale, th.name_zh, th.name_en) : code;
    };
    const filter = scope.kind === 'site' ? {} : scope.kind === 'agency' ? { agency: scope.code, subtree: scope.subtree } : { theme: scope.code };
    const events = await feedEvents(deps, filter, FEED_LIMIT);
    const urls = { rss: '', atom: '', json: '' };
    for (const f of FEED_FORMATS) urls[f] = absolute(env.baseUrl, locale, feedPath(scope, f));
    const { contentType, body } = renderFeed(
      format,
      {
        title: `${label} · ${t('site.name')}`,
        description: t('feed.description'),
        siteUrl: absolute(env.baseUrl, locale, page),
        feedUrl: urls[format],
        feedUrls: urls,
        language: locale,
        updated: events[0]?.at ?? deps.clock.now().toISOString(),
      },
      events.map((e) => toItem(req, env.baseUrl, e, themeName)),
    );
    return reply.header('cache-control', 'public, max-age=300').type(contentType).send(body);
  };

  app.get<{ Params: { file: string } }>('/feeds/:file', async (req, reply) => {
    const [name, format] = splitFile(req.params.file);
    if (name !== 'all') throw new AppError('not_found');
    return send(req, reply, { kind: 'site' }, format, req.ctx.t('portal.scope_site'), '/');
  });

  app.get<{ Params: { code: string; file: string } }>('/feeds/agencies/:code/:file', async (req, reply) => {
    const [name, format] = splitFile(req.params.file);
    if (name !== 'agency' && name !== 'subtree') throw new AppError('not_found');
    const agency = await agencyByCode(deps, req.params.code);
    if (!agency) throw new AppError('agency_not_found');
    const agencyName = pick(req.ctx.locale, agency.name_zh, agency.name_en);
    const subtree = name === 'subtree';
    const label = req.ctx.t(subtree ? 'portal.scope_subtree' : 'portal.scope_agency', { name: agencyName });
    return send(req, reply, { kind: 'agency', code: agency.code, subtree }, format, label, agencyPath(agency.code));
  });

  app.get<{ Params: { file: string } }>('/feeds/themes/:file', async (req, reply) => {
    const [code, format] = splitFile(req.params.file);
    const theme = (await listThemes(deps)).find((x) => x.code === code);
    if (!theme) throw new AppError('not_found');
    const label = req.ctx.t('portal.scope_theme', { name: pick(req.ctx.locale, theme.name_zh, theme.name_en) });
    return send(req, reply, { kind: 'theme', code }, format, label, catalogueHref(null, { theme: code }));
  });
}
