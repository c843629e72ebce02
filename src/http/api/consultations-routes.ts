import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.js';

/** JSON API of the consultations area (mounted under /api/v1). */
export async function registerConsultationsApi(_root: FastifyInstance, _app: AppContext): Promise<void> {}
