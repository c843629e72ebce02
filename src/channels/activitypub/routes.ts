/**
 * Public endpoints of the ActivityPub channel, registered at the site root:
 * - `/.well-known/webfinger` (RFC 7033), `/.well-known/host-meta` (RFC 6415), `/.well-known/nodeinfo`
 *   and `/nodeinfo/2.0`;
 * - `/ap/agencies/:code`: the actor (ActivityStreams JSON when asked for it; browsers are sent to
 *   the agency's page), with `/outbox` (paged), `/followers` and `/following` (counts only),
 *   `/inbox` (POST), `/activities/:id` and `/documents/:ys` (the Note of a document);
 * - `/ap/inbox`: the shared inbox.
 * Bodies are read raw (the Digest covers the exact bytes), at most 256 KiB; errors are JSON.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.js';
import { ensureAgencyActor } from '../../commands/activitypub/agency-actor.js';
import { apAgencyByCode, apAgencyByUsername, apEntryByEvent, apFollowerCount, apInstanceUsage, apLatestEntryOfDocument, apOutbox, type ApAgency } from '../../queries/activitypub.js';
import { ACTIVITY_JSON, actorDocument, AS_CONTEXT, countOnlyCollection, documentActivity, documentNote, newActorUrl, OUTBOX_PAGE_SIZE, outboxDocument, usernameOf, webfingerDocument, type ApObject } from './activities.js';
import { handleInbox, type InboxEnv } from './inbox.js';
import { fetchPolicyFor } from './safe-fetch.js';

const INBOX_BODY_LIMIT = 256 * 1024;
const rawBodies = new WeakMap<FastifyRequest, Buffer>();

function wantsActivityJson(req: FastifyRequest): boolean {
  return /application\/(activity\+json|ld\+json)/i.test(String(req.headers.accept ?? ''));
}

function sendJson(reply: FastifyReply, status: number, body: ApObject, type = ACTIVITY_JSON): FastifyReply {
  return reply.status(status).header('content-type', type).header('access-control-allow-origin', '*').header('vary', 'Accept').send(JSON.stringify(body));
}

function sendError(reply: FastifyReply, status: number, error: string): FastifyReply {
  return reply.status(status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify({ error }));
}

/** Registers the ActivityPub endpoints (the channel adapter's `routes`). */
export async function registerActivityPubRoutes(app: FastifyInstance, core: AppContext): Promise<void> {
  const deps = core.deps;
  const publicUrl = core.config.publicUrl;
  const host = new URL(publicUrl).host;
  const env: InboxEnv = { deps, publicUrl, policy: fetchPolicyFor(publicUrl) };

  /** The agency and its actor row (created at first use). */
  const actorOf = async (agency: ApAgency) => ensureAgencyActor(deps, agency.id, newActorUrl(publicUrl, agency.code));

  await app.register(async (scope) => {
    // Raw bytes for the Digest; the JSON is parsed by the inbox after the signature checks.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: INBOX_BODY_LIMIT }, (req, body, done) => {
      rawBodies.set(req, body as Buffer); // parseAs 'buffer' hands a Buffer
      done(null, undefined);
    });
    scope.setErrorHandler((err: { statusCode?: number; message?: string }, req, reply) => {
      const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status === 500) req.log.error({ err }, 'activitypub route failed');
      return sendError(reply, status, status === 500 ? 'internal error' : (err.message ?? 'bad request'));
    });

    scope.get('/.well-known/webfinger', { schema: { hide: true } }, async (req, reply) => {
      const resource = (req.query as Record<string, unknown>).resource;
      if (typeof resource !== 'string' || resource === '') return sendError(reply, 400, 'resource is required');
      let agency: ApAgency | undefined;
      const acct = /^acct:([^@\s]+)@([^@\s]+)$/i.exec(resource);
      if (acct) {
        if (acct[2]!.toLowerCase() !== host.toLowerCase()) return sendError(reply, 404, 'not on this server');
        agency = await apAgencyByUsername(deps, acct[1]!);
      } else if (resource.startsWith(`${publicUrl}/ap/agencies/`) || resource.startsWith(`${publicUrl}/agencies/`)) {
        const code = decodeURIComponent(resource.replace(/^.*\/agencies\//, '').split(/[/?#]/)[0] ?? '');
        agency = await apAgencyByCode(deps, code);
      } else {
        return sendError(reply, 404, 'unknown resource');
      }
      if (!agency) return sendError(reply, 404, 'no such account');
      const actor = await actorOf(agency);
      return sendJson(reply, 200, webfingerDocument({ username: usernameOf(agency.code), host, actorUrl: actor.actor_url, pageUrl: `${publicUrl}/agencies/${encodeURIComponent(agency.code)}` }), 'application/jrd+json; charset=utf-8');
    });

    scope.get('/.well-known/host-meta', { schema: { hide: true } }, async (_req, reply) => {
      const xrd = `<?xml version="1.0" encoding="UTF-8"?>\n<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0"><Link rel="lrdd" template="${publicUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}/.well-known/webfinger?resource={uri}"/></XRD>\n`;
      return reply.header('content-type', 'application/xrd+xml; charset=utf-8').header('access-control-allow-origin', '*').send(xrd);
    });

    scope.get('/.well-known/nodeinfo', { schema: { hide: true } }, async (_req, reply) =>
      sendJson(reply, 200, { links: [{ rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0', href: `${publicUrl}/nodeinfo/2.0` }] }, 'application/json; charset=utf-8'),
    );

    scope.get('/nodeinfo/2.0', { schema: { hide: true } }, async (_req, reply) => {
      const u = await apInstanceUsage(deps);
      return sendJson(
        reply,
        200,
        { version: '2.0', software: { name: 'gongkai', version: '0.1.0' }, protocols: ['activitypub'], services: { inbound: [], outbound: [] }, openRegistrations: false, usage: { users: { total: u.agencies }, localPosts: u.documents }, metadata: {} },
        'application/json; profile="http://nodeinfo.diaspora.software/ns/schema/2.0#"; charset=utf-8',
      );
    });

    const agencyOr404 = async (req: FastifyRequest<{ Params: { code: string } }>, reply: FastifyReply): Promise<ApAgency | null> => {
      const agency = await apAgencyByCode(deps, req.params.code);
      if (!agency) {
        await sendError(reply, 404, 'no such actor');
        return null;
      }
      return agency;
    };

    scope.get<{ Params: { code: string } }>('/ap/agencies/:code', { schema: { hide: true } }, async (req, reply) => {
      const agency = await agencyOr404(req, reply);
      if (!agency) return reply;
      if (!wantsActivityJson(req)) return reply.header('vary', 'Accept').redirect(`/agencies/${encodeURIComponent(agency.code)}`, 303);
      const actor = await actorOf(agency);
      return sendJson(reply, 200, actorDocument({ publicUrl, actorUrl: actor.actor_url, agency, publicKeyPem: actor.public_key_pem }));
    });

    scope.get<{ Params: { code: string }; Querystring: { page?: string } }>('/ap/agencies/:code/outbox', { schema: { hide: true } }, async (req, reply) => {
      const agency = await agencyOr404(req, reply);
      if (!agency) return reply;
      const raw = req.query.page;
      const page = raw === undefined ? null : /^[1-9][0-9]{0,5}$/.test(raw) ? Number(raw) : NaN;
      if (Number.isNaN(page)) return sendError(reply, 400, 'page must be a positive integer');
      const actor = await actorOf(agency);
      const { total, entries } = await apOutbox(deps, agency.id, page, OUTBOX_PAGE_SIZE);
      return sendJson(reply, 200, outboxDocument({ publicUrl, actorUrl: actor.actor_url, total, page, entries }));
    });

    scope.get<{ Params: { code: string } }>('/ap/agencies/:code/followers', { schema: { hide: true } }, async (req, reply) => {
      const agency = await agencyOr404(req, reply);
      if (!agency) return reply;
      const actor = await actorOf(agency);
      return sendJson(reply, 200, countOnlyCollection(`${actor.actor_url}/followers`, await apFollowerCount(deps, agency.id)));
    });

    scope.get<{ Params: { code: string } }>('/ap/agencies/:code/following', { schema: { hide: true } }, async (req, reply) => {
      const agency = await agencyOr404(req, reply);
      if (!agency) return reply;
      const actor = await actorOf(agency);
      return sendJson(reply, 200, countOnlyCollection(`${actor.actor_url}/following`, 0));
    });

    scope.get<{ Params: { code: string; id: string } }>('/ap/agencies/:code/activities/:id', { schema: { hide: true } }, async (req, reply) => {
      const agency = await agencyOr404(req, reply);
      if (!agency) return reply;
      const entry = await apEntryByEvent(deps, agency.id, req.params.id);
      if (!entry) return sendError(reply, 404, 'no such activity');
      const actor = await actorOf(agency);
      return sendJson(reply, 200, documentActivity(publicUrl, actor.actor_url, entry));
    });

    scope.get<{ Params: { code: string; ys: string } }>('/ap/agencies/:code/documents/:ys', { schema: { hide: true } }, async (req, reply) => {
      const agency = await agencyOr404(req, reply);
      if (!agency) return reply;
      const entry = await apLatestEntryOfDocument(deps, agency.id, `${agency.code}/${req.params.ys}`);
      if (!entry) return sendError(reply, 404, 'no such document');
      if (!wantsActivityJson(req)) return reply.header('vary', 'Accept').redirect(`/documents/${encodeURIComponent(agency.code)}/${encodeURIComponent(req.params.ys)}`, 303);
      const actor = await actorOf(agency);
      return sendJson(reply, 200, { '@context': AS_CONTEXT, ...documentNote(publicUrl, actor.actor_url, entry) });
    });

    const inbox = async (req: FastifyRequest, reply: FastifyReply, agency: ApAgency | null) => {
      // The signed `host` is checked against the configured public host, not the Host header a
      // reverse proxy may have rewritten; a request signed for another host does not verify.
      const r = await handleInbox(env, { method: req.method, target: req.raw.url ?? req.url, headers: { ...req.headers, host }, body: rawBodies.get(req) }, agency);
      if (r.status === 202) return reply.status(202).send();
      return sendError(reply, r.status, r.error ?? 'refused');
    };
    // Each bad request can cost a key fetch, so one address gets a bounded number of tries; a
    // large remote server delivering to many agencies stays far below it.
    const inboxOpts = { schema: { hide: true }, onRequest: scope.rateLimit({ max: 600, timeWindow: '1 minute' }) };
    scope.post<{ Params: { code: string } }>('/ap/agencies/:code/inbox', inboxOpts, async (req, reply) => {
      const agency = await agencyOr404(req, reply);
      if (!agency) return reply;
      return inbox(req, reply, agency);
    });
    scope.post('/ap/inbox', inboxOpts, async (req, reply) => inbox(req, reply, null));
  });
}

