import { gunzipSync, gzipSync } from 'node:zlib';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest, FastifyServerFactory } from 'fastify';
import type { Clock } from '../domain/clock.js';
import type { KeepInfo, StaticPage, StaticPages } from './static-pages.js';

interface Entry {
  /** The page; null for a page taken compressed from static publishing until a client wants it plain. */
  body: Buffer | null;
  /**
   * The same body gzip-compressed, made at the first hit from a client that accepts gzip (as
   * browsers do), so pages read only once are never compressed.
   */
  gzip: Buffer | null;
  /** Memory held by the entry: both bodies. */
  bytes: number;
  /** Called on every hit, for side effects the route has on each request (search demand signals). */
  onHit: (() => void) | null;
  /** The response headers of the original render (security headers included), replayed on hits. */
  headers: Record<string, string>;
  /**
   * The complete header list of a hit, plain and compressed, as flat [name, value, …] arrays:
   * Node writes a prepared array about twice as fast as it copies and checks an object's fields,
   * which for a cached page is most of the work.
   */
  plainHead: string[] | null;
  gzipHead: string[] | null;
  at: number;
  /** Read since eviction last passed it (second-chance eviction, see `evict`). */
  ref: boolean;
}

/** Header sets flattened once (pages from static publishing share a few sets). */
const headPrefixes = new WeakMap<Record<string, string>, string[]>();

/** The flat header list of a hit with a body of `length` bytes. */
function hitHead(headers: Record<string, string>, length: number, gzip: boolean, origin: 'hit' | 'static' = 'hit'): string[] {
  let prefix = headPrefixes.get(headers);
  if (!prefix) {
    prefix = Object.entries(headers).flat();
    headPrefixes.set(headers, prefix);
  }
  const out = prefix.slice();
  out.push('vary', 'accept-encoding');
  if (gzip) out.push('content-encoding', 'gzip');
  out.push('content-length', String(length), 'x-page-cache', origin);
  return out;
}

/**
 * A small cache of rendered public pages, evicting about the least recently used (see `evict`).
 * Public pages are the same for every anonymous reader of a locale and display mode, and most
 * traffic goes to a few pages, so serving the popular ones from memory removes the store and the
 * renderer from the hot path.
 *
 * Freshness: every successful change made through this instance (a POST, PATCH or DELETE) empties
 * the cache at once; changes made elsewhere (another instance, the scheduler, the CLI) show after
 * at most `ttlMs`. Staff requests (with a session cookie) are never served from or stored in it.
 */
export class PageCache {
  private readonly map = new Map<string, Entry>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  /** Static publishing of document pages behind this cache, if on. */
  readonly statics: StaticPages | null;

  constructor(private readonly opts: { maxBytes: number; ttlMs: number; clock: Clock; statics?: StaticPages | null }) {
    this.statics = opts.statics ?? null;
  }

  get enabled(): boolean {
    return this.opts.ttlMs > 0 && this.opts.maxBytes > 0;
  }

