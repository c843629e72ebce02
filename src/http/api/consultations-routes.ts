import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app.js';
import { AppError } from '../../domain/errors.js';
import { publicConsultation, publicConsultations, type PublicConsultation } from '../../queries/consultations.js';

const errors = { 400: Type.Ref('Error'), 404: Type.Ref('Error'), 429: Type.Ref('Error') };
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Phase = Type.Unsafe<'upcoming' | 'open' | 'closed'>({ type: 'string', enum: ['upcoming', 'open', 'closed'], description: 'Phase at the time of the request' });
const Agency = Type.Object({ code: Type.String(), name: Type.Object({ zh: Type.String(), en: Type.String() }) });

const ConsultationLineSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  agency: Agency,
  starts_at: Type.String({ description: 'ISO-8601 UTC' }),
  ends_at: Type.String({ description: 'ISO-8601 UTC; comments are accepted until just before this instant' }),
  time_zone: Type.String({ description: 'The agency time zone the window was set in' }),
  phase: Phase,
  summary_published: Type.Boolean(),
  url: Type.String(),
});

const CommentSchema = Type.Object({
  id: Type.String(),
  paragraph_no: Type.Union([Type.Integer(), Type.Null()], { description: 'null: on the whole draft' }),
  body: Nullable(Type.String({ description: 'null when hidden' })),
  name: Nullable(Type.String({ description: 'The display name the commenter chose; null shows as 公众' })),
  published_at: Type.String(),
  hidden: Type.Boolean(),
  hidden_reason: Nullable(Type.String()),
});

const ConsultationSchema = Type.Object({
  ...ConsultationLineSchema.properties,
  description: Type.String(),
  moderation: Type.Unsafe<'pre' | 'post'>({ type: 'string', enum: ['pre', 'post'] }),
  allow_anonymous: Type.Boolean(),
  draft: Type.Union([Type.Object({ index_number: Type.String(), title: Type.String(), url: Type.String() }), Type.Null()]),
  paragraphs: Type.Array(Type.Object({ no: Type.Integer(), article: Type.String({ description: "The article (第X条) it belongs to, or ''" }), clause: Type.Integer({ description: 'Clause (款) within the article; 0 outside articles' }), text: Type.String(), comments: Type.Integer() })),
  stats: Type.Object({
    participants: Type.Integer(),
    comments: Type.Integer({ description: 'Received comments, hidden and waiting ones included' }),
    shown: Type.Integer(),
    hidden: Type.Integer(),
    per_paragraph: Type.Array(Type.Object({ paragraph_no: Type.Union([Type.Integer(), Type.Null()]), comments: Type.Integer() })),
    per_article: Type.Array(Type.Object({ article: Type.Union([Type.String(), Type.Null()], { description: 'null: the whole draft or paragraphs outside articles' }), comments: Type.Integer() })),
  }),
  comments: Type.Array(CommentSchema),
  summary: Type.Union([
    Type.Object({
      intro: Type.String(),
      total_comments: Type.Integer(),
      hidden_comments: Type.Integer(),
      participants: Type.Integer(),
      published_at: Type.String(),
      final_policy: Type.Union([Type.Object({ index_number: Type.String(), title: Type.String(), url: Type.String() }), Type.Null()]),
      points: Type.Array(Type.Object({ point: Type.String(), decision: Type.Unsafe<string>({ type: 'string', enum: ['adopted', 'partly_adopted', 'not_adopted'] }), reason: Type.String() })),
    }),
    Type.Null(),
  ]),
});

/** Received comments per article (null: on the whole draft or on paragraphs outside articles), in reading order. */
function articleCounts(v: PublicConsultation): { article: string | null; comments: number }[] {
  const byNo = new Map(v.paragraphs.map((p) => [p.no, p.article]));
  const out = new Map<string | null, number>();
  for (const x of v.counts.perParagraph) {
    const a = x.paragraph_no === null ? null : byNo.get(x.paragraph_no) || null;
    out.set(a, (out.get(a) ?? 0) + x.n);
  }
  return [...out.entries()].map(([article, comments]) => ({ article, comments }));
}

/**
 * `/api/v1/consultations`: public read endpoints of consultations (issue 8 §1). Public data only:
 * the response schemas list every field, so nothing else (no e-mail address, no hidden text) can
 * be serialised even by mistake.
 */
export async function registerConsultationsApi(root: FastifyInstance, app: AppContext): Promise<void> {
  const api = root.withTypeProvider<TypeBoxTypeProvider>();
  const deps = app.deps;
  const base = app.config.publicUrl;
  const docUrl = (index: string) => `${base}/documents/${index}`;

  api.get(
    '/consultations',
    { schema: { summary: 'Consultations (意见征集), latest closing first', tags: ['consultations'], response: { 200: Type.Object({ items: Type.Array(ConsultationLineSchema) }), ...errors } } },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=30');
      const items = await publicConsultations(deps);
      return {
        items: items.map((c) => ({
          id: c.id,
          title: c.title,
          agency: { code: c.agency_code, name: { zh: c.agency_name_zh, en: c.agency_name_en } },
          starts_at: c.starts_at,
          ends_at: c.ends_at,
          time_zone: c.time_zone,
          phase: c.phase,
          summary_published: c.summary_published,
          url: `${base}/consultations/${c.id}`,
        })),
      };
    },
  );

  api.get(
    '/consultations/:id',
    {
      schema: {
        summary: 'One consultation: the numbered draft, published comments, statistics and the feedback summary',
        tags: ['consultations'],
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: ConsultationSchema, ...errors },
      },
    },
    async (req, reply) => {
      if (!/^[0-9a-f-]{36}$/.test(req.params.id)) throw new AppError('consultation_not_found');
      const v: PublicConsultation = await publicConsultation(deps, req.params.id);
      const per = new Map(v.counts.perParagraph.map((x) => [x.paragraph_no, x.n]));
      reply.header('cache-control', 'public, max-age=30');
      return {
        id: v.c.id,
        title: v.c.title,
        agency: { code: v.agency.code, name: { zh: v.agency.name_zh, en: v.agency.name_en } },
        starts_at: v.c.starts_at,
        ends_at: v.c.ends_at,
        time_zone: v.c.time_zone,
        phase: v.phase,
        summary_published: v.summary !== null,
        url: `${base}/consultations/${v.c.id}`,
        description: v.c.description,
        moderation: v.c.moderation,
        allow_anonymous: v.c.allow_anonymous === 1,
        draft: v.draft ? { ...v.draft, url: docUrl(v.draft.index_number) } : null,
        paragraphs: v.paragraphs.map((p) => ({ no: p.no, article: p.article, clause: p.clause ?? 0, text: p.text, comments: per.get(p.no) ?? 0 })),
        stats: {
          participants: v.counts.participants,
          comments: v.counts.total,
          shown: v.counts.published,
          hidden: v.counts.hidden,
          per_paragraph: v.counts.perParagraph.map((x) => ({ paragraph_no: x.paragraph_no, comments: x.n })),
          per_article: articleCounts(v),
        },
        comments: v.comments,
        summary: v.summary
          ? {
              intro: v.summary.intro,
              total_comments: v.summary.total_comments,
              hidden_comments: v.summary.hidden_comments,
              participants: v.summary.participants,
              published_at: v.summary.published_at,
              final_policy: v.summary.final ? { ...v.summary.final, url: docUrl(v.summary.final.index_number) } : null,
              points: v.summary.points,
            }
          : null,
      };
    },
  );
}
