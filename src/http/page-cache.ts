import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../domain/clock.js';

interface Entry {
  body: string;
  bytes: number;
  contentType: string;
  at: number;
}

/**
 * A small LRU cache of rendered public pages. Public pages are the same for every anonymous
 * reader of a locale and display mode, and most traffic goes to a few pages, so serving the
 * popular ones from memory removes the store and the renderer from the hot path.
 *
 * Freshness: any successful change made through this instance (a POST, PATCH or DELETE) empties
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

  set(key: string, body: string, contentType: string): void {
    const bytes = Buffer.byteLength(body);
    if (bytes > this.opts.maxBytes / 8) return;
    const old = this.map.get(key);
    if (old) this.delete(key, old);
    this.map.set(key, { body, bytes, contentType, at: this.opts.clock.now().getTime() });
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
const pending = new WeakMap<FastifyRequest, string>();

/** The cache key of a request, or null when the request must not use the cache. */
function keyOf(req: FastifyRequest): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  if (NOT_CACHED.test(req.url) || req.cookies.gk_session) return null;
  return `${req.ctx.locale}|${req.ctx.display}|${req.url}`;
}

/**
 * Serves cached public pages early in the request (after the locale, display mode and security
 * headers are set) and stores successful HTML responses. Register after helmet and the
 * request-context hooks, before the routes.
 */
export function registerPageCache(server: FastifyInstance, cache: PageCache): void {
  if (!cache.enabled) return;
  server.addHook('onRequest', async (req, reply) => {
    const key = keyOf(req);
    if (key === null) return;
    const hit = cache.get(key);
    if (hit) {
      cache.hits += 1;
      return reply.header('x-page-cache', 'hit').type(hit.contentType).send(hit.body);
    }
    cache.misses += 1;
    pending.set(req, key);
  });
  server.addHook('onSend', async (req, reply, payload) => {
    const key = pending.get(req);
    if (key === undefined || reply.statusCode !== 200 || typeof payload !== 'string' || reply.getHeader('set-cookie') !== undefined) return payload;
    const ct = String(reply.getHeader('content-type') ?? '');
    if (!ct.startsWith('text/html')) return payload;
    cache.set(key, payload, ct);
    reply.header('x-page-cache', 'miss');
    return payload;
  });
  server.addHook('onResponse', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && reply.statusCode < 400) cache.clear();
  });
}
