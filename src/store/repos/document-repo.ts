import type { Insertable, Updateable } from 'kysely';
import type {
  BlobTable,
  RevisionAttachmentTable,
  DocumentEventTable,
  DocumentRevisionTable,
  DocumentRow,
  DocumentTable,
  Exec,
  Revision,
  RevisionState,
  ReviewRecordTable,
} from '../schema.js';

/** One attachment of a revision with its blob's facts. */
export interface AttachmentWithBlob {
  id: string;
  revision_id: string;
  blob_sha256: string;
  filename: string;
  sort_order: number;
  size: number;
  mime: string;
  ext: string;
  text_status: string;
}

/** Storage of documents, revisions, attachments, reviews and public events. No business rules. */
export const documentRepo = {
  async insertDocument(db: Exec, row: Insertable<DocumentTable>): Promise<void> {
    await db.insertInto('documents').values(row).execute();
  },

  async insertRevision(db: Exec, row: Insertable<DocumentRevisionTable>): Promise<void> {
    await db.insertInto('document_revisions').values(row).execute();
  },

  async documentById(db: Exec, id: string): Promise<DocumentRow | undefined> {
    return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async documentByIndex(db: Exec, indexNumber: string): Promise<DocumentRow | undefined> {
    return db.selectFrom('documents').selectAll().where('index_number', '=', indexNumber).executeTakeFirst();
  },

  async revisionById(db: Exec, id: string): Promise<Revision | undefined> {
    return db.selectFrom('document_revisions').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async publishedVersion(db: Exec, documentId: string, versionNo: number): Promise<Revision | undefined> {
    return db
      .selectFrom('document_revisions')
      .selectAll()
      .where('document_id', '=', documentId)
      .where('version_no', '=', versionNo)
      .executeTakeFirst();
  },

  /** The revision being worked on (not yet published or discarded), if one exists. */
  async openRevision(db: Exec, documentId: string): Promise<Revision | undefined> {
    return db
      .selectFrom('document_revisions')
      .selectAll()
      .where('document_id', '=', documentId)
      .where('state', 'in', ['draft', 'submitted', 'cleared', 'scheduled'])
      .executeTakeFirst();
  },

  async maxRevisionNo(db: Exec, documentId: string): Promise<number> {
    const r = await db
      .selectFrom('document_revisions')
      .select((eb) => eb.fn.max('revision_no').as('n'))
      .where('document_id', '=', documentId)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },

  /** Updates a revision if its version is still `expected`; returns false on a lost race. */
  async updateRevisionVersioned(db: Exec, id: string, expected: number, patch: Updateable<DocumentRevisionTable>): Promise<boolean> {
    const r = await db
      .updateTable('document_revisions')
      .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', expected)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Moves a revision between states if it is still in `from` (compare-and-set). */
  async transition(db: Exec, id: string, from: RevisionState, patch: Updateable<DocumentRevisionTable>): Promise<boolean> {
    const r = await db
      .updateTable('document_revisions')
      .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('state', '=', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async updateDocument(db: Exec, id: string, patch: Updateable<DocumentTable>): Promise<void> {
    await db
      .updateTable('documents')
      .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
  },

  /** The next index serial of an agency for a year; serials are never reused (Art. 12 catalogue). */
  async nextIndexSerial(db: Exec, agencyId: string, year: number): Promise<number> {
    const r = await db
      .insertInto('index_serials')
      .values({ agency_id: agencyId, year, last_serial: 1 })
      .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet((eb) => ({ last_serial: eb('index_serials.last_serial', '+', 1) })))
      .returning('last_serial')
      .executeTakeFirstOrThrow();
    return Number(r.last_serial);
  },

  async attachmentsOf(db: Exec, revisionId: string): Promise<AttachmentWithBlob[]> {
    return db
      .selectFrom('revision_attachments as a')
      .innerJoin('blobs as b', 'b.sha256', 'a.blob_sha256')
      .select(['a.id', 'a.revision_id', 'a.blob_sha256', 'a.filename', 'a.sort_order', 'b.size', 'b.mime', 'b.ext', 'b.text_status'])
      .where('a.revision_id', '=', revisionId)
      .orderBy('a.sort_order')
      .orderBy('a.created_at')
      .execute();
  },

  async attachmentTexts(db: Exec, revisionId: string): Promise<{ id: string; filename: string; text: string | null; text_status: string }[]> {
    return db
      .selectFrom('revision_attachments as a')
      .innerJoin('blobs as b', 'b.sha256', 'a.blob_sha256')
      .select(['a.id', 'a.filename', 'b.text', 'b.text_status'])
      .where('a.revision_id', '=', revisionId)
      .orderBy('a.sort_order')
      .execute();
  },

  /** Records a blob's facts once; later uploads of the same bytes leave the row as it is. */
  async ensureBlob(db: Exec, row: Insertable<BlobTable>): Promise<void> {
    await db.insertInto('blobs').values(row).onConflict((oc) => oc.column('sha256').doNothing()).execute();
  },

  async insertAttachment(db: Exec, row: Insertable<RevisionAttachmentTable>): Promise<void> {
    await db.insertInto('revision_attachments').values(row).execute();
  },

  /** Removes an attachment link from a draft revision (the blob itself stays). */
  async deleteAttachment(db: Exec, revisionId: string, attachmentId: string): Promise<boolean> {
    const r = await db.deleteFrom('revision_attachments').where('id', '=', attachmentId).where('revision_id', '=', revisionId).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  },

  async appendReview(db: Exec, row: Insertable<ReviewRecordTable>): Promise<void> {
    await db.insertInto('review_records').values(row).execute();
  },

  async reviewsOf(db: Exec, documentId: string): Promise<(Insertable<ReviewRecordTable> & { reviewer_name: string })[]> {
    return db
      .selectFrom('review_records as r')
      .innerJoin('users as u', 'u.id', 'r.reviewer_id')
      .selectAll('r')
      .select('u.display_name as reviewer_name')
      .where('r.document_id', '=', documentId)
      .orderBy('r.at')
      .execute();
  },

  async appendEvent(db: Exec, row: Insertable<DocumentEventTable>): Promise<void> {
    await db.insertInto('document_events').values(row).execute();
  },
};
