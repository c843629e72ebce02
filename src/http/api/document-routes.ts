import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app.js';
import type { Actor } from '../../commands/actor.js';
import { createDraft } from '../../commands/documents/create-draft.js';
import { discardDraft } from '../../commands/documents/discard-draft.js';
import { reviewRevision } from '../../commands/documents/review-revision.js';
import { setValidity } from '../../commands/documents/set-validity.js';
import { startCorrection } from '../../commands/documents/start-correction.js';
import { submitRevision } from '../../commands/documents/submit-revision.js';
import { updateDraft } from '../../commands/documents/update-draft.js';
import { removeAttachment, uploadAttachment } from '../../commands/documents/upload-attachment.js';
import { withdrawDocument } from '../../commands/documents/withdraw-document.js';
import { AppError } from '../../domain/errors.js';
import { agencyByCode } from '../../queries/agencies.js';
import { catalogueAfter, documentView, publicDocumentId, versionContentOf, versionEventId, type CatalogueFilter } from '../../queries/documents.js';
import { entryProof } from '../../queries/tlog.js';
import { revisionDetail } from '../../queries/staff-documents.js';
import { CatalogueItemSchema, CatalogueQuery, DraftBody, RevisionSchema, VersionSchema, type CatalogueQueryT } from './document-schemas.js';

function requireActor(req: FastifyRequest): Actor {
  if (!req.ctx.actor) throw new AppError('login_required');
  return req.ctx.actor;
}

const errors = { 400: Type.Ref('Error'), 401: Type.Ref('Error'), 403: Type.Ref('Error'), 404: Type.Ref('Error'), 409: Type.Ref('Error'), 429: Type.Ref('Error') };
const IndexParams = Type.Object({ code: Type.String({ maxLength: 64 }), ys: Type.String({ pattern: '^[0-9]{4}-[0-9]{5}$' }) });
const VersionParams = Type.Object({ ...IndexParams.properties, n: Type.String({ pattern: '^[0-9]{1,6}$' }) });
const flag = (v: string | undefined) => v === '1' || v === 'true';

/** The catalogue filter of a query string (shared by the API and, in spirit, the portal). */
export function filterOf(q: CatalogueQueryT): CatalogueFilter {
  return {
    ...(q.agency ? { agency: q.agency, subtree: flag(q.subtree) } : {}),
    ...(q.genre ? { genre: q.genre } : {}),
    ...(q.theme ? { theme: q.theme } : {}),
    ...(q.year ? { year: Number(q.year) } : {}),
    ...(q.validity ? { validity: q.validity } : {}),
    ...(flag(q.normative) ? { normative: true } : {}),
  };
}

/**
 * `/api/v1/documents` (public catalogue and versions) and `/api/v1/drafts` (the staff workflow,
 * with the same permission checks as the console: they live in the commands).
 */
