import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import { publicAgencyTree } from '../queries/agencies.js';
import { sendPage, type WebEnv } from './render.js';
import { AgenciesPage } from './public/agencies-page.js';
import { registerPortalRoutes } from './public-document-routes.js';
import { DevelopersPage } from './public/developers-page.js';
import { apiReference, type RefSection } from './public/api-reference.js';
import { registerDeadlinePages } from './deadline-routes.js';
import { registerRequestPages } from './request-routes.js';
import { registerSearchPages } from './search-routes.js';
import { registerStatisticsPages } from './statistics-routes.js';
import { registerSupervisionPages } from './supervision-routes.js';
import { registerOpenDataPages } from './opendata-routes.js';
import { registerPushPages } from './push-routes.js';
import { registerSubscriptionsPages } from './subscriptions-routes.js';
import { registerMessagesPages } from './messages-routes.js';
import { registerConsultationsPages } from './consultations-routes.js';
import { registerActivityPubRoutes } from '../channels/activitypub/routes.js';

/** The public site: the agency list, the developers page, and the portal (`public-document-routes.ts`). */
export async function registerPublicPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  const deps = core.deps;
  // Home, agency pages, catalogues, documents, files, feeds and the sitemap: the portal's own file.
  await registerPortalRoutes(app, core, env);
  await registerDeadlinePages(app, env);
  await registerRequestPages(app, core, env);
  await registerSearchPages(app, core, env);
  await registerStatisticsPages(app, core, env);
  await registerSupervisionPages(app, core, env);
  await registerOpenDataPages(app, core, env);
  await registerPushPages(app, core, env);
  await registerSubscriptionsPages(app, core, env);
  await registerMessagesPages(app, core, env);
  await registerConsultationsPages(app, core, env);
  await registerActivityPubRoutes(app, core);
  app.get('/agencies', async (req, reply) => {
    const roots = await publicAgencyTree(deps);
    return sendPage(env, req, reply, { title: req.ctx.t('agencies.title'), path: '/agencies' }, AgenciesPage({ ctx: req.ctx, roots }), { current: '/agencies' });
  });
  // The reference is built once from the OpenAPI document the server generates (issue 7 §5).
  let reference: RefSection[] | null = null;
  app.get('/api/docs', async (req, reply) => {
    reference ??= apiReference(app.swagger());
    return sendPage(env, req, reply, { title: req.ctx.t('nav.api'), path: '/api/docs' }, DevelopersPage({ ctx: req.ctx, reference }), { current: '/api/docs' });
  });
}
