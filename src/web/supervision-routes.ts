import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import type { Actor } from '../commands/actor.js';
import { AppError } from '../domain/errors.js';
import { pick } from '../i18n/i18n.js';
import { listRequests } from '../queries/staff-requests.js';
import { lateDocuments, policiesWithoutInterpretation } from '../queries/staff-documents.js';
import { DUE_SOON_WORKING_DAYS, supervisedAgency, supervisionOverview } from '../queries/supervision.js';
import { SupervisionAgencyPage, SupervisionPage } from './admin/supervision-pages.js';
import { sendPage, type WebEnv } from './render.js';

function actorOf(req: FastifyRequest): Actor {
  if (!req.ctx.actor) throw new AppError('login_required');
  return req.ctx.actor;
}

/** Public pages of the supervision area: none (supervision is for staff). */
export async function registerSupervisionPages(_app: FastifyInstance, _core: AppContext, _env: WebEnv): Promise<void> {}

/**
 * Staff console pages of the supervision area (issue 7 §3), mounted under /admin:
 * `/admin/supervision` (one row per agency of the supervised subtree) and
 * `/admin/supervision/:agency` (the records behind one row). Supervisors only (`supervise`).
 */
export async function registerSupervisionAdminPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  const deps = core.deps;
  const opts = { area: 'admin' as const, current: '/admin/supervision' };

  app.get('/supervision', async (req, reply) => {
    const o = await supervisionOverview(deps, actorOf(req));
    return sendPage(env, req, reply, { title: req.ctx.t('sv.title'), path: '/admin/supervision', noindex: true }, SupervisionPage({ ctx: req.ctx, o }), opts);
  });

  app.get<{ Params: { agency: string } }>('/supervision/:agency', async (req, reply) => {
    const actor = actorOf(req);
    const row = await supervisedAgency(deps, actor, req.params.agency);
    const agencyId = row.agency.id;
    const [overdue, dueSoon, late, uninterpreted] = await Promise.all([
      listRequests(deps, actor, 'overdue', undefined, { agencyId }),
      listRequests(deps, actor, 'open', undefined, { agencyId, dueWithin: DUE_SOON_WORKING_DAYS }),
      lateDocuments(deps, actor, agencyId),
      policiesWithoutInterpretation(deps, actor, agencyId),
    ]);
    const d = { row, overdue, dueSoon, late, uninterpreted, dueSoonDays: DUE_SOON_WORKING_DAYS };
    const name = pick(req.ctx.locale, row.agency.name_zh, row.agency.name_en);
    return sendPage(env, req, reply, { title: req.ctx.t('sv.detail_title', { name }), path: `/admin/supervision/${agencyId}`, noindex: true }, SupervisionAgencyPage({ ctx: req.ctx, d }), opts);
  });
}
