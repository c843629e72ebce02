import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import { cachingServerFactory, PageCache, registerPageCache } from './page-cache.js';
import { StaticPages } from './static-pages.js';
import { flushSearchSignals } from '../commands/search/record-search.js';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { AppContext } from '../app.js';
import { AppError } from '../domain/errors.js';
import { hasKey, translator } from '../i18n/i18n.js';
import { ErrorPage } from '../web/error-page.js';
import { sendPage, type WebEnv } from '../web/render.js';
import { registerPublicPages } from '../web/public-routes.js';
import { registerAdminPages } from '../web/admin-routes.js';
import { registerApi } from './api/routes.js';
import { sendJsonError, statusOf, toAppError } from './errors.js';
import { registerMetrics } from './metrics.js';
import { registerLogRoutes } from './log-routes.js';
import { registerWitnessRoutes } from './witness-routes.js';
import { rawLocale, rewriteLocaleUrl } from './request-context.js';

export interface ServerOptions {
  /** Requests per minute per address on /api (default 600). */
  apiRateLimit?: number;
  logger?: boolean;
}

const ASSETS = fileURLToPath(new URL('../../assets/', import.meta.url));
/** The app's own code (src/ or dist/), fingerprinted for static publishing. */
const CODE_ROOT = fileURLToPath(new URL('../', import.meta.url));

declare module 'fastify' {
  interface FastifyInstance {
    /** Static publishing of document pages; null when off. */
    staticPages: StaticPages | null;
  }
}

/** The dotted path of the first string holding a NUL or C0 control (tab/CR/LF allowed), if any. */
function findControlChars(v: unknown, path = '', depth = 0): string | null {
  if (typeof v === 'string') return /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(v) ? path || 'input' : null;
  if (depth > 8 || v === null || typeof v !== 'object') return null;
  for (const [k, x] of Object.entries(v)) {
    const r = findControlChars(x, path ? `${path}.${k}` : k, depth + 1);
    if (r) return r;
  }
  return null;
}

function isApi(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || req.url.startsWith('/log/');
}

/**
 * Builds the Fastify server: plugins, the request context, the error mapping, and every route.
 * Does not listen; `inject()` works on the result.
 */
