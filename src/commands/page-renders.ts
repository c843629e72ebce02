/**
 * Writes of static publishing: keeping a rendered document page, and forgetting the pages that
 * show something that changed (called in the change's own transaction).
 */
import type { Exec } from '../store/schema.js';
import { clearRenders, invalidateRenders, storeRender } from '../store/repos/page-render-repo.js';
import type { Deps } from './deps.js';

export { pageTag } from '../store/repos/page-render-repo.js';

/**
 * Keeps a rendered page unless something changed since `epoch` was read (before the page's data
 * was). Returns whether it was kept.
 */
export function keepRender(
  deps: Pick<Deps, 'db' | 'ops' | 'clock'>,
  r: { key: string; generation: string; gzip: Buffer; headers: Record<string, string>; tags: readonly string[]; epoch: number },
): Promise<boolean> {
  return storeRender(deps.db, deps.ops, { key: r.key, generation: r.generation, gzip: r.gzip, headers: JSON.stringify(r.headers), renderedAt: deps.clock.now().toISOString(), tags: r.tags, epoch: r.epoch });
}

/** Forgets every stored page that shows one of `tags`, on the caller's transaction. */
export function forgetPages(trx: Exec, tags: readonly string[]): Promise<number> {
  return invalidateRenders(trx, tags);
}

/** Forgets every stored page. */
export function forgetAllPages(deps: Pick<Deps, 'db'>): Promise<void> {
  return clearRenders(deps.db);
}
