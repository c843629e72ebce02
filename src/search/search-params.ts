/**
 * Reads a search query string (`?q=&agency=&subtree=1&genre=&theme=&year=&from=&to=&validity=
 * &normative=1&withdrawn=0&sort=date&page=`) without trusting it: a bad value is named and
 * dropped, so the page still answers (the API reports the names as a 400). Also builds the
 * stable URL of a search page. Pure.
 */
import { isGenre, isValidity } from '../domain/documents/genres.js';

/** Parameters understood, in URL order. */
export const SEARCH_PARAMS = ['q', 'agency', 'subtree', 'genre', 'theme', 'year', 'from', 'to', 'validity', 'normative', 'withdrawn', 'sort', 'page'] as const;
export type SearchParamName = (typeof SEARCH_PARAMS)[number];

/** The accepted values, as they appear in URLs. */
export interface SearchParams {
  q: string;
  agency?: string;
  subtree?: boolean;
  genre?: string;
  theme?: string;
  year?: number;
  from?: string;
  to?: string;
  validity?: string;
  normative?: boolean;
  /** false: leave withdrawn documents out. */
  withdrawn?: boolean;
  sort?: 'relevance' | 'date';
}

/** Result of reading a query string. */
export interface ParsedSearchParams {
  params: SearchParams;
  page: number;
  invalid: SearchParamName[];
}

const MAX_PAGE = 10_000;
/** Longest `q` accepted from a URL; the parser trims further and says so. */
const MAX_Q = 10_000;

function validDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Parses Fastify's query object; `themes` are the known theme codes. Empty values mean "all". */
export function parseSearchParams(query: unknown, themes: ReadonlySet<string>): ParsedSearchParams {
  const q = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>; // Fastify gives an object of strings or string arrays
  const params: SearchParams = { q: '' };
  const invalid: SearchParamName[] = [];
  let page = 1;
  for (const name of SEARCH_PARAMS) {
    if (!(name in q)) continue;
    const raw = q[name];
    const v = typeof raw === 'string' ? raw : null; // a repeated parameter arrives as an array
    if (v === '') continue;
    let ok = v !== null && (name === 'q' ? v.length <= MAX_Q : v.length <= 100);
    if (ok && v !== null) {
      switch (name) {
        case 'q':
          params.q = v;
          break;
        case 'agency':
          ok = /^[A-Za-z0-9_-]{1,64}$/.test(v);
          if (ok) params.agency = v;
          break;
        case 'theme':
          ok = themes.has(v);
          if (ok) params.theme = v;
          break;
        case 'genre':
          ok = isGenre(v);
          if (ok) params.genre = v;
          break;
        case 'year':
          ok = /^\d{4}$/.test(v) && Number(v) >= 1000;
          if (ok) params.year = Number(v);
          break;
        case 'from':
        case 'to':
          ok = validDate(v);
          if (ok) params[name] = v;
          break;
        case 'validity':
          ok = isValidity(v);
          if (ok) params.validity = v;
          break;
        case 'normative':
        case 'subtree':
          ok = v === '1' || v === '0';
          if (v === '1') params[name] = true;
          break;
        case 'withdrawn':
          ok = v === '1' || v === '0';
          if (v === '0') params.withdrawn = false;
          break;
        case 'sort':
          ok = v === 'relevance' || v === 'date';
          if (v === 'date') params.sort = 'date';
          break;
        case 'page':
          ok = /^[1-9]\d{0,5}$/.test(v) && Number(v) <= MAX_PAGE;
          if (ok) page = Number(v);
          break;
      }
    }
    if (!ok) invalid.push(name);
  }
  if (params.from && params.to && params.from > params.to) {
    invalid.push('to');
    delete params.to;
  }
  return { params, page, invalid };
}

/** The stable URL of a search page: parameters in a fixed order, defaults left out. */
export function searchHref(p: SearchParams, page = 1, base = '/search'): string {
  const u = new URLSearchParams();
  if (p.q) u.set('q', p.q);
  if (p.agency) u.set('agency', p.agency);
  if (p.agency && p.subtree) u.set('subtree', '1');
  if (p.genre) u.set('genre', p.genre);
  if (p.theme) u.set('theme', p.theme);
  if (p.year) u.set('year', String(p.year));
  if (p.from) u.set('from', p.from);
  if (p.to) u.set('to', p.to);
  if (p.validity) u.set('validity', p.validity);
  if (p.normative) u.set('normative', '1');
  if (p.withdrawn === false) u.set('withdrawn', '0');
  if (p.sort === 'date') u.set('sort', 'date');
  if (page > 1) u.set('page', String(page));
  const s = u.toString();
  return s ? `${base}?${s}` : base;
}