export async function registerDocumentApi(root: FastifyInstance, app: AppContext): Promise<void> {
  const baseUrl = app.config.publicUrl;
  const api = root.withTypeProvider<TypeBoxTypeProvider>();
  const deps = app.deps;
  const docUrl = (index: string) => `${baseUrl}/documents/${index}`;

  api.get(
    '/documents',
    { schema: { summary: 'The disclosure catalogue, newest first, with cursor pagination', tags: ['documents'], querystring: CatalogueQuery, response: { 200: Type.Object({ items: Type.Array(CatalogueItemSchema), next_cursor: Type.Union([Type.String(), Type.Null()]) }), ...errors } } },
    async (req, reply) => {
      const limit = Math.min(100, Math.max(1, Number(req.query.limit ?? 20)));
      const { items, next } = await catalogueAfter(deps, filterOf(req.query), req.query.cursor, limit);
      reply.header('cache-control', 'public, max-age=30');
      return {
        items: items.map((d) => ({
          index_number: d.index_number,
          title: d.title,
          doc_number: d.doc_number,
          agency: { code: d.agency_code, name: { zh: d.agency_name_zh, en: d.agency_name_en } },
          genre: d.genre,
          theme: d.theme_code,
          date_formed: d.date_formed,
          published_date: d.published_date,
          current_version: d.current_version,
          validity: d.validity,
          status: d.status,
          is_normative: d.is_normative === 1,
          url: docUrl(d.index_number),
        })),
        next_cursor: next,
      };
    },
  );

  const presentVersion = async (index: string, n?: number) => {
    const v = await documentView(deps, index, n);
    const content = await versionContentOf(deps, v);
    return {
      index_number: index,
      version: content.version,
      current_version: v.doc.current_version,
      status: v.doc.status,
      published_at: v.version.published_at ?? '',
      content,
      content_sha256: v.version.content_sha256 ?? '',
      attachments: v.attachments.map((a) => ({ filename: a.filename, sha256: a.blob_sha256, size: Number(a.size), mime: a.mime, url: `${baseUrl}/files/${a.blob_sha256}/${encodeURIComponent(a.filename)}` })),
      validity: { state: v.doc.validity, date: v.doc.validity_date, note: v.doc.validity_note, replaced_by: v.replacedBy?.index_number ?? null },
      withdrawal: v.doc.status === 'withdrawn' && v.doc.withdrawn_at ? { at: v.doc.withdrawn_at, reason: v.doc.withdrawn_reason ?? '' } : null,
      versions: v.versions.map((x) => ({ version: x.version_no, published_at: x.published_at, change_note: x.change_note, url: `${docUrl(index)}/v/${x.version_no}` })),
      interpretations: v.interpretations.map((i) => i.index_number),
    };
  };

  api.get('/documents/:code/:ys', { schema: { summary: 'A document at its current version, with its versions', tags: ['documents'], params: IndexParams, response: { 200: VersionSchema, ...errors } } }, async (req, reply) => {
    reply.header('cache-control', 'public, max-age=30');
    return presentVersion(`${req.params.code}/${req.params.ys}`);
  });

  api.get('/documents/:code/:ys/v/:n', { schema: { summary: 'One published version (immutable)', tags: ['documents'], params: VersionParams, response: { 200: VersionSchema, ...errors } } }, async (req, reply) => {
    reply.header('cache-control', 'public, max-age=30');
    return presentVersion(`${req.params.code}/${req.params.ys}`, Number(req.params.n));
  });

  const ProofSchema = Type.Object({
    pending: Type.Boolean(),
    entry: Type.String({ description: 'The exact entry text (canonical JSON); leaf hash = SHA-256(0x00 ‖ UTF-8 bytes)' }),
    leaf_index: Type.Optional(Type.Integer()),
    tree_size: Type.Optional(Type.Integer()),
    inclusion_proof: Type.Optional(Type.Array(Type.String(), { description: 'RFC 9162 audit path, base64, leaf to root' })),
    checkpoint: Type.Optional(Type.String({ description: 'C2SP signed checkpoint the proof verifies against' })),
    origin: Type.String(),
    verifier_key: Type.String({ description: 'signed-note verifier key of the log' }),
  });

  api.get('/documents/:code/:ys/v/:n/proof', { schema: { summary: "A version's transparency-log entry with its inclusion proof and checkpoint", tags: ['documents'], params: VersionParams, response: { 200: ProofSchema, 202: ProofSchema, ...errors } } }, async (req, reply) => {
    const tlog = app.tlog;
    if (!tlog) throw new AppError('store_unavailable');
    const id = await publicDocumentId(deps, `${req.params.code}/${req.params.ys}`);
    const proof = await entryProof(deps, tlog, await versionEventId(deps, id, Number(req.params.n)));
    if (!proof) throw new AppError('version_not_found');
    const common = { origin: tlog.origin, verifier_key: tlog.verifierKey };
    if (proof.pending) {
      // Sequenced within about a second: ask the client to come back.
      reply.header('retry-after', '1').header('cache-control', 'no-store');
      return reply.status(202).send({ pending: true, entry: proof.entry, ...common });
    }
    reply.header('cache-control', 'public, max-age=5');
    return { pending: false, entry: proof.entry, leaf_index: proof.leafIndex, tree_size: proof.treeSize, inclusion_proof: proof.inclusionProof, checkpoint: proof.checkpoint, ...common };
  });

  // --- staff workflow ------------------------------------------------------------------------
  const presentRevision = async (actor: Actor, revisionId: string) => {
    const d = await revisionDetail(deps, actor, revisionId);
    return {
      revision_id: d.rev.id,
      document_id: d.doc.id,
      state: d.rev.state,
      version: d.rev.version,
      title: d.rev.title,
      index_number: d.doc.index_number,
      attachments: d.attachments.map((a) => ({ id: a.id, filename: a.filename, sha256: a.blob_sha256, size: Number(a.size), mime: a.mime, text_status: a.text_status })),
      findings: d.findings.map((f) => ({ key: f.key, source: f.sourceName || f.source, kind: f.kind, masked: f.masked })),
      reviews: d.reviews.map((r) => ({ stage: r.stage, decision: r.decision, comment: r.comment, at: r.at })),
    };
  };
  const staff = { tags: ['drafts'], security: [{ session: [], csrf: [] }] };
  const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

  api.post('/drafts', { schema: { ...staff, summary: 'Start a new document as a draft', body: Type.Object({ agency_code: Type.String({ maxLength: 64 }), ...DraftBody.properties }), response: { 201: RevisionSchema, ...errors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const agency = await agencyByCode(deps, req.body.agency_code);
    if (!agency) throw new AppError('agency_not_found');
    const { agency_code: _a, ...input } = req.body;
    const r = await createDraft(deps, actor, agency.id, input);
    return reply.status(201).send(await presentRevision(actor, r.revisionId));
  });

  api.get('/drafts/:id', { schema: { ...staff, summary: 'A revision with its findings and review record', params: IdParams, response: { 200: RevisionSchema, ...errors } } }, async (req) =>
    presentRevision(requireActor(req), req.params.id),
  );

  api.patch('/drafts/:id', { schema: { ...staff, summary: 'Save a draft (send the version you loaded)', params: IdParams, body: Type.Object({ version: Type.Integer({ minimum: 1 }), ...DraftBody.properties }), response: { 200: RevisionSchema, ...errors } } }, async (req) => {
    const actor = requireActor(req);
    const { version, ...input } = req.body;
    await updateDraft(deps, actor, req.params.id, version, input);
    return presentRevision(actor, req.params.id);
  });

  api.post('/drafts/:id/attachments', { schema: { ...staff, summary: 'Attach a file (multipart/form-data, one part named file)', params: IdParams, consumes: ['multipart/form-data'], response: { 201: RevisionSchema, ...errors } } }, async (req, reply) => {
    const actor = requireActor(req);
    if (!req.isMultipart()) throw new AppError('upload_missing');
    const part = await req.file();
    if (!part) throw new AppError('upload_missing');
    await uploadAttachment(deps, actor, req.params.id, part.file, part.filename);
    return reply.status(201).send(await presentRevision(actor, req.params.id));
  });

  api.delete('/drafts/:id/attachments/:aid', { schema: { ...staff, summary: 'Remove an attachment from a draft', params: Type.Object({ id: Type.String({ maxLength: 64 }), aid: Type.String({ maxLength: 64 }) }), response: { 200: RevisionSchema, ...errors } } }, async (req) => {
    const actor = requireActor(req);
    await removeAttachment(deps, actor, req.params.id, req.params.aid);
    return presentRevision(actor, req.params.id);
  });

  api.post('/drafts/:id/submit', { schema: { ...staff, summary: 'Submit for confidentiality review (runs the personal-data check)', params: IdParams, body: Type.Object({ version: Type.Integer({ minimum: 1 }), overrides: Type.Optional(Type.Record(Type.String({ maxLength: 200 }), Type.String({ maxLength: 500 }))) }), response: { 200: RevisionSchema, ...errors } } }, async (req) => {
    const actor = requireActor(req);
    await submitRevision(deps, actor, req.params.id, req.body.version, req.body.overrides ?? {});
    return presentRevision(actor, req.params.id);
  });

  api.post('/drafts/:id/review', {
    schema: {
      ...staff,
      summary: 'Record a confidentiality review or an approval (approval publishes, now or at publish_at)',
      params: IdParams,
      body: Type.Object({ stage: Type.Unsafe<'confidentiality' | 'approval'>({ type: 'string', enum: ['confidentiality', 'approval'] }), decision: Type.Unsafe<'pass' | 'reject'>({ type: 'string', enum: ['pass', 'reject'] }), comment: Type.Optional(Type.String({ maxLength: 2000 })), publish_at: Type.Optional(Type.String({ format: 'date-time' })) }),
      response: { 200: Type.Object({ state: Type.String(), index_number: Type.Optional(Type.String()), version: Type.Optional(Type.Integer()) }), ...errors },
    },
  }, async (req) => {
    const r = await reviewRevision(deps, requireActor(req), req.params.id, { stage: req.body.stage, decision: req.body.decision, ...(req.body.comment ? { comment: req.body.comment } : {}), ...(req.body.publish_at ? { publishAt: req.body.publish_at } : {}) });
    return r.state === 'published' ? { state: r.state, index_number: r.indexNumber, version: r.versionNo } : { state: r.state };
  });

  api.post('/drafts/:id/discard', { schema: { ...staff, summary: 'Discard a draft (kept, marked discarded)', params: IdParams, body: Type.Object({ version: Type.Integer({ minimum: 1 }) }), response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    await discardDraft(deps, requireActor(req), req.params.id, req.body.version);
    return reply.status(204).send(null);
  });

  api.post('/documents/:code/:ys/corrections', { schema: { ...staff, tags: ['documents'], summary: 'Start a correction (a new version through review)', params: IndexParams, response: { 201: RevisionSchema, ...errors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await publicDocumentId(deps, `${req.params.code}/${req.params.ys}`);
    const r = await startCorrection(deps, actor, id);
    return reply.status(201).send(await presentRevision(actor, r.revisionId));
  });

  api.post('/documents/:code/:ys/withdraw', { schema: { ...staff, tags: ['documents'], summary: 'Withdraw a published document, with a public reason', params: IndexParams, body: Type.Object({ reason: Type.String({ maxLength: 1000 }) }), response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    const actor = requireActor(req);
    await withdrawDocument(deps, actor, await publicDocumentId(deps, `${req.params.code}/${req.params.ys}`), req.body.reason);
    return reply.status(204).send(null);
  });

  api.post('/documents/:code/:ys/validity', {
    schema: { ...staff, tags: ['documents'], summary: 'Change validity (amended, repealed, expired, valid)', params: IndexParams, body: Type.Object({ validity: Type.String({ maxLength: 20 }), date: Type.String({ maxLength: 10 }), replaced_by: Type.Optional(Type.String({ maxLength: 100 })), note: Type.String({ maxLength: 1000 }) }), response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await publicDocumentId(deps, `${req.params.code}/${req.params.ys}`);
    await setValidity(deps, actor, id, { validity: req.body.validity, date: req.body.date, note: req.body.note, ...(req.body.replaced_by ? { replacedBy: req.body.replaced_by } : {}) });
    return reply.status(204).send(null);
  });
}

