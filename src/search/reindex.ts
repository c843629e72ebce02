/**
 * Rebuilds the search index (`gongkai reindex`) while the site keeps serving: documents are
 * re-indexed in id order, a batch per short transaction, so searches keep answering from the old
 * entries until each is replaced, and publications keep indexing themselves meanwhile. Progress
 * (the last id done) is kept in `instance_meta`, so an interrupted run resumes where it stopped;
 * a completed run clears it. Entries of documents no longer public are removed at the end.
 */
import type { Deps } from '../commands/deps.js';
import { indexDocumentIn } from './maintain.js';

const CURSOR_KEY = 'search.reindex.after';

/** Progress of a rebuild. */
export interface ReindexProgress {
  done: number;
  total: number;
  resumedAfter: string | null;
}

/** Runs or resumes a rebuild; `onProgress` is called after each batch. `fresh` ignores saved progress. */
export async function reindexAll(deps: Deps, opts: { batch?: number; fresh?: boolean; onProgress?: (p: ReindexProgress) => void } = {}): Promise<ReindexProgress> {
  const db = deps.db;
  const batch = opts.batch ?? 200;
  const saved = opts.fresh ? undefined : await db.selectFrom('instance_meta').select('value').where('key', '=', CURSOR_KEY).executeTakeFirst();
  let after = saved?.value ?? '';
  const publicDocs = db.selectFrom('documents').where('status', 'in', ['published', 'withdrawn']);
  const total = Number((await publicDocs.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  let done = after ? Number((await publicDocs.where('id', '<=', after).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) : 0;
  const progress = (): ReindexProgress => ({ done, total, resumedAfter: saved?.value ?? null });
  opts.onProgress?.(progress());
  for (;;) {
    const ids = (await publicDocs.select('id').where('id', '>', after).orderBy('id').limit(batch).execute()).map((r) => r.id);
    if (!ids.length) break;
    const last = ids[ids.length - 1] ?? after;
    await db.transaction().execute(async (trx) => {
      const at = deps.clock.now().toISOString();
      for (const id of ids) await indexDocumentIn(trx, deps.ops, id, at);
      await trx
        .insertInto('instance_meta')
        .values({ key: CURSOR_KEY, value: last, updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: last, updated_at: at }))
        .execute();
    });
    after = last;
    done += ids.length;
    opts.onProgress?.(progress());
  }
  // Entries whose document is no longer public (cannot normally happen; repairs a damaged index).
  const stale = await db
    .selectFrom('search_docs as s')
    .leftJoin('documents as d', 'd.id', 's.document_id')
    .select('s.document_id')
    .where((eb) => eb.or([eb('d.id', 'is', null), eb('d.status', 'not in', ['published', 'withdrawn'])]))
    .execute();
  for (const s of stale) await deps.ops.search.remove(db, s.document_id);
  await deps.ops.search.indexComplete(db);
  await db.deleteFrom('instance_meta').where('key', '=', CURSOR_KEY).execute();
  return progress();
}
