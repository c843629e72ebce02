/**
 * Reads of static publishing (stored renders of document pages; see http/static-pages.ts).
 */
import type { Deps } from '../commands/deps.js';
import { publicDocumentCount, publicIndexNumbers, readHead, readRender, renderEpoch, type StoredRender } from '../store/repos/page-render-repo.js';

export type { StoredRender };

/** The stored render of a page-cache key: a value at once on SQLite, a promise on PostgreSQL. */
export function storedRender(deps: Pick<Deps, 'db' | 'ops'>, key: string): StoredRender | undefined | Promise<StoredRender | undefined> {
  return readRender(deps.db, deps.ops, key);
}

/** The headers (JSON) of a stored render's `head`: a value at once on SQLite, a promise on PostgreSQL. */
export function storedHead(deps: Pick<Deps, 'db' | 'ops'>, id: string): string | undefined | Promise<string | undefined> {
  return readHead(deps.db, deps.ops, id);
}

/** The epoch to read before rendering a page that may be stored (see `keepRender`). */
export function currentRenderEpoch(deps: Pick<Deps, 'db'>): Promise<number> {
  return renderEpoch(deps.db);
}

/** The index numbers of every public (published or withdrawn) document, in batches. */
export async function* publicDocumentBatches(deps: Pick<Deps, 'db'>, size = 500): AsyncGenerator<string[]> {
  let after = '';
  for (;;) {
    const batch = await publicIndexNumbers(deps.db, after, size);
    if (!batch.length) return;
    yield batch;
    after = batch[batch.length - 1] ?? after;
  }
}

/** How many documents are public. */
export async function publicDocumentTotal(deps: Pick<Deps, 'db'>): Promise<number> {
  return publicDocumentCount(deps.db);
}
