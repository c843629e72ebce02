import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import type { WebEnv } from './render.js';

/** Public pages of the supervision area. */
export async function registerSupervisionPages(_app: FastifyInstance, _core: AppContext, _env: WebEnv): Promise<void> {}

/** Staff console pages of the supervision area (mounted under /admin). */
export async function registerSupervisionAdminPages(_app: FastifyInstance, _core: AppContext, _env: WebEnv): Promise<void> {}
