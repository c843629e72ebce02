import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import type { WebEnv } from './render.js';

/** Public pages of the consultations area. */
export async function registerConsultationsPages(_app: FastifyInstance, _core: AppContext, _env: WebEnv): Promise<void> {}

/** Staff console pages of the consultations area (mounted under /admin). */
export async function registerConsultationsAdminPages(_app: FastifyInstance, _core: AppContext, _env: WebEnv): Promise<void> {}
