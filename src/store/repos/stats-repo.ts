import type { Exec } from '../schema.js';

/** A first publication with the path of its agency (for grouping by subtree). */
export interface StatDocumentRow {
  agency_id: string;
  agency_path: string;
  first_published_at: string;
  genre: string;
  theme_code: string;
  timeliness_days: number | null;
}

/** A received request with its outcome (aggregates only: no applicant data is selected). */
export interface StatRequestRow {
  agency_id: string;
  agency_path: string;
  received_on: string;
  applicant_type: string;
  outcome_code: string | null;
  outcome_on: string | null;
  due_date: string | null;
  extensions_granted: number;
}

/**
 * Facts for the public statistics, read with the portable builder. `pathPrefix` selects an agency
 * subtree by materialised path (`/…/id/`); `agencyId`, when given, only that agency. Reads are
 * plain snapshots; nothing is written.
 */
export const statsRepo = {
  /** Documents first published between the instants `from` (inclusive) and `to` (exclusive), still published. */
  async documents(db: Exec, pathPrefix: string, agencyId: string | null, from: string, to: string): Promise<StatDocumentRow[]> {
    let q = db
      .selectFrom('documents')
      .innerJoin('agencies', 'agencies.id', 'documents.agency_id')
      .select(['documents.agency_id', 'agencies.path as agency_path', 'documents.first_published_at', 'documents.genre', 'documents.theme_code', 'documents.timeliness_days'])
      .where('agencies.path', 'like', `${pathPrefix}%`)
      .where('documents.status', '=', 'published')
      .where('documents.first_published_at', '>=', from)
      .where('documents.first_published_at', '<', to);
    if (agencyId) q = q.where('documents.agency_id', '=', agencyId);
    return q.$narrowType<{ first_published_at: string }>().execute();
  },

  /** Requests received in [start, end] or whose outcome is dated in it (YYYY-MM-DD). */
  async requests(db: Exec, pathPrefix: string, agencyId: string | null, start: string, end: string): Promise<StatRequestRow[]> {
    let q = db
      .selectFrom('requests')
      .innerJoin('agencies', 'agencies.id', 'requests.agency_id')
      .leftJoin('request_outcomes', 'request_outcomes.request_id', 'requests.id')
      .select([
        'requests.agency_id',
        'agencies.path as agency_path',
        'requests.received_on',
        'requests.applicant_type',
        'request_outcomes.code as outcome_code',
        'request_outcomes.replied_on as outcome_on',
        'requests.due_date',
        'requests.extensions_granted',
      ])
      .where('agencies.path', 'like', `${pathPrefix}%`)
      .where('requests.received_on', 'is not', null)
      .where((eb) => eb.or([eb.and([eb('requests.received_on', '>=', start), eb('requests.received_on', '<=', end)]), eb.and([eb('request_outcomes.replied_on', '>=', start), eb('request_outcomes.replied_on', '<=', end)])]));
    if (agencyId) q = q.where('requests.agency_id', '=', agencyId);
    return q.$narrowType<{ received_on: string }>().execute();
  },
};
