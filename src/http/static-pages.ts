import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Deps } from '../commands/deps.js';
import { keepRender } from '../commands/page-renders.js';
import { storedHead, storedRender, type StoredRender } from '../queries/page-renders.js';

/** A stored page as the page cache takes it: compressed body and the headers to replay. */
export interface StaticPage {
  gzip: Buffer;
  headers: Record<string, string>;
}

/** What a route says about a page that may be kept: the tags of what it shows, and the epoch read before its data. */
export interface KeepInfo {
  tags: readonly string[];
  epoch: number;
}

/** Page-cache keys of pages kept statically: document pages and their versions, without a query string. */
const STATIC_KEY = /^(?:normal|large)\|(?:\/en)?\/documents\/[A-Za-z0-9_-]{1,64}\/\d{4}-\d{5}(?:\/v\/[1-9]\d{0,4})?$/;

/** One fingerprint per code folder and process (the code does not change under a running process). */
const fingerprints = new Map<string, Promise<string>>();

/**
 * A fingerprint of the running code (every file of the app's source or build folder): pages
 * rendered by other code are not served, so a deployment never shows pages in an old layout.
 */
export function codeFingerprint(root: string): Promise<string> {
  let f = fingerprints.get(root);
  if (!f) {
    f = hashTree(root);
    fingerprints.set(root, f);
  }
  return f;
}

async function hashTree(root: string): Promise<string> {
  const h = createHash('sha256');
  const files = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  const contents = await Promise.all(files.map((f) => readFile(f)));
  files.forEach((f, i) => h.update(f.slice(root.length)).update(contents[i] ?? ''));
  return h.digest('hex').slice(0, 16);
}

/**
 * Static publishing of document pages, shared by every app instance through the store: the
 * second level behind the in-memory page cache. A document page is kept (compressed, with the
 * tags of what it shows) the first time it is rendered, or by `gongkai render-pages`, and is
 * served from the store until a change to something it shows forgets it (in the change's own
 * transaction, see commands/page-renders.ts), the code or settings change (`generation`), or
 * it is older than `maxAgeMs` (a safety net for changes made outside the application).
 */
export class StaticPages {
  private code: string | null = null;
  private starting: Promise<void> | null = null;
  private readonly keeping = new Set<Promise<boolean>>();

  constructor(
    private readonly deps: Pick<Deps, 'db' | 'ops' | 'clock'>,
    private readonly opts: { baseUrl: string; demo: { value: boolean }; maxAgeMs: number; codeRoot: string; onError: (err: unknown) => void },
  ) {}

  /** Computes the code fingerprint; until it is known, nothing is served or kept. */
  init(): Promise<void> {
    this.starting ??= codeFingerprint(this.opts.codeRoot).then((code) => {
      this.code = code;
    });
    return this.starting;
  }

  get ready(): boolean {
    return this.code !== null;
  }

  /** The code and settings pages are rendered with. */
  generation(): string {
    return `${this.code ?? ''}|${this.opts.baseUrl}|${this.opts.demo.value ? 'demo' : 'live'}`;
  }

  /** True when the page of `key` may be kept. */
  accepts(key: string): boolean {
    return this.ready && STATIC_KEY.test(key);
  }

  /** The kept page of `key`, if it is of this generation and fresh: at once on SQLite, a promise on PostgreSQL. */
  lookup(key: string): StaticPage | undefined | Promise<StaticPage | undefined> {
    const found = storedRender(this.deps, key);
    return found instanceof Promise ? found.then((r) => this.usable(r)) : this.usable(found);
  }

  private usable(r: StoredRender | undefined): StaticPage | undefined | Promise<StaticPage | undefined> {
    if (!r || r.generation !== this.generation()) return undefined;
    if (this.deps.clock.now().getTime() - Date.parse(r.rendered_at) >= this.opts.maxAgeMs) return undefined;
    const gzip = Buffer.isBuffer(r.gzip) ? r.gzip : Buffer.from(r.gzip);
    const known = this.headerSets.get(r.head);
    if (known) return { gzip, headers: known };
    const json = storedHead(this.deps, r.head);
    const page = (j: string | undefined): StaticPage | undefined => (j === undefined ? undefined : { gzip, headers: this.remember(r.head, j) });
    return json instanceof Promise ? json.then(page) : page(json);
  }

  /** Kept pages share a handful of header sets, each read and parsed once. */
  private readonly headerSets = new Map<string, Record<string, string>>();
  private remember(id: string, json: string): Record<string, string> {
    const h = JSON.parse(json) as Record<string, string>;
    if (this.headerSets.size >= 64) this.headerSets.clear();
    this.headerSets.set(id, h);
    return h;
  }

  /** Keeps a rendered page (in the background; a failure is logged and the page simply not kept). */
  keep(key: string, page: StaticPage, info: KeepInfo): Promise<boolean> {
    const generation = this.generation();
    const p = keepRender(this.deps, { key, generation, gzip: page.gzip, headers: page.headers, tags: info.tags, epoch: info.epoch })
      .catch((err: unknown) => {
        this.opts.onError(err);
        return false;
      })
      .finally(() => this.keeping.delete(p));
    this.keeping.add(p);
    return p;
  }

  /** Resolves once every page being kept is stored (or failed). */
  async idle(): Promise<void> {
    while (this.keeping.size) await Promise.all([...this.keeping]);
  }
}

/**
 * Renders the current page of every public document that static publishing does not hold yet in
 * this generation (`gongkai render-pages`), through the server's own routes, so a deployment or a
 * bulk import starts with its pages kept. English pages too with `english`.
 */
export async function renderAllPages(
  server: { inject(o: { url: string }): PromiseLike<{ statusCode: number }> },
  statics: StaticPages,
  indexNumbers: AsyncIterable<string[]>,
  opts: { english?: boolean; onProgress?: (done: number, rendered: number) => void } = {},
): Promise<{ done: number; rendered: number; failed: number }> {
  await statics.init();
  let done = 0;
  let rendered = 0;
  let failed = 0;
  for await (const batch of indexNumbers) {
    for (const ix of batch) {
      for (const url of opts.english ? [`/documents/${ix}`, `/en/documents/${ix}`] : [`/documents/${ix}`]) {
        if (await statics.lookup(`normal|${url}`)) continue;
        const res = await server.inject({ url });
        if (res.statusCode === 200) rendered += 1;
        else failed += 1;
      }
      done += 1;
    }
    await statics.idle();
    opts.onProgress?.(done, rendered);
  }
  return { done, rendered, failed };
}
