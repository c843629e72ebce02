import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app.js';
import { MESSAGE_KINDS } from '../../domain/messages/message-rules.js';
import { publishedMessage, publishedMessages, ratingSummaries, type PublicAgencyRef, type PublicMessageLine } from '../../queries/messages.js';

const errors = { 400: Type.Ref('Error'), 404: Type.Ref('Error'), 429: Type.Ref('Error') };

const AgencyRef = Type.Object({ code: Type.String(), name: Type.Object({ zh: Type.String(), en: Type.String() }) });
const LineSchema = Type.Object({
  tracking_number: Type.String(),
  agency: AgencyRef,
  kind: Type.String(),
  category: Type.String(),
  title: Type.String(),
  submitted_on: Type.String(),
  answered_on: Type.String(),
  url: Type.String(),
});
const ListSchema = Type.Object({ items: Type.Array(LineSchema), total: Type.Integer(), page: Type.Integer(), page_size: Type.Integer() });
const DetailSchema = Type.Composite([
  LineSchema,
  Type.Object({
    body: Type.String(),
    answer: Type.String(),
    transfers: Type.Array(Type.Object({ date: Type.String(), from: Type.Union([AgencyRef, Type.Null()]), to: Type.Union([AgencyRef, Type.Null()]) })),
  }),
]);
const RatingsSchema = Type.Object({
  items: Type.Array(Type.Object({ agency: AgencyRef, answered: Type.Integer(), satisfied: Type.Integer(), neutral: Type.Integer(), dissatisfied: Type.Integer() })),
});
const ListQuery = Type.Object(
  {
    agency: Type.Optional(Type.String({ maxLength: 40 })),
    kind: Type.Optional(Type.Union(MESSAGE_KINDS.map((k) => Type.Literal(k)))),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

/**
 * `/api/v1/messages`: published messages and their answers, public data only (the sender's name
 * and contact data are never selected; texts are the masked public versions), and ratings per
 * agency in aggregate. Private and unanswered messages do not exist for this API.
 */
export async function registerMessagesApi(root: FastifyInstance, app: AppContext): Promise<void> {
  const api = root.withTypeProvider<TypeBoxTypeProvider>();
  const deps = app.deps;
  const base = app.config.publicUrl;
  const agency = (a: PublicAgencyRef) => ({ code: a.code, name: { zh: a.name_zh, en: a.name_en } });
  const line = (m: PublicMessageLine) => ({ ...m, agency: agency(m.agency), url: `${base}/messages/${encodeURIComponent(m.tracking_number)}` });

  api.get('/messages', { schema: { summary: 'Published messages to agencies and their answers (personal data removed), newest first', tags: ['messages'], querystring: ListQuery, response: { 200: ListSchema, ...errors } } }, async (req) => {
    const q = req.query;
    const r = await publishedMessages(deps, { ...(q.agency ? { agencyCode: q.agency } : {}), ...(q.kind ? { kind: q.kind } : {}), page: q.page ?? 1, pageSize: q.page_size ?? 20 });
    return { items: r.items.map(line), total: r.total, page: r.page, page_size: r.pageSize };
  });

  api.get('/messages/ratings', { schema: { summary: 'Ratings of answers per agency (aggregate counts)', tags: ['messages'], querystring: Type.Object({ agency: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }), response: { 200: RatingsSchema, ...errors } } }, async (req) => {
    const items = await ratingSummaries(deps, req.query.agency);
    return { items: items.map((r) => ({ ...r, agency: agency(r.agency) })) };
  });

  api.get('/messages/:number', { schema: { summary: 'One published message and its answer (personal data removed)', tags: ['messages'], params: Type.Object({ number: Type.String({ maxLength: 40 }) }), response: { 200: DetailSchema, ...errors } } }, async (req) => {
    const m = await publishedMessage(deps, req.params.number);
    return { ...line(m), body: m.body, answer: m.answer, transfers: m.transfers.map((t) => ({ date: t.date, from: t.from ? agency(t.from) : null, to: t.to ? agency(t.to) : null })) };
  });
}
