import type { Insertable, Updateable } from 'kysely';
import type {
  Exec,
  RequestAppeal,
  RequestAppealTable,
  RequestApplicant,
  RequestApplicantTable,
  RequestEventRow,
  RequestFee,
  RequestFeeTable,
  RequestFile,
  RequestFileTable,
  RequestOutcome,
  RequestOutcomeTable,
  RequestRow,
  RequestTable,
} from '../schema.js';

/** A request file with its blob's facts. */
export interface RequestFileWithBlob extends RequestFile {
  size: number;
  mime: string;
}

/**
 * Storage of requests and everything attached to them. No business rules. Personal data is read
 * only through `applicantOf`, so no query here returns it alongside a request by accident.
 */
export const requestRepo = {
  async insert(db: Exec, row: Insertable<RequestTable>): Promise<void> {
    await db.insertInto('requests').values(row).execute();
  },

  async insertApplicant(db: Exec, row: Insertable<RequestApplicantTable>): Promise<void> {
    await db.insertInto('request_applicants').values(row).execute();
  },

  async byId(db: Exec, id: string): Promise<RequestRow | undefined> {
    return db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async byTrackingNumber(db: Exec, trackingNumber: string): Promise<RequestRow | undefined> {
    return db.selectFrom('requests').selectAll().where('tracking_number', '=', trackingNumber).executeTakeFirst();
  },

  /** The applicant's personal data: for staff in scope and the outbox, never for public reads. */
  async applicantOf(db: Exec, requestId: string): Promise<RequestApplicant | undefined> {
    return db.selectFrom('request_applicants').selectAll().where('request_id', '=', requestId).executeTakeFirst();
  },

  /** Updates a request if its version is still `expected` (compare-and-set); false on a lost race. */
  async update(db: Exec, id: string, expected: number, patch: Updateable<RequestTable>): Promise<boolean> {
    const r = await db
      .updateTable('requests')
      .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', expected)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** The next tracking serial of `year`; serials are never reused. */
  async nextSerial(db: Exec, year: number): Promise<number> {
    const r = await db
      .insertInto('request_serials')
      .values({ year, last_serial: 1 })
      .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last_serial: eb('request_serials.last_serial', '+', 1) })))
      .returning('last_serial')
      .executeTakeFirstOrThrow();
    return Number(r.last_serial);
  },

  async events(db: Exec, requestId: string): Promise<RequestEventRow[]> {
    return db.selectFrom('request_events').selectAll().where('request_id', '=', requestId).orderBy('seq').execute();
  },

  /** Appends an event with the next sequence number of its request. */
  async appendEvent(db: Exec, row: Omit<Insertable<RequestEventRow>, 'seq'>): Promise<void> {
    const last = await db
      .selectFrom('request_events')
      .select((eb) => eb.fn.max('seq').as('n'))
      .where('request_id', '=', row.request_id)
      .executeTakeFirst();
    await db.insertInto('request_events').values({ ...row, seq: Number(last?.n ?? 0) + 1 }).execute();
  },

  /** Earlier requests at `agencyId` by the applicant `applicantKey` with the same description. */
  async sameApplicantAndDescription(db: Exec, agencyId: string, applicantKey: string, descriptionKey: string): Promise<{ id: string; tracking_number: string }[]> {
    return db
      .selectFrom('requests as r')
      .innerJoin('request_applicants as p', 'p.request_id', 'r.id')
      .select(['r.id', 'r.tracking_number'])
      .where('r.agency_id', '=', agencyId)
      .where('r.description_key', '=', descriptionKey)
      .where('p.applicant_key', '=', applicantKey)
      .orderBy('r.submitted_at')
      .execute();
  },

  /**
   * How many of the applicant's requests to `agencyId` were received in the month of `receivedOn`
   * up to and including `requestId` (ordered by receipt date, then tracking number): its 按件 number.
   */
  async numberInMonth(db: Exec, req: RequestRow, applicantKey: string): Promise<number> {
    const on = req.received_on ?? req.submitted_on;
    const month = on.slice(0, 7);
    const rows = await db
      .selectFrom('requests as r')
      .innerJoin('request_applicants as p', 'p.request_id', 'r.id')
      .select(['r.id', 'r.received_on', 'r.tracking_number'])
      .where('r.agency_id', '=', req.agency_id)
      .where('p.applicant_key', '=', applicantKey)
      .where('r.received_on', '>=', `${month}-01`)
      .where('r.received_on', '<=', `${month}-31`)
      .execute();
    const mine = (x: { received_on: string | null; tracking_number: string }) =>
      (x.received_on ?? '') < on || ((x.received_on ?? '') === on && x.tracking_number <= req.tracking_number);
    return rows.filter(mine).length;
  },

  async insertFile(db: Exec, row: Insertable<RequestFileTable>): Promise<void> {
    await db.insertInto('request_files').values(row).execute();
  },

  async filesOf(db: Exec, requestId: string): Promise<RequestFileWithBlob[]> {
    return db
      .selectFrom('request_files as f')
      .innerJoin('blobs as b', 'b.sha256', 'f.blob_sha256')
      .selectAll('f')
      .select(['b.size', 'b.mime'])
      .where('f.request_id', '=', requestId)
      .orderBy('f.created_at')
      .execute();
  },

  async insertFee(db: Exec, row: Insertable<RequestFeeTable>): Promise<void> {
    await db.insertInto('request_fees').values(row).execute();
  },

  async pendingFee(db: Exec, requestId: string): Promise<RequestFee | undefined> {
    return db.selectFrom('request_fees').selectAll().where('request_id', '=', requestId).where('status', '=', 'pending').executeTakeFirst();
  },

  async feesOf(db: Exec, requestId: string): Promise<RequestFee[]> {
    return db.selectFrom('request_fees').selectAll().where('request_id', '=', requestId).orderBy('created_at').execute();
  },

  async updateFee(db: Exec, id: string, patch: Updateable<RequestFeeTable>): Promise<void> {
    await db.updateTable('request_fees').set(patch).where('id', '=', id).execute();
  },

  async insertOutcome(db: Exec, row: Insertable<RequestOutcomeTable>): Promise<void> {
    await db.insertInto('request_outcomes').values(row).execute();
  },

  async outcomeOf(db: Exec, requestId: string): Promise<RequestOutcome | undefined> {
    return db.selectFrom('request_outcomes').selectAll().where('request_id', '=', requestId).executeTakeFirst();
  },

  async insertAppeal(db: Exec, row: Insertable<RequestAppealTable>): Promise<void> {
    await db.insertInto('request_appeals').values(row).execute();
  },

  async appealById(db: Exec, id: string): Promise<RequestAppeal | undefined> {
    return db.selectFrom('request_appeals').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async updateAppeal(db: Exec, id: string, patch: Updateable<RequestAppealTable>): Promise<void> {
    await db.updateTable('request_appeals').set(patch).where('id', '=', id).execute();
  },

  async appealsOf(db: Exec, requestId: string): Promise<RequestAppeal[]> {
    return db.selectFrom('request_appeals').selectAll().where('request_id', '=', requestId).orderBy('filed_on').execute();
  },

  async linkDocument(db: Exec, row: { request_id: string; document_id: string; created_by: string | null; created_at: string }): Promise<void> {
    await db.insertInto('request_document_links').values(row).execute();
  },

  async linkedDocuments(db: Exec, requestId: string): Promise<string[]> {
    const rows = await db.selectFrom('request_document_links').select('document_id').where('request_id', '=', requestId).execute();
    return rows.map((r) => r.document_id);
  },
};
