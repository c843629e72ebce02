import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Exec } from '../schema.js';
import { invalidateRenders, tagsOfSubject } from './page-render-repo.js';
import type { ConsultationCommentTable, ConsultationPointTable, ConsultationSummaryTable, ConsultationTable } from '../schema-consultations.js';

export type ConsultationRow = Selectable<ConsultationTable>;
export type CommentRow = Selectable<ConsultationCommentTable>;
export type SummaryRow = Selectable<ConsultationSummaryTable>;
export type PointRow = Selectable<ConsultationPointTable>;

/** Comment states that count as received: admitted (verified or anonymous), whatever moderation did later. */
export const RECEIVED_STATES = ['pending', 'published', 'hidden'] as const;

/** Counts of one consultation's received comments. */
export interface CommentCounts {
  total: number;
  hidden: number;
  published: number;
  pending: number;
  participants: number;
  /** Received comments per paragraph number (null: on the whole draft). */
  perParagraph: { paragraph_no: number | null; n: number }[];
}

/**
 * Store access of the consultations area. Plain reads and writes on the caller's executor; the
 * rules live in `domain/consultations` and the commands.
 */
export const consultationRepo = {
  async insert(db: Exec, row: Insertable<ConsultationTable>): Promise<void> {
    await db.insertInto('consultations').values(row).execute();
    // The draft document's page links its consultations (static publishing forgets it).
    await invalidateRenders(db, await tagsOfSubject(db, 'consultation', row.id));
  },
  byId(db: Exec, id: string): Promise<ConsultationRow | undefined> {
    return db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async update(db: Exec, id: string, patch: Updateable<ConsultationTable>): Promise<void> {
    const before = await tagsOfSubject(db, 'consultation', id);
    await db.updateTable('consultations').set(patch).where('id', '=', id).execute();
    await invalidateRenders(db, [...before, ...(await tagsOfSubject(db, 'consultation', id))]);
  },
  /** Scheduled consultations whose start passed and open ones whose end passed, at `now`. */
  async due(db: Exec, now: string): Promise<{ toOpen: ConsultationRow[]; toClose: ConsultationRow[] }> {
    const toOpen = await db.selectFrom('consultations').selectAll().where('state', '=', 'scheduled').where('starts_at', '<=', now).execute();
    const toClose = await db.selectFrom('consultations').selectAll().where('state', 'in', ['scheduled', 'open']).where('ends_at', '<=', now).execute();
    return { toOpen, toClose };
  },
  async insertComment(db: Exec, row: Insertable<ConsultationCommentTable>): Promise<void> {
    await db.insertInto('consultation_comments').values(row).execute();
  },
  commentById(db: Exec, id: string): Promise<CommentRow | undefined> {
    return db.selectFrom('consultation_comments').selectAll().where('id', '=', id).executeTakeFirst();
  },
  commentByTokenHash(db: Exec, hash: string): Promise<CommentRow | undefined> {
    return db.selectFrom('consultation_comments').selectAll().where('verify_token_hash', '=', hash).executeTakeFirst();
  },
  /** Updates a comment if it is still at `version`; false when someone else changed it first. */
  async updateComment(db: Exec, id: string, version: number, patch: Updateable<ConsultationCommentTable>): Promise<boolean> {
    const r = await db
      .updateTable('consultation_comments')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async hasReport(db: Exec, commentId: string, readerHash: string): Promise<boolean> {
    const r = await db.selectFrom('consultation_reports').select('comment_id').where('comment_id', '=', commentId).where('reader_hash', '=', readerHash).executeTakeFirst();
    return r !== undefined;
  },
  async insertReport(db: Exec, row: { comment_id: string; reader_hash: string; reason: string; created_at: string }): Promise<void> {
    await db.insertInto('consultation_reports').values(row).execute();
  },
  async counts(db: Exec, consultationId: string): Promise<CommentCounts> {
    const rows = await db
      .selectFrom('consultation_comments')
      .select(['state', 'paragraph_no', 'participant_hash'])
      .where('consultation_id', '=', consultationId)
      .where('state', 'in', [...RECEIVED_STATES])
      .execute();
    const per = new Map<number | null, number>();
    for (const r of rows) {
      const k = r.paragraph_no === null ? null : Number(r.paragraph_no);
      per.set(k, (per.get(k) ?? 0) + 1);
    }
    return {
      total: rows.length,
      hidden: rows.filter((r) => r.state === 'hidden').length,
      published: rows.filter((r) => r.state === 'published').length,
      pending: rows.filter((r) => r.state === 'pending').length,
      participants: new Set(rows.map((r) => r.participant_hash)).size,
      perParagraph: [...per.entries()].map(([paragraph_no, n]) => ({ paragraph_no, n })).sort((a, b) => (a.paragraph_no ?? 0) - (b.paragraph_no ?? 0)),
    };
  },
  summaryOf(db: Exec, consultationId: string): Promise<SummaryRow | undefined> {
    return db.selectFrom('consultation_summaries').selectAll().where('consultation_id', '=', consultationId).executeTakeFirst();
  },
  pointsOf(db: Exec, consultationId: string): Promise<PointRow[]> {
    return db.selectFrom('consultation_points').selectAll().where('consultation_id', '=', consultationId).orderBy('sort_order').execute();
  },
  async saveSummary(db: Exec, row: Insertable<ConsultationSummaryTable>, points: Insertable<ConsultationPointTable>[]): Promise<void> {
    const exists = await db.selectFrom('consultation_summaries').select('consultation_id').where('consultation_id', '=', row.consultation_id).executeTakeFirst();
    if (exists) {
      const { consultation_id: _id, ...patch } = row;
      await db.updateTable('consultation_summaries').set(patch).where('consultation_id', '=', row.consultation_id).execute();
    } else await db.insertInto('consultation_summaries').values(row).execute();
    await db.deleteFrom('consultation_points').where('consultation_id', '=', row.consultation_id).execute();
    if (points.length) await db.insertInto('consultation_points').values(points).execute();
  },
};
