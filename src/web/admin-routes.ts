import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import type { Actor } from '../commands/actor.js';
import { allowed } from '../commands/actor.js';
import { PROFILE_KEYS, type AgencyProfileInput } from '../commands/agency-input.js';
import { createAgency } from '../commands/create-agency.js';
import { setAgencyOpen } from '../commands/close-agency.js';
import { createUser, grantRole, revokeRole, setPassword, setUserStatus } from '../commands/manage-staff.js';
import { moveAgency } from '../commands/move-agency.js';
import { listOwnSessions, login, logout, revokeOwnSession } from '../commands/sessions.js';
import { updateAgency } from '../commands/update-agency.js';
import { isAgencyLevel } from '../domain/agency-rules.js';
import { AppError, type FieldIssue } from '../domain/errors.js';
import { manageableAgencies, staffAgency, staffAgencyTree } from '../queries/agencies.js';
import { auditTrail, grantsOf, listStaff, staffMember } from '../queries/staff.js';
import { ensureCsrfToken, verifyCsrf } from '../http/csrf.js';
import { localePath } from '../http/request-context.js';
import { clearSessionCookie, loadStaff, SESSION_COOKIE, setSessionCookie } from '../http/session-cookie.js';
import { AgencyDetailPage, AgencyListPage, NewAgencyPage } from './admin/agency-pages.js';
import { AuditPage } from './admin/audit-page.js';
import { DashboardPage } from './admin/dashboard-page.js';
import { LoginPage } from './admin/login-page.js';
import { SessionsPage } from './admin/sessions-page.js';
import { NewStaffPage, StaffDetailPage, StaffListPage } from './admin/staff-pages.js';
import { field, fields, intField } from './form-body.js';
import { sendPage, type WebEnv } from './render.js';
import { registerAdminDocumentPages } from './admin-document-routes.js';
import { registerAdminCalendarPages } from './admin-calendar-routes.js';
import { registerAdminRequestPages } from './admin-request-routes.js';
import { registerAdminReportPages } from './admin-report-routes.js';
import { registerSupervisionAdminPages } from './supervision-routes.js';
import { registerOpenDataAdminPages } from './opendata-routes.js';
import { registerPushAdminPages } from './push-routes.js';
import { registerSubscriptionsAdminPages } from './subscriptions-routes.js';
import { registerMessagesAdminPages } from './messages-routes.js';
import { registerConsultationsAdminPages } from './consultations-routes.js';
import { registerSearchAdminPages } from './search-routes.js';

function actorOf(req: FastifyRequest): Actor {
  if (!req.ctx.actor) throw new AppError('login_required');
  return req.ctx.actor;
}

/** Local redirect target from `next`, refusing anything that could leave the site. */
function safeNext(next: string, fallback: string): string {
  return /^\/(?![/\\])[^\s]*$/.test(next) ? next : fallback;
}

function formIssues(e: unknown): FieldIssue[] | null {
  if (e instanceof AppError && (e.kind === 'invalid' || e.code === 'duplicate_agency_code' || e.code === 'duplicate_username')) {
    return e.fields.length ? e.fields : [{ field: 'form', code: 'invalid' }];
  }
  return null;
}

