import type { Deps } from '../deps.js';
import { invalid } from '../../domain/errors.js';
import { isGenre } from '../../domain/documents/genres.js';
import type { SubscriptionKind } from '../../domain/subscriptions/subscriptions.js';
import { parseQuery } from '../../search/query-parser.js';
import { parseSearchParams, searchHref } from '../../search/search-params.js';
import { pick, translator, type Locale, type MessageKey } from '../../i18n/i18n.js';

/** What a subscription form names, resolved to the stored kind, target and label. */
export interface ResolvedTarget {
  kind: SubscriptionKind;
  target: string;
  label: string;
}

/** The canonical query string of a saved search (as `/search` would link it, without page), or null when it finds nothing. */
export async function canonicalSearch(deps: Pick<Deps, 'db'>, raw: string): Promise<{ query: string; q: string } | null> {
  const qs = raw.replace(/^.*?\?/, '').replace(/^\?/, '');
  const obj = Object.fromEntries(new URLSearchParams(qs.includes('=') ? qs : `q=${encodeURIComponent(qs)}`));
  const themes = new Set((await deps.db.selectFrom('themes').select('code').execute()).map((t) => t.code));
  const { params } = parseSearchParams(obj, themes);
  if (!parseQuery(params.q).must.length) return null;
  const { sort: _sort, ...rest } = params;
  return { query: searchHref(rest).replace(/^\/search\??/, ''), q: params.q };
}

/**
 * Resolves the thing to follow: an agency code (with `subtree`), a theme code, a genre, a search
 * query string, a document index number or a consultation id. Throws a field error on `target`.
 */
export async function resolveTarget(deps: Pick<Deps, 'db'>, locale: Locale, kindRaw: string, targetRaw: string, subtree: boolean): Promise<ResolvedTarget> {
  const t = translator(locale);
  const target = targetRaw.trim();
  const bad = (code = 'invalid') => invalid([{ field: 'target', code: target ? code : 'required' }]);
  switch (kindRaw) {
    case 'agency': {
      const a = await deps.db.selectFrom('agencies').selectAll().where('code', '=', target).executeTakeFirst();
      if (!a || a.status !== 'open') throw bad();
      return { kind: subtree ? 'agency_tree' : 'agency', target: a.id, label: pick(locale, a.name_zh, a.name_en) + (subtree ? t('sub.label.subtree') : '') };
    }
    case 'theme': {
      const th = await deps.db.selectFrom('themes').selectAll().where('code', '=', target).where('active', '=', 1).executeTakeFirst();
      if (!th) throw bad();
      return { kind: 'theme', target: th.code, label: pick(locale, th.name_zh, th.name_en) };
    }
    case 'genre':
      if (!isGenre(target)) throw bad();
      return { kind: 'genre', target, label: t(`genre.${target}` as MessageKey) };
    case 'search': {
      const c = await canonicalSearch(deps, target);
      if (!c) throw bad('sub_no_terms');
      return { kind: 'search', target: c.query, label: c.q };
    }
    case 'document': {
      const d = await deps.db.selectFrom('documents').select(['id', 'title', 'status']).where('index_number', '=', target).executeTakeFirst();
      if (!d || d.status !== 'published') throw bad();
      return { kind: 'document', target: d.id, label: d.title };
    }
    case 'consultation': {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(target)) throw bad();
      const e = await deps.db.selectFrom('events').select('payload').where('subject_type', '=', 'consultation').where('subject_id', '=', target).orderBy('occurred_at', 'desc').executeTakeFirst();
      if (!e) throw bad();
      const p = JSON.parse(e.payload) as Record<string, unknown>; // event payloads are JSON objects
      return { kind: 'consultation', target, label: typeof p.title === 'string' ? p.title : target };
    }
    default:
      throw invalid([{ field: 'kind', code: 'required' }]);
  }
}

