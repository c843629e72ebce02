import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import type { WebEnv } from './render.js';

/** Public pages of the push area. */
export async function registerPushPages(_app: FastifyInstance, _core: AppContext, _env: WebEnv): Promise<void> {}

/** Staff console pages of the push area (mounted under /admin). */
export async function registerPushAdminPages(_app: FastifyInstance, _core: AppContext, _env: WebEnv): Promise<void> {}
