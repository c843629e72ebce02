import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DialectOps } from '../dialect/dialect.js';
import type { DB, Exec } from '../schema.js';

/** Tags of what a stored page shows; a change to the thing tagged forgets the page. */
export const pageTag = {
  document: (id: string): string => `doc:${id}`,
  agency: (id: string): string => `agency:${id}`,
  theme: (code: string): string => `theme:${code}`,
};

/** A stored render, as read on the hot path. */
export interface StoredRender {
  generation: string;
  gzip: Buffer;
  /** Id of its headers: see `readHead`. */
  head: string;
  rendered_at: string;
}

const readQuery = (db: Kysely<DB>, key: string) => db.selectFrom('page_renders').select(['generation', 'gzip', 'head', 'rendered_at']).where('key', '=', key);
const headQuery = (db: Kysely<DB>, id: string) => db.selectFrom('page_render_heads').select('headers').where('id', '=', id);
/** Reads prepared once per store (SQLite). */
const prepared = new WeakMap<Kysely<DB>, { render: (p: readonly unknown[]) => StoredRender | undefined; head: (p: readonly unknown[]) => { headers: string } | undefined }>();

function preparedOf(db: Kysely<DB>, prepareNow: NonNullable<DialectOps['prepareNow']>) {
  let p = prepared.get(db);
  if (!p) {
    p = { render: prepareNow(readQuery(db, '')), head: prepareNow(headQuery(db, '')) };
    prepared.set(db, p);
  }
  return p;
}

/**
 * The stored render of `key`: at once (a value, not a promise) on SQLite, whose reads are
 * synchronous, so a hit never waits for the event loop; a promise on PostgreSQL.
 */
export function readRender(db: Kysely<DB>, ops: DialectOps, key: string): StoredRender | undefined | Promise<StoredRender | undefined> {
  return ops.prepareNow ? preparedOf(db, ops.prepareNow).render([key]) : readQuery(db, key).executeTakeFirst();
}

/** The headers (JSON) of a stored render's `head` id; at once on SQLite, a promise on PostgreSQL. */
export function readHead(db: Kysely<DB>, ops: DialectOps, id: string): string | undefined | Promise<string | undefined> {
  if (ops.prepareNow) return preparedOf(db, ops.prepareNow).head([id])?.headers;
  return headQuery(db, id)
    .executeTakeFirst()
    .then((r) => r?.headers);
}

/** The current epoch: read before rendering, handed to `storeRender`. */
export async function renderEpoch(db: Exec): Promise<number> {
  const r = await db.selectFrom('page_render_epoch').select('epoch').where('id', '=', 1).executeTakeFirst();
  return Number(r?.epoch ?? 0);
}

/**
 * Stores a render with its tags, unless the epoch has moved since `epoch` was read (something the
 * page may show has changed meanwhile, so the render may be stale). On PostgreSQL the epoch row
 * is read FOR SHARE, so an invalidation (which updates that row first) either commits before and
 * is seen, or waits until this store has committed and then deletes what it stored.
 * Returns whether it stored.
 */
export async function storeRender(
  db: Kysely<DB>,
  ops: DialectOps,
  r: { key: string; generation: string; gzip: Buffer; headers: string; renderedAt: string; tags: readonly string[]; epoch: number },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await ops.forShare(trx.selectFrom('page_render_epoch').select('epoch').where('id', '=', 1)).executeTakeFirst();
    if (Number(row?.epoch ?? 0) !== r.epoch) return false;
    await trx.deleteFrom('page_render_tags').where('key', '=', r.key).execute();
    const head = createHash('sha256').update(r.headers).digest('hex').slice(0, 32);
    await trx
      .insertInto('page_render_heads')
      .values({ id: head, headers: r.headers })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await trx
      .insertInto('page_renders')
      .values({ key: r.key, generation: r.generation, gzip: r.gzip, head, rendered_at: r.renderedAt })
      .onConflict((oc) => oc.column('key').doUpdateSet({ generation: r.generation, gzip: r.gzip, head, rendered_at: r.renderedAt }))
      .execute();
    const tags = [...new Set(r.tags)];
    if (tags.length) await trx.insertInto('page_render_tags').values(tags.map((tag) => ({ tag, key: r.key }))).execute();
    return true;
  });
}

/**
 * Deletes every render tagged with one of `tags`, on the caller's transaction (so the change and
 * the deletion commit together), and moves the epoch on so that no render begun before the change
 * is stored after it. Returns how many renders went.
 */
export async function invalidateRenders(trx: Exec, tags: readonly string[]): Promise<number> {
  await trx
    .updateTable('page_render_epoch')
    .set((eb) => ({ epoch: eb('epoch', '+', 1) }))
    .where('id', '=', 1)
    .execute();
  const unique = [...new Set(tags)];
  if (!unique.length) return 0;
  const keys = trx.selectFrom('page_render_tags').select('key').where('tag', 'in', unique);
  const r = await trx.deleteFrom('page_renders').where('key', 'in', keys).executeTakeFirst();
  await trx.deleteFrom('page_render_tags').where('key', 'in', trx.selectFrom('page_render_tags').select('key').where('tag', 'in', unique)).execute();
  return Number(r.numDeletedRows);
}

/** Deletes every stored render (`gongkai render-pages --clear`). */
export async function clearRenders(db: Exec): Promise<void> {
  await db.deleteFrom('page_render_tags').execute();
  await db.deleteFrom('page_renders').execute();
  await db.deleteFrom('page_render_heads').execute();
}

/**
 * The tags a platform event's subject invalidates: a document's own pages and the page of the
 * policy it interprets (which lists it); a consultation's draft document and final policy.
 */
export async function tagsOfSubject(db: Exec, type: 'document' | 'consultation' | 'message', id: string): Promise<string[]> {
  if (type === 'document') {
    const d = await db.selectFrom('documents').select('interprets_id').where('id', '=', id).executeTakeFirst();
    return [pageTag.document(id), ...(d?.interprets_id ? [pageTag.document(d.interprets_id)] : [])];
  }
  if (type === 'consultation') {
    const c = await db.selectFrom('consultations').select('draft_document_id').where('id', '=', id).executeTakeFirst();
    const s = await db.selectFrom('consultation_summaries').select('final_document_id').where('consultation_id', '=', id).executeTakeFirst();
    return [c?.draft_document_id, s?.final_document_id].flatMap((d) => (d ? [pageTag.document(d)] : []));
  }
  return [];
}

/** Index numbers of public documents after `after`, in order. */
export async function publicIndexNumbers(db: Exec, after: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('documents')
    .select('index_number')
    .where('status', 'in', ['published', 'withdrawn'])
    .where('index_number', 'is not', null)
    .where('index_number', '>', after)
    .orderBy('index_number')
    .limit(limit)
    .execute();
  return rows.flatMap((r) => (r.index_number ? [r.index_number] : []));
}

/** How many documents are public. */
export async function publicDocumentCount(db: Exec): Promise<number> {
  const r = await db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', ['published', 'withdrawn']).executeTakeFirst();
  return Number(r?.n ?? 0);
}
