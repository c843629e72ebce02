import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app.js';
import type { Actor } from '../../commands/actor.js';
import { createAgency } from '../../commands/create-agency.js';
import { login, logout } from '../../commands/sessions.js';
import { updateAgency } from '../../commands/update-agency.js';
import { AppError, invalid } from '../../domain/errors.js';
import { agencyByCode, agencyById, publicAgency, publicAgencyTree } from '../../queries/agencies.js';
import { grantsOf, listStaff } from '../../queries/staff.js';
import { verifyCsrf } from '../csrf.js';
import type { Session, User } from '../../store/schema.js';
import { clearSessionCookie, loadStaff, SESSION_COOKIE, setSessionCookie } from '../session-cookie.js';
import { presentAgency, presentTree } from './presenters.js';
import { registerDocumentApi } from './document-routes.js';
import { registerRequestApi } from './request-routes.js';
import { registerDeadlineApi } from './deadline-routes.js';
import { registerSearchApi } from './search-routes.js';
import { registerSupervisionApi } from './supervision-routes.js';
import { registerOpenDataApi } from './opendata-routes.js';
import { registerPushApi } from './push-routes.js';
import { registerSubscriptionsApi } from './subscriptions-routes.js';
import { registerMessagesApi } from './messages-routes.js';
import { registerConsultationsApi } from './consultations-routes.js';
import {
  AgencyTreeNodeSchema,
  CreateAgencyBody,
  ErrorSchema,
  LoginBody,
  PublicAgencySchema,
  SessionInfo,
  StaffAgencySchema,
  StaffListSchema,
  UpdateAgencyBody,
} from './schemas.js';

function requireActor(req: FastifyRequest): Actor {
  if (!req.ctx.actor) throw new AppError('login_required');
  return req.ctx.actor;
}

const errors = { 400: Type.Ref('Error'), 401: Type.Ref('Error'), 403: Type.Ref('Error'), 404: Type.Ref('Error'), 409: Type.Ref('Error'), 429: Type.Ref('Error') };

/**
 * `/api/v1`: the public read API and the staff API. Each route is a chain: schema → auth →
 * policy (inside the command) → command → presenter. Staff calls authenticate with the session
 * cookie and send the session's CSRF token in `x-csrf-token` for every change.
 */
export async function registerApi(root: FastifyInstance, app: AppContext, rateLimit: number): Promise<void> {
  const api = root.withTypeProvider<TypeBoxTypeProvider>();
  const deps = app.deps;
  api.addSchema(ErrorSchema);
  api.addSchema(AgencyTreeNodeSchema);
  api.addHook('onRequest', api.rateLimit({ max: rateLimit, timeWindow: '1 minute' }));
  api.addHook('preHandler', async (req) => {
    await loadStaff(deps, req);
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.ctx.staff) verifyCsrf(req);
  });

  const sessionInfo = async (user: User, session: Session) => ({
    user: { id: user.id, username: user.username, display_name: user.display_name },
    grants: (await grantsOf(deps, user.id)).map((g) => ({ role: g.role, agency_code: g.agency_code })),
    csrf_token: session.csrf_token,
    expires_at: session.expires_at,
  });

  api.get('/openapi.json', { schema: { hide: true } }, async () => root.swagger());

  api.get(
    '/agencies',
    {
      schema: {
        summary: 'All agencies as a tree, with disclosure-office contacts',
        tags: ['agencies'],
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('AgencyNode')) }) },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return { items: presentTree(await publicAgencyTree(deps)) };
    },
  );

  api.get(
    '/agencies/:code',
    {
      schema: {
        summary: 'One agency by its code',
        tags: ['agencies'],
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        response: { 200: Type.Object({ ...PublicAgencySchema.properties, children: Type.Array(Type.String()) }), ...errors },
      },
    },
    async (req) => {
      const { agency, parent, children } = await publicAgency(deps, req.params.code);
      return { ...presentAgency(agency, parent?.code ?? null), children: children.map((c) => c.code) };
    },
  );

  api.post(
    '/session',
    { schema: { summary: 'Staff log-in', tags: ['session'], body: LoginBody, response: { 200: SessionInfo, ...errors } } },
    async (req, reply) => {
      const r = await login(deps, { username: req.body.username, password: req.body.password, ip: req.ip, userAgent: req.headers['user-agent'] ?? '' });
      setSessionCookie(req, reply, r.token, r.session.absolute_expires_at);
      return sessionInfo(r.user, r.session);
    },
  );

  api.get('/session', { schema: { summary: 'The current staff session', tags: ['session'], security: [{ session: [] }], response: { 200: SessionInfo, ...errors } } }, async (req) => {
    requireActor(req);
    const s = req.ctx.staff;
    if (!s) throw new AppError('login_required');
    return sessionInfo(s.user, s.session);
  });

  api.delete('/session', { schema: { summary: 'Log out', tags: ['session'], security: [{ session: [], csrf: [] }], response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(deps, token, actor);
    clearSessionCookie(req, reply);
    return reply.status(204).send(null);
  });

  api.post(
    '/agencies',
    {
      schema: {
        summary: 'Create an agency under one you administer',
        tags: ['agencies'],
        security: [{ session: [], csrf: [] }],
        body: CreateAgencyBody,
        response: { 201: StaffAgencySchema, ...errors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const parent = await agencyByCode(deps, req.body.parent_code);
      if (!parent) throw invalid([{ field: 'body.parent_code', code: 'not_found' }], 'bad_agency_parent');
      const { parent_code: _p, ...rest } = req.body;
      const a = await createAgency(deps, actor, { ...rest, parent_id: parent.id });
      return reply.status(201).send({ ...presentAgency(a, parent.code), id: a.id, version: a.version });
    },
  );

  api.patch(
    '/agencies/:code',
    {
      schema: {
        summary: "Change an agency's names or disclosure-office details",
        tags: ['agencies'],
        security: [{ session: [], csrf: [] }],
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        body: UpdateAgencyBody,
        response: { 200: StaffAgencySchema, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const cur = await agencyByCode(deps, req.params.code);
      if (!cur) throw new AppError('agency_not_found');
      const { version, ...patch } = req.body;
      const a = await updateAgency(deps, actor, cur.id, version, patch);
      const parent = a.parent_id ? await agencyById(deps, a.parent_id) : undefined;
      return { ...presentAgency(a, parent?.code ?? null), id: a.id, version: a.version };
    },
  );

  api.get('/staff', { schema: { summary: 'Staff within your scope', tags: ['staff'], security: [{ session: [] }], response: { 200: StaffListSchema, ...errors } } }, async (req) => {
    const actor = requireActor(req);
    if (actor.type === 'staff' && !actor.grants.some((g) => g.role === 'admin' || g.role === 'supervisor')) throw new AppError('forbidden');
    const rows = await listStaff(deps, actor);
    return { items: rows.map((r) => ({ id: r.id, username: r.username, display_name: r.display_name, status: r.status, agency_code: r.agency_code })) };
  });

  await registerDocumentApi(root, app);
  await registerRequestApi(root, app);
  await registerDeadlineApi(root);
  await registerSearchApi(root, app);
  await registerSupervisionApi(root, app);
  await registerOpenDataApi(root, app);
  await registerPushApi(root, app);
  await registerSubscriptionsApi(root, app);
  await registerMessagesApi(root, app);
  await registerConsultationsApi(root, app);
}
