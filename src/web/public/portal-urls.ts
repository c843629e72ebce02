/**
 * URLs of the public portal, built in one place so pages, feeds and the sitemap agree on them.
 * Paths are bare (no locale prefix); callers add the prefix with `localePath`.
 */
import { localePath } from '../../http/request-context.js';
import type { Locale, T } from '../../i18n/i18n.js';
import type { FeedFormat } from '../feeds.js';
import { FEED_CONTENT_TYPES } from '../feeds.js';

/** `<code>/<year>-<serial>` → `/documents/<code>/<year>-<serial>`, with `/v/<n>` for a given version. */
export function documentPath(indexNumber: string, versionNo?: number): string {
  const [code = '', ys = ''] = indexNumber.split('/');
  const base = `/documents/${encodeURIComponent(code)}/${encodeURIComponent(ys)}`;
  return versionNo === undefined ? base : `${base}/v/${versionNo}`;
}

/** The download URL of an attachment: content-addressed, with the original name for the browser. */
export function filePath(sha256: string, filename: string): string {
  return `/files/${sha256}/${encodeURIComponent(filename)}`;
}

/** An agency's page (its disclosure guide). */
export function agencyPath(code: string): string {
  return `/agencies/${encodeURIComponent(code)}`;
}

/** Catalogue filters as they appear in a URL; absent means "all". */
export interface CatalogueParams {
  theme?: string;
  genre?: string;
  year?: number;
  validity?: string;
  normative?: boolean;
  subtree?: boolean;
}

/**
 * A catalogue page URL with its filters in a fixed order, so that one filter set has exactly one
 * URL (stable links, no duplicate pages for crawlers). Page 1 has no `page` parameter.
 * `agency` null is the site-wide catalogue at `/documents`.
 */
export function catalogueHref(agency: string | null, p: CatalogueParams, page = 1): string {
  const q = new URLSearchParams();
  if (p.theme) q.set('theme', p.theme);
  if (p.genre) q.set('genre', p.genre);
  if (p.year) q.set('year', String(p.year));
  if (p.validity) q.set('validity', p.validity);
  if (p.normative) q.set('normative', '1');
  if (p.subtree && agency) q.set('subtree', '1');
  if (page > 1) q.set('page', String(page));
  const base = agency ? `${agencyPath(agency)}/catalogue` : '/documents';
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

/** What a set of feeds covers. */
export type FeedScope = { kind: 'site' } | { kind: 'agency'; code: string; subtree: boolean } | { kind: 'theme'; code: string };

export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

/** The bare path of one feed. */
export function feedPath(scope: FeedScope, format: FeedFormat): string {
  if (scope.kind === 'site') return `/feeds/all.${format}`;
  if (scope.kind === 'agency') return `/feeds/agencies/${encodeURIComponent(scope.code)}/${scope.subtree ? 'subtree' : 'agency'}.${format}`;
  return `/feeds/themes/${encodeURIComponent(scope.code)}.${format}`;
}

/** `<link rel="alternate">` entries for the three formats of a feed scope, in the page's locale. */
export function feedAlternates(locale: Locale, t: T, scope: FeedScope, scopeLabel: string): { type: string; href: string; title: string }[] {
  return FEED_FORMATS.map((f) => ({
    type: (FEED_CONTENT_TYPES[f].split(';')[0] ?? '').trim(),
    href: localePath(locale, feedPath(scope, f)),
    title: t('portal.feed_link_title', { scope: scopeLabel, format: t(`portal.feed_format.${f}`) }),
  }));
}

/** A human file size: bytes, KB or MB with one decimal (1 KB = 1024 bytes). */
export function formatBytes(n: number, locale: Locale): string {
  const fmt = (x: number) => x.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: 1 });
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${fmt(n / 1024)} KB`;
  return `${fmt(n / 1024 / 1024)} MB`;
}
