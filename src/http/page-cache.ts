import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../domain/clock.js';

interface Entry {
  body: Buffer;
  bytes: number;
  /** The response headers of the original render (security headers included), replayed on hits. */
  headers: Record<string, string>;
  at: number;
}

/**
 * A small LRU cache of rendered public pages. Public pages are the same for every anonymous
 * reader of a locale and display mode, and most traffic goes to a few pages, so serving the
 * popular ones from memory removes the store and the renderer from the hot path.
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

  constructor(private readonly opts: { maxBytes: number; ttlMs: number; clock: Clock }) {}

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
    // Re-insert: Map iteration order is insertion order, so the first key is the least recent.
    this.map.delete(key);
    this.map.set(key, e);
    return e;
  }

  set(key: string, body: string, headers: Record<string, string>): void {
    const buf = Buffer.from(body, 'utf8');
    const bytes = buf.length;
    if (bytes > this.opts.maxBytes / 8) return;
    const old = this.map.get(key);
    if (old) this.delete(key, old);
    this.map.set(key, { body: buf, bytes, headers, at: this.opts.clock.now().getTime() });
    this.bytes += bytes;
    for (const [k, e] of this.map) {
      if (this.bytes <= this.opts.maxBytes) break;
      this.delete(k, e);
    }
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

const NOT_CACHED = /^\/(admin|api|log|files|witness|preferences|healthz|metrics)(\/|$|\?)/;
const SESSION = /(?:^|;\s*)gk_session=/;
const LARGE = /(?:^|;\s*)gk_display=large(?:;|$)/;
const pending = new WeakMap<FastifyRequest, string>();
/** Headers that belong to one response, never replayed. */
const OWN = new Set(['content-length', 'set-cookie', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'x-page-cache']);

/** The cache key of a request, or null when the request must not use the cache. */
function keyOf(req: FastifyRequest, locale: string): string | null {
  if (req.method !== 'GET') return null;
  const cookie = req.headers.cookie ?? '';
  if (NOT_CACHED.test(req.url) || SESSION.test(cookie)) return null;
  return `${locale}|${LARGE.test(cookie) ? 'large' : 'normal'}|${req.url}`;
}

/**
 * Serves cached public pages as the very first step of a request, replaying the headers (security
 * headers included) of the response that was stored, and stores successful anonymous HTML
 * responses. Register before every other hook so that hits skip the per-request set-up.
 */
export function registerPageCache(server: FastifyInstance, cache: PageCache, localeOf: (req: FastifyRequest) => string): void {
  if (!cache.enabled) return;
  server.addHook('onRequest', async (req, reply) => {
    const key = keyOf(req, localeOf(req));
    if (key === null) return;
    const hit = cache.get(key);
    if (hit) {
      cache.hits += 1;
      // The stored response is complete (security headers included): write it straight to the
      // socket, skipping serialisation and the later hooks, which have nothing left to add.
      reply.hijack();
      reply.raw.writeHead(200, { ...hit.headers, 'content-length': String(hit.bytes), 'x-page-cache': 'hit' });
      reply.raw.end(hit.body);
      return reply;
    }
    cache.misses += 1;
    pending.set(req, key);
  });
  server.addHook('onSend', async (req, reply, payload) => {
    const key = pending.get(req);
    if (key === undefined || reply.statusCode !== 200 || typeof payload !== 'string' || reply.getHeader('set-cookie') !== undefined) return payload;
    // A page marked no-store (a form with its CSRF token, a request's private page) is never kept.
    if (/no-store/.test(String(reply.getHeader('cache-control') ?? ''))) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(reply.getHeaders())) if (!OWN.has(k) && v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
    cache.set(key, payload, headers);
    reply.header('x-page-cache', 'miss');
    return payload;
  });
  server.addHook('onResponse', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && reply.statusCode < 400) cache.clear();
  });
}
