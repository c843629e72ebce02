import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.js';

/** JSON API of the push area (mounted under /api/v1). */
export async function registerPushApi(_root: FastifyInstance, _app: AppContext): Promise<void> {}
