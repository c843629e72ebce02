import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import type { WebEnv } from './render.js';

/** Public pages of the messages area. */
export async function registerMessagesPages(_app: FastifyInstance, _core: AppContext, _env: WebEnv): Promise<void> {}

/** Staff console pages of the messages area (mounted under /admin). */
export async function registerMessagesAdminPages(_app: FastifyInstance, _core: AppContext, _env: WebEnv): Promise<void> {}
