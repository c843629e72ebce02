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
export async function recordSearch(deps: Deps, s: { query: string; agency: string | null; resultCount: number }): Promise<boolean> {
  const query = s.query.trim();
  if (!query || scanPersonalData(query).length > 0) return false;
  const now = deps.clock.now();
  try {
    const agencyId = s.agency ? ((await deps.db.selectFrom('agencies').select('id').where('code', '=', s.agency).executeTakeFirst())?.id ?? null) : null;
    await deps.db.insertInto('search_queries').values({ at: now.toISOString(), week: isoWeek(now), agency_id: agencyId, query, result_count: s.resultCount }).execute();
    return true;
  } catch {
    return false;
  }
}