  get(key: string): Entry | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (this.opts.clock.now().getTime() - e.at >= this.opts.ttlMs) {
      this.delete(key, e);
      return undefined;
    }
    e.ref = true;
    return e;
  }

  set(key: string, body: string, headers: Record<string, string>, onHit: (() => void) | null = null): Entry | undefined {
    const buf = Buffer.from(body, 'utf8');
    return this.put(key, { body: buf, gzip: null, bytes: buf.length, headers, onHit, plainHead: hitHead(headers, buf.length, false), gzipHead: null, at: this.opts.clock.now().getTime(), ref: false });
  }

  /** Keys answered once from static publishing lately, not yet held in memory (see `admit`). */
  private readonly seenOnce = new Set<string>();

  /**
   * Whether a page found in static publishing should also be held in memory: only at its second
   * request in a while, so pages read once (most of a large catalogue) do not push the popular
   * ones out (a "doorkeeper", as in TinyLFU caches).
   */
  admit(key: string): boolean {
    if (this.seenOnce.delete(key)) return true;
    if (this.seenOnce.size >= 100_000) this.seenOnce.clear();
    this.seenOnce.add(key);
    return false;
  }

  /** Holds a page taken compressed from static publishing. */
  setCompressed(key: string, page: StaticPage): Entry | undefined {
    const { gzip, headers } = page;
    return this.put(key, { body: null, gzip, bytes: gzip.length, headers, onHit: null, plainHead: null, gzipHead: hitHead(headers, gzip.length, true), at: this.opts.clock.now().getTime(), ref: false });
  }

  private put(key: string, e: Entry): Entry | undefined {
    if (e.bytes > this.opts.maxBytes / 8) return undefined;
    const old = this.map.get(key);
    if (old) this.delete(key, old);
    this.map.set(key, e);
    this.bytes += e.bytes;
    this.evict();
    return e;
  }

  /**
   * Drops entries until the cache fits its budget, oldest first, except that an entry read since
   * it was last passed gets a second chance (moved to the young end, its mark cleared): the CLOCK
   * approximation of LRU. Reads only set a mark; moving the entry on every read (delete and set)
   * leaves a deleted slot in the Map's hash chain each time, and a popular page's lookups then
   * walk thousands of them until the table is rebuilt.
   */
  private evict(): void {
    for (const [k, e] of this.map) {
      if (this.bytes <= this.opts.maxBytes) break;
      if (e.ref) {
        e.ref = false;
        this.map.delete(k);
        this.map.set(k, e);
      } else this.delete(k, e);
    }
  }

  /** The entry's body compressed, made once (a typical page shrinks about fourfold). */
  gzipOf(e: Entry): Buffer {
    if (e.gzip !== null) return e.gzip;
    const gz = gzipSync(e.body ?? Buffer.alloc(0));
    e.gzip = gz;
    e.gzipHead = hitHead(e.headers, gz.length, true);
    this.grow(e, gz.length);
    return gz;
  }

  /** The entry's body uncompressed, made once for a page that came compressed. */
  plainOf(e: Entry): Buffer {
    if (e.body !== null) return e.body;
    const body = gunzipSync(e.gzip ?? Buffer.alloc(0));
    e.body = body;
    e.plainHead = hitHead(e.headers, body.length, false);
    this.grow(e, body.length);
    return body;
  }

  /** Counts `n` more bytes held by `e`, and evicts if the budget is passed. */
  private grow(e: Entry, n: number): void {
    e.bytes += n;
    this.bytes += n;
    this.evict();
  }

  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.map.size;
  }

  private delete(key: string, e: Entry): void {
    this.map.delete(key);
    this.bytes -= e.bytes;
  }
}

const NOT_CACHED = /^(?:\/en)?\/(admin|api|log|files|witness|preferences|healthz|metrics)(\/|$|\?)/;
/** JSON answers that are the same for every anonymous reader, cached like pages. */
const CACHEABLE_API = /^\/api\/v1\/search(\?|$)/;
const SESSION = /(?:^|;\s*)gk_session=/;
const LARGE = /(?:^|;\s*)gk_display=large(?:;|$)/;
const GZIP = /\bgzip\b/;
const pending = new WeakMap<FastifyRequest, string>();
const hitHooks = new WeakMap<FastifyRequest, () => void>();
const keepInfo = new WeakMap<FastifyRequest, KeepInfo>();

/**
 * Marks the page this request renders as one static publishing may keep (a document page), with
 * the tags of what it shows and the epoch read before its data. Kept only if the cache would
 * keep the response and the key is one of static publishing's.
 */
export function keepStatically(req: FastifyRequest, info: KeepInfo): void {
  keepInfo.set(req, info);
}

/**
 * Looks `key` up in static publishing after a miss in memory; on a find, holds the page in memory
 * too and answers. Returns true when answered, false when the request must be rendered, or a
 * promise of that (PostgreSQL reads are round trips).
 */
