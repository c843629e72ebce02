import { scanPersonalData } from '../../domain/pii.js';
import type { Deps } from '../deps.js';

/** ISO 8601 week (`2026-W10`) of an instant, in China time (UTC+8, no DST). */
export function isoWeek(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3_600_000);
  const day = d.getUTCDay() || 7;
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 4 - day));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Records one search as a demand signal (issue 6 §6): the normalised query, the agency searched
 * within (by code; an unknown code counts as site-wide), the result count and the time. Nothing about the person: no IP, no cookie, no user id.
 * A query that looks like personal data (an identity number, a phone number, an e-mail address)
 * is not recorded at all, and neither is an empty one. Never throws: losing a signal must not
 * fail a search.
 */
export async function recordSearch(deps: Deps, s: { query: string; agency: string | null; resultCount: number }): Promise<SearchSignal | null> {
  const query = s.query.trim();
  if (!query || scanPersonalData(query).length > 0) return null;
  const now = deps.clock.now();
  try {
    const agencyId = s.agency ? ((await deps.db.selectFrom('agencies').select('id').where('code', '=', s.agency).executeTakeFirst())?.id ?? null) : null;
    const signal = { agency_id: agencyId, query, result_count: s.resultCount };
    await deps.db.insertInto('search_queries').values({ at: now.toISOString(), week: isoWeek(now), ...signal }).execute();
    return signal;
  } catch {
    return null;
  }
}

/** A recorded search, as checked and resolved by `recordSearch` (the same search again needs neither). */
export interface SearchSignal {
  agency_id: string | null;
  query: string;
  result_count: number;
}

/** Repeats waiting to be written, per store; written together once a second. */
const waiting = new Map<Deps['db'], { deps: Deps; rows: { at: string; week: string; agency_id: string | null; query: string; result_count: number }[] }>();
const FLUSH_MS = 1000;
const MAX_WAITING = 10_000;

/**
 * Records the same search again, now (a repeat answered from the page cache): queued and written
 * with the others in one statement within a second, so a popular search costs no write of its
 * own. Never throws.
 */
export function recordSearchAgain(deps: Deps, s: SearchSignal): void {
  const now = deps.clock.now();
  let w = waiting.get(deps.db);
  if (!w) {
    w = { deps, rows: [] };
    waiting.set(deps.db, w);
    setTimeout(() => void flushSearchSignals(deps), FLUSH_MS).unref();
  }
  if (w.rows.length < MAX_WAITING) w.rows.push({ at: now.toISOString(), week: isoWeek(now), ...s });
}

/** Writes the queued repeats now (also at shutdown). Never throws; a failed write loses them. */
export async function flushSearchSignals(deps: Pick<Deps, 'db'>): Promise<number> {
  const w = waiting.get(deps.db);
  if (!w) return 0;
  waiting.delete(deps.db);
  try {
    for (let i = 0; i < w.rows.length; i += 500) await deps.db.insertInto('search_queries').values(w.rows.slice(i, i + 500)).execute();
    return w.rows.length;
  } catch {
    return 0;
  }
}
