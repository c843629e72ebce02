import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import type { WebEnv } from './render.js';

/** Public pages of the opendata area. */
export async function registerOpenDataPages(_app: FastifyInstance, _core: AppContext, _env: WebEnv): Promise<void> {}

/** Staff console pages of the opendata area (mounted under /admin). */
export async function registerOpenDataAdminPages(_app: FastifyInstance, _core: AppContext, _env: WebEnv): Promise<void> {}
