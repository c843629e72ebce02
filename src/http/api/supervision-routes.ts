import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app.js';
import type { Actor } from '../../commands/actor.js';
import { AppError } from '../../domain/errors.js';
import { supervisionOverview, type SupervisionRow } from '../../queries/supervision.js';

function requireActor(req: FastifyRequest): Actor {
  if (!req.ctx.actor) throw new AppError('login_required');
  return req.ctx.actor;
}

const errors = { 401: Type.Ref('Error'), 403: Type.Ref('Error'), 429: Type.Ref('Error') };
const ReportStatus = Type.Union([Type.Literal('not_started'), Type.Literal('draft'), Type.Literal('submitted'), Type.Literal('published')]);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const RowSchema = Type.Object({
  agency: Type.Object({ id: Type.String(), code: Type.String(), name_zh: Type.String(), name_en: Type.String(), kind: Type.String(), level: Type.String(), depth: Type.Integer() }),
  requests: Type.Object({ overdue: Type.Integer(), due_soon: Type.Integer() }),
  documents: Type.Object({ late: Type.Integer(), uninterpreted: Type.Integer() }),
  report: Type.Object({ year: Type.Integer(), status: ReportStatus, due_by: Type.String(), late: Type.Boolean(), published_date: Nullable(Type.String()) }),
  links: Type.Object({ overdue: Type.String(), due_soon: Type.String(), late: Type.String(), uninterpreted: Type.String(), report: Type.String() }),
});

/**
 * `/api/v1/supervision` (issue 7 §3): the supervision table as JSON for supervisors: one row per
 * agency of the subtree with its counts, report status and links to the console lists behind each count.
 */
export async function registerSupervisionApi(root: FastifyInstance, app: AppContext): Promise<void> {
  const api = root.withTypeProvider<TypeBoxTypeProvider>();
  const deps = app.deps;
  const base = app.config.publicUrl;
  const present = (r: SupervisionRow, year: number, days: number) => {
    const a = encodeURIComponent(r.agency.id);
    return {
      agency: { id: r.agency.id, code: r.agency.code, name_zh: r.agency.name_zh, name_en: r.agency.name_en, kind: r.agency.kind, level: r.agency.level, depth: r.agency.depth },
      requests: r.requests,
      documents: r.documents,
      report: r.report,
      links: {
        overdue: `${base}/admin/requests?view=overdue&agency=${a}`,
        due_soon: `${base}/admin/requests?view=open&agency=${a}&due_within=${days}`,
        late: `${base}/admin/documents?view=late&agency=${a}`,
        uninterpreted: `${base}/admin/documents?view=uninterpreted&agency=${a}`,
        report: `${base}/admin/reports/${a}/${year}`,
      },
    };
  };

  api.get('/supervision', {
    schema: {
      tags: ['supervision (staff)'],
      security: [{ session: [] }],
      summary: 'Supervision of the subtree: per agency, overdue and due-soon requests, late publications, policies without interpretation, annual-report status',
      response: {
        200: Type.Object({
          year: Type.Integer(),
          due_soon_days: Type.Integer(),
          totals: Type.Object({
            agencies: Type.Integer(), overdue: Type.Integer(), due_soon: Type.Integer(), late_documents: Type.Integer(), uninterpreted: Type.Integer(),
            reports: Type.Object({ not_started: Type.Integer(), draft: Type.Integer(), submitted: Type.Integer(), published: Type.Integer() }),
            reports_late: Type.Integer(),
          }),
          items: Type.Array(RowSchema),
        }),
        ...errors,
      },
    },
  }, async (req, reply) => {
    const o = await supervisionOverview(deps, requireActor(req));
    reply.header('cache-control', 'private, no-store');
    return { year: o.year, due_soon_days: o.due_soon_days, totals: o.totals, items: o.rows.map((r) => present(r, o.year, o.due_soon_days)) };
  });
}
