import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import { pick } from '../i18n/i18n.js';
import { agencyCount, publicAgency, publicAgencyTree } from '../queries/agencies.js';
import { sendPage, type WebEnv } from './render.js';
import { HomePage } from './public/home-page.js';
import { AgenciesPage } from './public/agencies-page.js';
import { AgencyPage } from './public/agency-page.js';
import { DevelopersPage } from './public/developers-page.js';

/** The public site: home, agencies and their disclosure guides, the developers page. */
export async function registerPublicPages(app: FastifyInstance, core: AppContext, env: WebEnv): Promise<void> {
  const deps = core.deps;
  app.get('/', async (req, reply) => {
    const [roots, count] = await Promise.all([publicAgencyTree(deps), agencyCount(deps)]);
    return sendPage(env, req, reply, { title: req.ctx.t('home.title'), path: '/', description: req.ctx.t('home.intro') }, HomePage({ ctx: req.ctx, roots, count }), { current: '/' });
  });
  app.get('/agencies', async (req, reply) => {
    const roots = await publicAgencyTree(deps);
    return sendPage(env, req, reply, { title: req.ctx.t('agencies.title'), path: '/agencies' }, AgenciesPage({ ctx: req.ctx, roots }), { current: '/agencies' });
  });
  app.get<{ Params: { code: string } }>('/agencies/:code', async (req, reply) => {
    const { agency, parent, children } = await publicAgency(deps, req.params.code);
    const name = pick(req.ctx.locale, agency.name_zh, agency.name_en);
    return sendPage(
      env,
      req,
      reply,
      { title: `${name} · ${req.ctx.t('agency.guide')}`, path: `/agencies/${encodeURIComponent(agency.code)}` },
      AgencyPage({ ctx: req.ctx, agency, parent, children }),
      { current: '/agencies' },
    );
  });
  app.get('/api/docs', async (req, reply) => {
    return sendPage(env, req, reply, { title: req.ctx.t('nav.api'), path: '/api/docs' }, DevelopersPage({ ctx: req.ctx }), { current: '/api/docs' });
  });
}