/** The staff console under `/admin`: its own auth hook, CSRF check and error pages. */
export async function registerAdminPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  const deps = core.deps;
  const open = new Set(['/admin/login']);

  app.addHook('preHandler', async (req, reply) => {
    await loadStaff(deps, req);
    req.ctx.csrf = ensureCsrfToken(req, reply);
    const route = req.routeOptions.url ?? '';
    if (!open.has(route) && !req.ctx.staff) throw new AppError('login_required');
    // Multipart forms carry the token as a part; their route checks it before storing the file.
    if (req.method === 'POST' && !req.isMultipart()) verifyCsrf(req);
  });

  const l = (req: FastifyRequest, p: string) => localePath(req.ctx.locale, p);
  const page = (req: FastifyRequest, title: string, path: string) => ({ title, path, noindex: true });

  // --- sign-in -------------------------------------------------------------------------------
  app.get<{ Querystring: { next?: string } }>('/login', async (req, reply) => {
    if (req.ctx.staff) return reply.redirect(l(req, '/admin'), 303);
    return sendPage(env, req, reply, page(req, req.ctx.t('admin.login_title'), '/admin/login'), LoginPage({ ctx: req.ctx, next: req.query.next }), { area: 'admin' });
  });

  app.post('/login', async (req, reply) => {
    const { username, password, next } = fields(req.body, ['username', 'password', 'next'] as const);
    try {
      const r = await login(deps, { username, password, ip: req.ip, userAgent: req.headers['user-agent'] ?? '' });
      setSessionCookie(req, reply, r.token, r.session.absolute_expires_at);
      return reply.redirect(safeNext(next, l(req, '/admin')), 303);
    } catch (e) {
      if (!(e instanceof AppError) || (e.code !== 'bad_credentials' && e.code !== 'too_many_attempts')) throw e;
      const status = e.code === 'too_many_attempts' ? 429 : 401;
      if (e.retryAfterSeconds) reply.header('retry-after', String(e.retryAfterSeconds));
      const error = req.ctx.t(`error.${e.code}`, { seconds: e.retryAfterSeconds ?? 60 });
      return sendPage(env, req, reply, page(req, req.ctx.t('admin.login_title'), '/admin/login'), LoginPage({ ctx: req.ctx, error, username, next }), { area: 'admin', status });
    }
  });

  app.post('/logout', async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(deps, token, actorOf(req));
    clearSessionCookie(req, reply);
    return reply.redirect(l(req, '/'), 303);
  });

  // --- dashboard -----------------------------------------------------------------------------
  app.get('/', async (req, reply) => {
    const s = req.ctx.staff;
    if (!s) throw new AppError('login_required');
    const grants = await grantsOf(deps, s.user.id);
    return sendPage(env, req, reply, page(req, req.ctx.t('admin.dashboard'), '/admin'), DashboardPage({ ctx: req.ctx, grants }), { area: 'admin', current: '/admin' });
  });

  // --- agencies ------------------------------------------------------------------------------
  app.get('/agencies', async (req, reply) => {
    const actor = actorOf(req);
    const roots = await staffAgencyTree(deps, actor);
    const canCreate = (await manageableAgencies(deps, actor)).length > 0;
    return sendPage(env, req, reply, page(req, req.ctx.t('admin.agencies'), '/admin/agencies'), AgencyListPage({ ctx: req.ctx, roots, canCreate }), { area: 'admin', current: '/admin/agencies' });
  });

  const newAgencyForm = async (req: FastifyRequest, values: Record<string, string>, issues: FieldIssue[], status = 200) => {
    const parents = await manageableAgencies(deps, actorOf(req));
    if (!parents.length) throw new AppError('forbidden');
    return { parents, values, issues, status };
  };

  app.get('/agencies/new', async (req, reply) => {
    const f = await newAgencyForm(req, { time_zone: deps.defaultTimeZone }, []);
    return sendPage(env, req, reply, page(req, req.ctx.t('admin.new_agency'), '/admin/agencies/new'), NewAgencyPage({ ctx: req.ctx, ...f }), { area: 'admin', current: '/admin/agencies' });
  });

  app.post('/agencies/new', async (req, reply) => {
    const actor = actorOf(req);
    const v = fields(req.body, ['parent_id', 'level', 'code', ...PROFILE_KEYS.filter((k) => k !== 'sort_order')] as const);
    try {
      const level = v.level;
      if (!isAgencyLevel(level)) throw new AppError('validation_failed', { fields: [{ field: 'level', code: 'invalid' }] });
      const a = await createAgency(deps, actor, { ...v, level, parent_id: v.parent_id || null });
      return reply.redirect(l(req, `/admin/agencies/${a.id}?created=1`), 303);
    } catch (e) {
      const issues = formIssues(e);
      if (!issues) throw e;
      const f = await newAgencyForm(req, v, issues);
      return sendPage(env, req, reply, page(req, req.ctx.t('admin.new_agency'), '/admin/agencies/new'), NewAgencyPage({ ctx: req.ctx, ...f }), { area: 'admin', status: 400 });
    }
  });

  const agencyDetail = async (req: FastifyRequest, id: string, values: Record<string, string> | null, issues: FieldIssue[], flash?: string) => {
    const actor = actorOf(req);
    const d = await staffAgency(deps, actor, id);
    const moveTargets = d.canManage ? (await manageableAgencies(deps, actor)).filter((p) => !p.path.startsWith(d.agency.path)) : [];
    const current: Record<string, string> = {};
    for (const k of PROFILE_KEYS) current[k] = String(d.agency[k]);
    return AgencyDetailPage({ ctx: req.ctx, ...d, moveTargets, values: values ?? current, issues, flash });
  };

  app.get<{ Params: { id: string }; Querystring: Record<string, string> }>('/agencies/:id', async (req, reply) => {
    const flash = req.query.created ? req.ctx.t('admin.created') : req.query.saved ? req.ctx.t('admin.saved') : undefined;
    const content = await agencyDetail(req, req.params.id, null, [], flash);
    return sendPage(env, req, reply, page(req, req.ctx.t('admin.agencies'), `/admin/agencies/${req.params.id}`), content, { area: 'admin', current: '/admin/agencies' });
  });

  app.post<{ Params: { id: string } }>('/agencies/:id', async (req, reply) => {
    const actor = actorOf(req);
    const v = fields(req.body, PROFILE_KEYS.filter((k) => k !== 'sort_order'));
    const version = intField(req.body, 'version');
    const patch: AgencyProfileInput = {};
    for (const [k, val] of Object.entries(v) as [keyof typeof v, string][]) {
      // A field absent from the form (e.g. names for an editor) is left unchanged.
      if (req.body && typeof req.body === 'object' && k in req.body) patch[k] = val;
    }
    try {
      await updateAgency(deps, actor, req.params.id, version, patch);
      return reply.redirect(l(req, `/admin/agencies/${req.params.id}?saved=1`), 303);
    } catch (e) {
      const issues = formIssues(e);
      const conflict = e instanceof AppError && e.code === 'stale_version';
      if (!issues && !conflict) throw e;
      const content = await agencyDetail(req, req.params.id, conflict ? null : v, issues ?? [], conflict ? req.ctx.t('admin.version_conflict') : undefined);
      return sendPage(env, req, reply, page(req, req.ctx.t('admin.agencies'), `/admin/agencies/${req.params.id}`), content, { area: 'admin', status: conflict ? 409 : 400 });
    }
  });

  app.post<{ Params: { id: string } }>('/agencies/:id/move', async (req, reply) => {
    await moveAgency(deps, actorOf(req), req.params.id, intField(req.body, 'version'), field(req.body, 'parent_id'));
    return reply.redirect(l(req, `/admin/agencies/${req.params.id}?saved=1`), 303);
  });
  for (const [action, openIt] of [['close', false], ['reopen', true]] as const) {
    app.post<{ Params: { id: string } }>(`/agencies/:id/${action}`, async (req, reply) => {
      await setAgencyOpen(deps, actorOf(req), req.params.id, intField(req.body, 'version'), openIt);
      return reply.redirect(l(req, `/admin/agencies/${req.params.id}?saved=1`), 303);
    });
  }

  // --- staff ---------------------------------------------------------------------------------
  app.get('/staff', async (req, reply) => {
    const actor = actorOf(req);
    if (actor.type === 'staff' && !actor.grants.some((g) => g.role === 'admin' || g.role === 'supervisor')) throw new AppError('forbidden');
    const rows = await listStaff(deps, actor);
    const canCreate = actor.type === 'system' || actor.grants.some((g) => g.role === 'admin');
    return sendPage(env, req, reply, page(req, req.ctx.t('admin.staff'), '/admin/staff'), StaffListPage({ ctx: req.ctx, rows, canCreate }), { area: 'admin', current: '/admin/staff' });
  });

  const staffAgencies = async (actor: Actor) => (await manageableAgencies(deps, actor)).filter((a) => allowed(actor, 'staff.manage', a.path));

  app.get('/staff/new', async (req, reply) => {
    const agencies = await staffAgencies(actorOf(req));
    if (!agencies.length) throw new AppError('forbidden');
    return sendPage(env, req, reply, page(req, req.ctx.t('admin.new_user'), '/admin/staff/new'), NewStaffPage({ ctx: req.ctx, agencies, values: {}, issues: [] }), { area: 'admin', current: '/admin/staff' });
  });

  app.post('/staff/new', async (req, reply) => {
    const actor = actorOf(req);
    const v = fields(req.body, ['username', 'display_name', 'email', 'password', 'home_agency_id', 'role'] as const);
    try {
      const u = await createUser(deps, actor, v);
      if (v.role) await grantRole(deps, actor, u.id, v.home_agency_id, v.role);
      return reply.redirect(l(req, `/admin/staff/${u.id}?created=1`), 303);
    } catch (e) {
      const issues = formIssues(e);
      if (!issues) throw e;
      const agencies = await staffAgencies(actor);
      return sendPage(env, req, reply, page(req, req.ctx.t('admin.new_user'), '/admin/staff/new'), NewStaffPage({ ctx: req.ctx, agencies, values: { ...v, password: '' }, issues }), { area: 'admin', status: 400 });
    }
  });

  const staffDetail = async (req: FastifyRequest, id: string, issues: FieldIssue[], flash?: string) => {
    const actor = actorOf(req);
    const d = await staffMember(deps, actor, id);
    const grantTargets = d.canManage ? await staffAgencies(actor) : [];
    return StaffDetailPage({ ctx: req.ctx, ...d, grantTargets, issues, flash });
  };

  app.get<{ Params: { id: string }; Querystring: Record<string, string> }>('/staff/:id', async (req, reply) => {
    const flash = req.query.created ? req.ctx.t('admin.created') : req.query.saved ? req.ctx.t('admin.saved') : undefined;
    return sendPage(env, req, reply, page(req, req.ctx.t('admin.staff'), `/admin/staff/${req.params.id}`), await staffDetail(req, req.params.id, [], flash), { area: 'admin', current: '/admin/staff' });
  });

  const staffAction = (path: string, run: (actor: Actor, id: string, body: unknown) => Promise<unknown>) =>
    app.post<{ Params: { id: string } }>(path, async (req, reply) => {
      try {
        await run(actorOf(req), req.params.id, req.body);
      } catch (e) {
        const issues = formIssues(e);
        if (!issues) throw e;
        return sendPage(env, req, reply, page(req, req.ctx.t('admin.staff'), `/admin/staff/${req.params.id}`), await staffDetail(req, req.params.id, issues), { area: 'admin', status: 400 });
      }
      return reply.redirect(l(req, `/admin/staff/${req.params.id}?saved=1`), 303);
    });
  staffAction('/staff/:id/grant', (a, id, b) => grantRole(deps, a, id, field(b, 'agency_id'), field(b, 'role')));
  staffAction('/staff/:id/revoke', (a, id, b) => revokeRole(deps, a, id, field(b, 'agency_id'), field(b, 'role')));
  staffAction('/staff/:id/password', (a, id, b) => setPassword(deps, a, id, field(b, 'password')));
  staffAction('/staff/:id/disable', (a, id) => setUserStatus(deps, a, id, false));
  staffAction('/staff/:id/enable', (a, id) => setUserStatus(deps, a, id, true));

  // --- audit and sessions --------------------------------------------------------------------
  app.get<{ Querystring: { before?: string } }>('/audit', async (req, reply) => {
    const actor = actorOf(req);
    if (actor.type === 'staff' && !actor.grants.some((g) => g.role === 'admin')) throw new AppError('forbidden');
    const before = req.query.before && /^[0-9]{1,12}$/.test(req.query.before) ? Number(req.query.before) : undefined;
    const rows = await auditTrail(deps, actor, before, 50);
    const last = rows[rows.length - 1];
    const nextBefore = rows.length === 50 && last ? last.id : null;
    return sendPage(env, req, reply, page(req, req.ctx.t('admin.audit'), '/admin/audit'), AuditPage({ ctx: req.ctx, rows, nextBefore }), { area: 'admin', current: '/admin/audit' });
  });

  app.get('/sessions', async (req, reply) => {
    const s = req.ctx.staff;
    if (!s) throw new AppError('login_required');
    const sessions = await listOwnSessions(deps, s.user.id);
    return sendPage(
      env,
      req,
      reply,
      page(req, req.ctx.t('admin.sessions'), '/admin/sessions'),
      SessionsPage({ ctx: req.ctx, sessions, currentId: s.session.id, now: deps.clock.now().toISOString() }),
      { area: 'admin', current: '/admin/sessions' },
    );
  });
  app.post<{ Params: { id: string } }>('/sessions/:id/revoke', async (req, reply) => {
    await revokeOwnSession(deps, actorOf(req), req.params.id);
    return reply.redirect(l(req, '/admin/sessions'), 303);
  });


  await registerAdminDocumentPages(app, core, env);
  await registerAdminCalendarPages(app, core, env);
  await registerAdminRequestPages(app, core, env);
  await registerAdminReportPages(app, core, env);
  await registerSupervisionAdminPages(app, core, env);
  await registerOpenDataAdminPages(app, core, env);
  await registerPushAdminPages(app, core, env);
  await registerSubscriptionsAdminPages(app, core, env);
  await registerMessagesAdminPages(app, core, env);
  await registerConsultationsAdminPages(app, core, env);
  await registerSearchAdminPages(app, core, env);
}
