import type { Insertable, Updateable } from 'kysely';
import type { Exec, MessageEventRow, MessageRow, MessageSender, MessageTable } from '../schema.js';

/**
 * Messages to agencies. Contract: `message_senders` (personal data) is read only by
 * `sender`, for staff views and outbox recipients; `message_events` is append-only (the
 * database refuses UPDATE and DELETE); `update` checks the row version (optimistic), returning
 * false when another writer changed the message first.
 */
export const messageRepo = {
  async insert(db: Exec, row: MessageRow, sender: MessageSender): Promise<void> {
    await db.insertInto('messages').values(row).execute();
    await db.insertInto('message_senders').values(sender).execute();
  },

  byId(db: Exec, id: string): Promise<MessageRow | undefined> {
    return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
  },

  byNumber(db: Exec, number: string): Promise<MessageRow | undefined> {
    return db.selectFrom('messages').selectAll().where('tracking_number', '=', number).executeTakeFirst();
  },

  sender(db: Exec, id: string): Promise<MessageSender | undefined> {
    return db.selectFrom('message_senders').selectAll().where('message_id', '=', id).executeTakeFirst();
  },

  /** Updates `id` when its version is still `version`, and bumps the version. */
  async update(db: Exec, id: string, version: number, set: Updateable<MessageTable>): Promise<boolean> {
    const r = await db.updateTable('messages').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async nextSerial(db: Exec, year: number): Promise<number> {
    const r = await db
      .insertInto('message_serials')
      .values({ year, last_serial: 1 })
      .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last_serial: eb('message_serials.last_serial', '+', 1) })))
      .returning('last_serial')
      .executeTakeFirstOrThrow();
    return Number(r.last_serial);
  },

  events(db: Exec, messageId: string): Promise<MessageEventRow[]> {
    return db.selectFrom('message_events').selectAll().where('message_id', '=', messageId).orderBy('seq').execute();
  },

  /** Appends an event with the next sequence number of its message. */
  async appendEvent(db: Exec, row: Omit<Insertable<MessageEventRow>, 'seq'>): Promise<void> {
    const last = await db.selectFrom('message_events').select((eb) => eb.fn.max('seq').as('n')).where('message_id', '=', row.message_id).executeTakeFirst();
    await db.insertInto('message_events').values({ ...row, seq: Number(last?.n ?? 0) + 1 }).execute();
  },

  /** The agency's answer deadline in working days, or undefined when it set none. */
  async answerDays(db: Exec, agencyId: string): Promise<number | undefined> {
    const r = await db.selectFrom('message_settings').select('answer_days').where('agency_id', '=', agencyId).executeTakeFirst();
    return r ? Number(r.answer_days) : undefined;
  },

  async setAnswerDays(db: Exec, agencyId: string, days: number, at: string, by: string | null): Promise<void> {
    await db
      .insertInto('message_settings')
      .values({ agency_id: agencyId, answer_days: days, updated_at: at, updated_by: by })
      .onConflict((oc) => oc.column('agency_id').doUpdateSet({ answer_days: days, updated_at: at, updated_by: by }))
      .execute();
  },
};