export async function buildServer(app: AppContext, env: WebEnv, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const { config } = app;
  // Popular public pages from memory, in front of Fastify (see page-cache.ts for freshness).
  // Document pages kept rendered in the store (static publishing), behind the memory cache.
  // Served through the page cache, so off with it.
  const statics =
    config.staticPagesHours > 0 && config.pageCacheSeconds > 0 && config.pageCacheMb > 0
      ? new StaticPages(app.deps, { baseUrl: env.baseUrl, demo: env.demo, maxAgeMs: config.staticPagesHours * 3_600_000, codeRoot: CODE_ROOT, onError: (err) => server.log.error({ err }, 'static page not kept') })
      : null;
  const pageCache = new PageCache({ maxBytes: config.pageCacheMb * 1024 * 1024, ttlMs: config.pageCacheSeconds * 1000, clock: app.deps.clock, statics });
  const server = Fastify({
    serverFactory: cachingServerFactory(pageCache),
    logger: opts.logger === false || config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    rewriteUrl: rewriteLocaleUrl,
    bodyLimit: 1024 * 1024,
    // No type coercion: a number where a string belongs is the client's error, not ours to guess.
    ajv: { customOptions: { removeAdditional: false, allErrors: true, coerceTypes: false } },
    return503OnClosing: true,
  });

  registerPageCache(server, pageCache);
  // Repeated searches answered from the cache queue their demand signals; write them at shutdown.
  server.addHook('onClose', async () => {
    await flushSearchSignals(app.deps);
  });
  server.decorate('staticPages', statics);
  // Static pages are served once the code fingerprint is known (a few tens of ms after start).
  statics?.init().catch((err: unknown) => server.log.error({ err }, 'static publishing off: code fingerprint failed'));
  server.decorateRequest('ctx', null as never);
  server.addHook('onRequest', async (req) => {
    const locale = rawLocale.get(req.raw) ?? 'zh-CN';
    const path = req.url.split('?')[0] ?? '/';
    req.ctx = {
      locale,
      t: translator(locale),
      display: 'normal',
      staff: null,
      actor: null,
      barePath: path,
      csrf: '',
    };
  });

  // NUL and other C0 controls never belong in an id, query or form field; PostgreSQL would refuse
  // them deep inside a command. Refuse them at the door with a clear 400 instead.
  server.addHook('preHandler', async (req) => {
    const bad = findControlChars({ params: req.params, query: req.query, body: req.body });
    if (bad) throw new AppError('validation_failed', { fields: [{ field: bad, code: 'control_chars' }] });
  });

  await server.register(fastifyCookie);
  server.addHook('onRequest', async (req) => {
    if (req.cookies.gk_display === 'large') req.ctx.display = 'large';
  });
  await server.register(fastifyFormbody, { bodyLimit: 256 * 1024 });
  // Uploads are streamed part by part; the size limit that users see is enforced by ingestUpload
  // (file_too_large, nothing kept), so the plugin's own limit sits above it as a backstop.
  await server.register(fastifyMultipart, {
    // Keep the client's name as sent, so a name with a path is refused (file_name_invalid) rather
    // than silently shortened.
    preservePath: true,
    limits: { fileSize: app.config.uploadMaxBytes * 2, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 25, headerPairs: 100 },
  });
  await server.register(fastifyHelmet, {
    hsts: false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  // HSTS only when served over TLS (directly or via a trusted proxy): a plain-HTTP deployment
  // on an intranet must not be told to require HTTPS.
  server.addHook('onSend', async (req, reply) => {
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  await server.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => {
      const e = new AppError('rate_limited', { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) });
      (e as AppError & { statusCode: number }).statusCode = 429;
      return e;
    },
  });
  await server.register(fastifyStatic, {
    root: ASSETS,
    prefix: '/assets/',
    maxAge: '1h',
    immutable: false,
    index: false,
  });
  await server.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Gongkai API',
        version: '1',
        description: 'Public and staff API of the Gongkai open-government information platform.',
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'gk_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
  });

  const sendError = (err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const e = toAppError(err);
    if (!e) {
      req.log.error({ err }, 'unhandled error');
    }
    const appErr = e ?? new AppError('store_unavailable', { message: 'internal error' });
    const status = e ? statusOf(e) : 500;
    if (isApi(req)) {
      if (!e) return reply.status(500).send({ error: { code: 'internal', message: 'internal error', request_id: req.id } });
      return sendJsonError(req, reply, appErr);
    }
    if (appErr.code === 'login_required') {
      const next = encodeURIComponent(req.url);
      return reply.redirect(`${req.ctx.locale === 'en' ? '/en' : ''}/admin/login?next=${next}`, 303);
    }
    const key = e ? `error.${appErr.code}` : 'error.internal';
    const message = hasKey(key) ? req.ctx.t(key, { seconds: appErr.retryAfterSeconds ?? 60 }) : req.ctx.t('error.internal');
    if (appErr.retryAfterSeconds) reply.header('retry-after', String(appErr.retryAfterSeconds));
    return sendPage(env, req, reply, { title: req.ctx.t('error.title'), path: req.ctx.barePath, noindex: true }, ErrorPage({ ctx: req.ctx, message, status, requestId: req.id }), {
      status,
      area: req.url.startsWith('/admin') ? 'admin' : 'public',
    });
  };
  server.setErrorHandler((err, req, reply) => sendError(err, req, reply));
  server.setNotFoundHandler((req, reply) => sendError(new AppError('not_found'), req, reply));

  registerMetrics(server);
  server.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await app.store.ops.ping(app.store.db);
      return { status: 'ok', store: app.store.ops.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable', store: app.store.ops.kind });
    }
  });
  server.get('/preferences/display', { schema: { hide: true } }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const mode = q.mode === 'large' ? 'large' : 'normal';
    const back = typeof q.back === 'string' && /^\/(?![/\\])/.test(q.back) ? q.back : '/';
    reply.setCookie('gk_display', mode, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true, secure: req.protocol === 'https' });
    return reply.redirect(back, 303);
  });

  await server.register(async (api) => registerApi(api, app, opts.apiRateLimit ?? config.apiRateLimit), { prefix: '/api/v1' });
  await server.register(async (log) => registerLogRoutes(log, app), { prefix: '/log' });
  await server.register(async (witness) => registerWitnessRoutes(witness, app), { prefix: '/witness' });
  await server.register(async (pub) => registerPublicPages(pub, app, env));
  await server.register(async (admin) => registerAdminPages(admin, app, env), { prefix: '/admin' });
  return server;
}
