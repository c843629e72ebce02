import type { Deps } from '../commands/deps.js';

/**
 * Read models for the sitemap's engagement pages (issue 8): every consultation (all are public,
 * whatever their phase) and every message now published. Only ids, tracking numbers and dates:
 * nothing a commenter or sender wrote.
 */

/** Consultations with the instant their page last changed (the consultation itself, its latest shown comment or its published summary). */
export async function sitemapConsultations(deps: Deps): Promise<{ id: string; changed_at: string }[]> {
  const rows = await deps.db
    .selectFrom('consultations as c')
    .leftJoin('consultation_summaries as s', (j) => j.onRef('s.consultation_id', '=', 'c.id').on('s.state', '=', 'published'))
    .leftJoin('consultation_comments as k', (j) => j.onRef('k.consultation_id', '=', 'c.id').on('k.state', 'in', ['published', 'hidden']))
    .select((eb) => ['c.id', 'c.updated_at', eb.fn.max('s.published_at').as('summary_at'), eb.fn.max('k.published_at').as('comment_at')])
    .groupBy(['c.id', 'c.updated_at', 'c.created_at'])
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ id: r.id, changed_at: [r.updated_at, r.summary_at ?? '', r.comment_at ?? ''].reduce((a, b) => (b > a ? b : a)) }));
}

/** Published messages (with their answers), oldest first, with the instant they were published. */
export async function sitemapMessages(deps: Deps): Promise<{ tracking_number: string; changed_at: string }[]> {
  // The public page changes only when it is published (a later rating is private; withdrawal removes it).
  const rows = await deps.db.selectFrom('messages').select(['tracking_number', 'published_at', 'submitted_at']).where('published', '=', 1).orderBy('published_at').orderBy('tracking_number').execute();
  return rows.map((r) => ({ tracking_number: r.tracking_number, changed_at: r.published_at ?? r.submitted_at }));
}
