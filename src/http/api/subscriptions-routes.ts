import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app.js';
import { recordMailEvent } from '../../commands/subscriptions/record-mail-event.js';
import { AppError } from '../../domain/errors.js';
import { safeEqual } from '../../security/tokens.js';

const errors = { 400: Type.Ref('Error'), 401: Type.Ref('Error'), 404: Type.Ref('Error'), 429: Type.Ref('Error') };

/**
 * JSON API of the subscriptions area (mounted under /api/v1): `POST /mail-events`, where the mail
 * provider (or a bounce processor) reports bounces and complaints, authenticated by the shared
 * secret `GONGKAI_MAIL_EVENTS_SECRET` as `Authorization: Bearer <secret>`. Unset: 404.
 */
export async function registerSubscriptionsApi(root: FastifyInstance, app: AppContext): Promise<void> {
  const api = root.withTypeProvider<TypeBoxTypeProvider>();
  const secret = app.config.mail.mailEventsSecret;
  api.post(
    '/mail-events',
    {
      schema: {
        summary: 'Record a bounce or complaint: the address gets no more subscription mail',
        tags: ['subscriptions'],
        body: Type.Object(
          {
            type: Type.String({ description: 'bounce or complaint' }),
            email: Type.String({ maxLength: 254 }),
            permanent: Type.Optional(Type.Boolean({ description: 'For bounces: false for a soft bounce (suppresses from the third); default true' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ suppressed: Type.Boolean() }), ...errors },
      },
    },
    async (req) => {
      if (!secret) throw new AppError('not_found');
      const auth = req.headers.authorization ?? '';
      const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      if (!given || !safeEqual(given, secret)) throw new AppError('mail_events_unauthorized');
      return recordMailEvent(app.deps, req.body);
    },
  );
}
