import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';
import type { WebEnv } from './render.js';

/** Public pages of the subscriptions area. */
export async function registerSubscriptionsPages(_app: FastifyInstance, _core: AppContext, _env: WebEnv): Promise<void> {}

/** Staff console pages of the subscriptions area (mounted under /admin). */
export async function registerSubscriptionsAdminPages(_app: FastifyInstance, _core: AppContext, _env: WebEnv): Promise<void> {}