function serveFromStatics(cache: PageCache, key: string, req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> {
  const statics = cache.statics;
  if (statics === null || !statics.accepts(key)) return false;
  const answer = (page: StaticPage | undefined): boolean => {
    if (!page) return false;
    const e = cache.admit(key) ? cache.setCompressed(key, page) : undefined;
    if (e) send(cache, e, req, res, 'static');
    else {
      // Not held in memory: written straight from the stored copy.
      const gz = GZIP.test(req.headers['accept-encoding'] ?? '');
      const body = gz ? page.gzip : gunzipSync(page.gzip);
      res.writeHead(200, hitHead(page.headers, body.length, gz, 'static'));
      res.end(body);
    }
    return true;
  };
  const found = statics.lookup(key);
  return found instanceof Promise ? found.then(answer, () => false) : answer(found);
}

/**
 * Registers what a request does besides answering, so that a cached copy of its response does it
 * too on each hit (fire-and-forget; the function must not throw). Search uses it to record its
 * demand signal for every search, served from the cache or not.
 */
export function onCacheHit(req: FastifyRequest, fn: () => void): void {
  hitHooks.set(req, fn);
}
/** Headers that belong to one response, never replayed. */
const OWN = new Set(['vary', 'content-encoding', 'content-length', 'set-cookie', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'x-page-cache']);

/**
 * The cache key of a raw request, or null when the request must not use the cache. `url` is the
 * URL as received (with its `/en` prefix, which selects the locale), so the key can be computed
 * before routing.
 */
export function pageCacheKey(method: string | undefined, url: string, headers: IncomingHttpHeaders): string | null {
  if (method !== 'GET') return null;
  const cookie = headers.cookie ?? '';
  if ((NOT_CACHED.test(url) && !CACHEABLE_API.test(url)) || SESSION.test(cookie)) return null;
  return `${LARGE.test(cookie) ? 'large' : 'normal'}|${url}`;
}

/**
 * Answers `req` from the cache if it holds the page: the stored response is complete (security
 * headers included), so it is written straight to the socket. Returns false on a miss.
 */
export function serveFromCache(cache: PageCache, key: string, req: IncomingMessage, res: ServerResponse): boolean {
  const hit = cache.get(key);
  if (!hit) return false;
  cache.hits += 1;
  send(cache, hit, req, res, 'hit');
  return true;
}

/** Writes a cached page, compressed when the client accepts it; `origin` goes in x-page-cache. */
function send(cache: PageCache, e: Entry, req: IncomingMessage, res: ServerResponse, origin: 'hit' | 'static'): void {
  const gz = GZIP.test(req.headers['accept-encoding'] ?? '');
  const body = gz ? cache.gzipOf(e) : cache.plainOf(e);
  const head = origin === 'hit' ? (gz ? e.gzipHead : e.plainHead) : null;
  res.writeHead(200, head ?? hitHead(e.headers, body.length, gz, origin));
  res.end(body);
  e.onHit?.();
}

/**
 * An HTTP server whose request handler answers cache hits itself, in front of Fastify: a hit costs
 * no routing, no request objects and no hooks, like a reverse-proxy cache in the same process.
 * Misses (and everything not cacheable) go to Fastify, whose hooks below store the response.
 * The server is set up as Fastify sets up its own (`lib/server.js`).
 */
export function cachingServerFactory(cache: PageCache): FastifyServerFactory {
  return (handler, opts) => {
    const server = createServer(opts.http ?? {}, (req, res) => {
      const key = cache.enabled ? pageCacheKey(req.method, req.url ?? '/', req.headers) : null;
      if (key === null) return handler(req, res);
      if (serveFromCache(cache, key, req, res)) return;
      const fromStatics = serveFromStatics(cache, key, req, res);
      if (fromStatics === true) return;
      if (fromStatics === false) return handler(req, res);
      void fromStatics.then((served) => {
        if (!served) handler(req, res);
      });
    });
    const { keepAliveTimeout, requestTimeout, connectionTimeout, maxRequestsPerSocket } = opts;
    if (typeof keepAliveTimeout === 'number') server.keepAliveTimeout = keepAliveTimeout;
    if (typeof requestTimeout === 'number') server.requestTimeout = requestTimeout;
    if (typeof connectionTimeout === 'number') server.setTimeout(connectionTimeout);
    if (typeof maxRequestsPerSocket === 'number' && maxRequestsPerSocket > 0) server.maxRequestsPerSocket = maxRequestsPerSocket;
    return server;
  };
}

/**
 * Stores successful anonymous HTML responses, and serves hits for requests that reach Fastify
 * without the caching server (`inject()` in tests). Register before every other hook so that
 * hits skip the per-request set-up.
 */
export function registerPageCache(server: FastifyInstance, cache: PageCache): void {
  if (!cache.enabled) return;
  // Single flight: while one request renders a page, others for the same page wait for it and are
  // answered from the cache, instead of all rendering it at once when it expires (at a million
  // documents a common search takes ~0.1 s, and twenty readers at once would take 2 s).
  const inflight = new Map<string, Promise<void>>();
  const leading = new WeakMap<FastifyRequest, () => void>();
  const finish = (req: FastifyRequest): void => leading.get(req)?.();
  server.addHook('onRequest', async (req, reply) => {
    const key = pageCacheKey(req.method, req.originalUrl, req.headers);
    if (key === null) return;
    // No await unless the store is asked (PostgreSQL): the flight below is joined or started at once.
    const fromStatics = serveFromCache(cache, key, req.raw, reply.raw) || serveFromStatics(cache, key, req.raw, reply.raw);
    if (fromStatics === true || (fromStatics !== false && (await fromStatics))) {
      reply.hijack();
      return reply;
    }
    const running = inflight.get(key);
    if (running) {
      await running;
      if (serveFromCache(cache, key, req.raw, reply.raw)) {
        reply.hijack();
        return reply;
      }
    }
    cache.misses += 1;
    pending.set(req, key);
    if (!inflight.has(key)) {
      let release = (): void => undefined;
      inflight.set(key, new Promise<void>((resolve) => (release = resolve)));
      // Released when the response is sent or the client goes; a stuck render frees its waiters after 30 s.
      const timer = setTimeout(() => done(), 30_000);
      timer.unref();
      const done = (): void => {
        clearTimeout(timer);
        if (leading.get(req) !== done) return;
        leading.delete(req);
        inflight.delete(key);
        release();
      };
      leading.set(req, done);
    }
  });
  server.addHook('onRequestAbort', async (req) => finish(req));
  server.addHook('onSend', async (req, reply, payload) => {
    const key = pending.get(req);
    if (key === undefined || reply.statusCode !== 200 || typeof payload !== 'string' || reply.getHeader('set-cookie') !== undefined) return payload;
    // A page marked no-store (a form with its CSRF token, a request's private page) is never kept.
    if (/no-store/.test(String(reply.getHeader('cache-control') ?? ''))) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!type.startsWith('text/html') && !(type.startsWith('application/json') && CACHEABLE_API.test(req.originalUrl))) return payload;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(reply.getHeaders())) if (!OWN.has(k) && v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
    const entry = cache.set(key, payload, headers, hitHooks.get(req) ?? null);
    const keep = keepInfo.get(req);
    if (keep && cache.statics?.accepts(key)) void cache.statics.keep(key, { gzip: entry ? cache.gzipOf(entry) : gzipSync(payload), headers }, keep);
    reply.header('x-page-cache', 'miss');
    // Hits of this URL may be compressed, so caches between here and the reader must key on it.
    reply.header('vary', 'accept-encoding');
    return payload;
  });
  server.addHook('onResponse', async (req, reply) => {
    finish(req);
    if (req.method !== 'GET' && req.method !== 'HEAD' && reply.statusCode < 400) cache.clear();
  });
}
