/**
 * Reads the catalogue's query string (`?theme=&genre=&year=&validity=&normative=1&subtree=1&page=`)
 * without trusting it: each value is checked against what exists, and a bad one is reported by
 * name and dropped, so a mistyped link still shows a useful page instead of an error.
 */
import { isGenre, isValidity } from '../../domain/documents/genres.js';
import type { CatalogueParams } from './portal-urls.js';

/** Query parameters the catalogue understands. */
export const CATALOGUE_PARAMS = ['theme', 'genre', 'year', 'validity', 'normative', 'subtree', 'page'] as const;
export type CatalogueParamName = (typeof CATALOGUE_PARAMS)[number];

/** The highest page number accepted at all; past the last page is reported separately. */
const MAX_PAGE = 100_000;

/** The result of reading a catalogue query string. */
export interface CatalogueQuery {
  params: CatalogueParams;
  page: number;
  /** Parameters present but not understood (unknown value, wrong shape, repeated). */
  invalid: CatalogueParamName[];
}

function single(v: unknown): string | null {
  if (typeof v !== 'string') return null; // repeated parameters arrive as arrays
  return v.length <= 100 ? v : null;
}

/**
 * Parses `query` (Fastify's parsed query object). `themes` is the set of known theme codes.
 * Empty values mean "all" and are not errors (an unselected <select> submits `genre=`).
 */
export function parseCatalogueQuery(query: unknown, themes: ReadonlySet<string>): CatalogueQuery {
  const q = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>; // Fastify gives an object of strings or string arrays
  const params: CatalogueParams = {};
  const invalid: CatalogueParamName[] = [];
  let page = 1;
  for (const name of CATALOGUE_PARAMS) {
    if (!(name in q)) continue;
    const v = single(q[name]);
    if (v === '') continue;
    let ok = v !== null;
    if (v !== null) {
      switch (name) {
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
        case 'validity':
          ok = isValidity(v);
          if (ok) params.validity = v;
          break;
        case 'normative':
        case 'subtree':
          ok = v === '1' || v === '0';
          if (v === '1') params[name] = true;
          break;
        case 'page':
          ok = /^[1-9]\d{0,5}$/.test(v) && Number(v) <= MAX_PAGE;
          if (ok) page = Number(v);
          break;
      }
    }
    if (!ok) invalid.push(name);
  }
  return { params, page, invalid };
}
