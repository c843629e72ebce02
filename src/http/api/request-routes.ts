import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app.js';
import type { Actor } from '../../commands/actor.js';
import { addApplicantFile, addStaffFile } from '../../commands/requests/add-request-file.js';
import { closeRequest } from '../../commands/requests/close-request.js';
import { confirmReceipt } from '../../commands/requests/confirm-receipt.js';
import { endConsultation } from '../../commands/requests/end-consultation.js';
import { extendRequest } from '../../commands/requests/extend-request.js';
import { issueFeeNotice } from '../../commands/requests/issue-fee-notice.js';
import { markAbandoned } from '../../commands/requests/mark-abandoned.js';
import { proposeProactiveDisclosure } from '../../commands/requests/propose-publication.js';
import { recordAppeal } from '../../commands/requests/record-appeal.js';
import { recordNonPayment } from '../../commands/requests/record-non-payment.js';
import { recordPayment } from '../../commands/requests/record-payment.js';
import { recordSupplement } from '../../commands/requests/record-supplement.js';
import { registerOffline } from '../../commands/requests/register-offline.js';
import { replyToRequest } from '../../commands/requests/reply-request.js';
import { requestCorrection } from '../../commands/requests/request-correction.js';
import { startConsultation } from '../../commands/requests/start-consultation.js';
import { submitOnline } from '../../commands/requests/submit-online.js';
import { takeRequest } from '../../commands/requests/take-request.js';
import { updateAppealResult } from '../../commands/requests/update-appeal.js';
import { AppError } from '../../domain/errors.js';
import { agencyByCode } from '../../queries/agencies.js';
import { applicantView, openApplicantFile, trackRequest } from '../../queries/requests.js';
import { art44Candidates, listRequests, requestDetail, supervisorOverview, type RequestLine } from '../../queries/staff-requests.js';
import { DraftBody } from './document-schemas.js';
import {
  ApplicantViewSchema, ApplicationBody, ListQuery, OfflineBody, OutcomeEnum, RequestDetailSchema, RequestLineSchema, SubmittedSchema, TrackingSchema, TrackQuery,
} from './request-schemas.js';

function requireActor(req: FastifyRequest): Actor {
  if (!req.ctx.actor) throw new AppError('login_required');
  return req.ctx.actor;
}

const errors = { 400: Type.Ref('Error'), 401: Type.Ref('Error'), 403: Type.Ref('Error'), 404: Type.Ref('Error'), 409: Type.Ref('Error'), 429: Type.Ref('Error') };
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const Date10 = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

function presentLine(l: RequestLine) {
  return {
    id: l.id, tracking_number: l.tracking_number, agency_code: l.agency_code, state: l.state, title: l.title, applicant_type: l.applicant_type,
    channel: l.channel, submitted_on: l.submitted_on, received_on: l.received_on, due_date: l.due_date, days_remaining: l.days_remaining,
    overdue: l.overdue, officer: l.officer_id ? { id: l.officer_id, name: l.officer_name } : null, repeat_of_id: l.repeat_of_id, outcome: l.outcome_code,
  };
}

/**
 * `/api/v1/requests`: the public application and tracking endpoints (no account; the private
 * token is the key, and responses never carry personal data) and the staff endpoints for every
 * step, whose permission checks live in the commands.
 */
export async function registerRequestApi(root: FastifyInstance, app: AppContext): Promise<void> {
  const api = root.withTypeProvider<TypeBoxTypeProvider>();
  const deps = app.deps;
  const base = app.config.publicUrl;
  const privateUrl = (number: string, token: string) => `${base}/requests/track?number=${encodeURIComponent(number)}&token=${encodeURIComponent(token)}`;

  // --- public ---------------------------------------------------------------------------------
  api.post('/requests', { schema: { summary: 'Apply for information (Art. 29); returns the tracking number and the private token', tags: ['requests'], body: ApplicationBody, response: { 201: SubmittedSchema, ...errors } } }, async (req, reply) => {
    const agency = await agencyByCode(deps, req.body.agency_code);
    if (!agency) throw new AppError('agency_not_found');
    const { agency_code: _a, ...input } = req.body;
    const r = await submitOnline(deps, agency.id, input);
    reply.header('cache-control', 'no-store');
    return reply.status(201).send({ tracking_number: r.trackingNumber, token: r.token, state: r.state, track_url: privateUrl(r.trackingNumber, r.token) });
  });

  const noStore = (reply: { header(k: string, v: string): unknown }) => {
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'no-referrer');
  };

  api.get('/requests/track', { schema: { summary: 'Status and dates of a request (tracking number + private token); never personal data', tags: ['requests'], querystring: TrackQuery, response: { 200: TrackingSchema, ...errors } } }, async (req, reply) => {
    noStore(reply);
    const t = await trackRequest(deps, req.query.number, req.query.token);
    return { ...t, agency: { code: t.agency.code, name: { zh: t.agency.name_zh, en: t.agency.name_en } } };
  });

  api.get('/requests/private', { schema: { summary: "The applicant's view: description, notices, reply and released files", tags: ['requests'], querystring: TrackQuery, response: { 200: ApplicantViewSchema, ...errors } } }, async (req, reply) => {
    noStore(reply);
    const v = await applicantView(deps, req.query.number, req.query.token);
    const q = `number=${encodeURIComponent(req.query.number)}&token=${encodeURIComponent(req.query.token)}`;
    return {
      ...v,
      agency: { code: v.agency.code, name: { zh: v.agency.name_zh, en: v.agency.name_en } },
      reply: v.reply ? {
        outcome: v.reply.outcome, label: { zh: v.reply.label_zh, en: v.reply.label_en }, basis: v.reply.basis, text: v.reply.text, replied_on: v.reply.replied_on,
        linked_documents: v.reply.linked_documents.map((i) => ({ index_number: i, url: `${base}/documents/${i}` })),
      } : null,
      files: v.files.map((f) => ({ ...f, url: `${base}/api/v1/requests/private/files/${f.id}?${q}` })),
    };
  });

  api.get('/requests/private/files/:fileId', { schema: { summary: 'Download a released file or an own upload', tags: ['requests'], params: Type.Object({ fileId: Type.String({ maxLength: 64 }) }), querystring: TrackQuery } }, async (req, reply) => {
    noStore(reply);
    const f = await openApplicantFile(deps, req.query.number, req.query.token, req.params.fileId);
    reply.header('content-type', f.mime).header('content-length', String(f.size)).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`);
    return reply.send(f.stream);
  });

  api.post('/requests/private/files', {
    schema: { summary: 'Add identity proof, authorisation or a supplement (multipart, one part named file)', tags: ['requests'], consumes: ['multipart/form-data'], querystring: Type.Object({ ...TrackQuery.properties, purpose: Type.String({ maxLength: 40 }) }), response: { 201: Type.Object({ file_id: Type.String() }), ...errors } },
  }, async (req, reply) => {
    noStore(reply);
    if (!req.isMultipart()) throw new AppError('upload_missing');
    const part = await req.file();
    if (!part) throw new AppError('upload_missing');
    const r = await addApplicantFile(deps, req.query.number, req.query.token, req.query.purpose, part.file, part.filename);
    return reply.status(201).send({ file_id: r.fileId });
  });

  // --- staff ----------------------------------------------------------------------------------
  const staff = { tags: ['requests (staff)'], security: [{ session: [], csrf: [] }] };
  const detail = async (actor: Actor, id: string) => {
    const d = await requestDetail(deps, actor, id);
    const a = d.applicant;
    return {
      id: d.req.id, tracking_number: d.req.tracking_number, agency_code: d.agency.code, regime: d.req.regime, state: d.req.state, version: d.req.version,
      applicant_type: d.req.applicant_type,
      description: { title: d.req.title, doc_number: d.req.doc_number, other_features: d.req.other_features, form_wanted: d.req.form_wanted, delivery_wanted: d.req.delivery_wanted },
      channel: d.req.channel, submitted_on: d.req.submitted_on, received_on: d.req.received_on, due_date: d.req.due_date, officer_id: d.req.officer_id,
      applicant: a ? { name: a.name, id_type: a.id_type, id_number: a.id_number, phone: a.phone, email: a.email, address: a.address, postcode: a.postcode, org_name: a.org_name, unified_code: a.unified_code } : null,
      deadlines: d.deadlines,
      events: d.events.map((e) => ({ seq: e.seq, kind: e.kind, at: e.at, date: e.local_date, actor: e.actor_name, details: JSON.parse(e.details) as unknown })),
      fees: d.fees.map((f) => ({ id: f.id, method: f.method, units: f.units, amount_fen: f.amount_fen, notice_on: f.notice_on, due_on: f.due_on, status: f.status, paid_on: f.paid_on, paid_fen: f.paid_fen })),
      outcome: d.outcome ? { code: d.outcome.code, basis: d.outcome.basis, text: d.outcome.reply_text, replied_on: d.outcome.replied_on, linked_documents: JSON.parse(d.outcome.linked_documents) as string[] } : null, // a JSON string array written by replyToRequest
      files: d.files.map((f) => ({ id: f.id, purpose: f.purpose, filename: f.filename, size: Number(f.size), mime: f.mime, sha256: f.blob_sha256 })),
      appeals: d.appeals.map((x) => ({ id: x.id, kind: x.kind, result: x.result, filed_on: x.filed_on, decided_on: x.decided_on, body_name: x.body_name, case_number: x.case_number, note: x.note })),
      repeat_of: d.repeatOf,
      linked_document_ids: d.linkedDocumentIds,
      can_handle: d.canHandle,
    };
  };
  const ok = { 200: RequestDetailSchema, ...errors };

  api.get('/requests', { schema: { ...staff, summary: 'Requests in your scope: open, overdue (days remaining), mine, finished, all', querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(RequestLineSchema) }), ...errors } } }, async (req) => {
    const items = await listRequests(deps, requireActor(req), req.query.view ?? 'open', req.query.officer);
    return { items: items.map(presentLine) };
  });

  api.get('/requests/overview', {
    schema: { ...staff, summary: 'Supervisor overview: every open request of the subtree with days remaining, per officer', response: { 200: Type.Object({ items: Type.Array(RequestLineSchema), totals: Type.Object({ open: Type.Integer(), overdue: Type.Integer(), due_within_5: Type.Integer() }), per_officer: Type.Array(Type.Object({ officer_id: Type.Union([Type.String(), Type.Null()]), officer_name: Type.String(), open: Type.Integer(), overdue: Type.Integer() })) }), ...errors } },
  }, async (req) => {
    const o = await supervisorOverview(deps, requireActor(req));
    return { ...o, items: o.items.map(presentLine) };
  });

  api.get('/requests/art44', {
    schema: { ...staff, summary: 'Art. 44: information disclosed to several applicants, proposed for proactive publication', response: { 200: Type.Object({ items: Type.Array(Type.Object({ agency_code: Type.String(), title: Type.String(), applicants: Type.Integer(), requests: Type.Array(Type.Object({ id: Type.String(), tracking_number: Type.String(), outcome_code: Type.String(), replied_on: Type.Union([Type.String(), Type.Null()]) })) })) }), ...errors } },
  }, async (req) => ({ items: await art44Candidates(deps, requireActor(req)) }));

  api.post('/requests/art44', {
    schema: { ...staff, summary: 'Art. 44: create a draft document linked to the requests', body: Type.Object({ request_ids: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 200 }), ...DraftBody.properties }), response: { 201: Type.Object({ document_id: Type.String(), revision_id: Type.String() }), ...errors } },
  }, async (req, reply) => {
    const { request_ids, ...draft } = req.body;
    const r = await proposeProactiveDisclosure(deps, requireActor(req), request_ids, draft);
    return reply.status(201).send({ document_id: r.documentId, revision_id: r.revisionId });
  });

  api.post('/requests/offline', { schema: { ...staff, summary: 'Register an application received in person, by mail or fax (Art. 31 receipt date)', body: OfflineBody, response: { 201: SubmittedSchema, ...errors } } }, async (req, reply) => {
    const actor = requireActor(req);
    const agency = await agencyByCode(deps, req.body.agency_code);
    if (!agency) throw new AppError('agency_not_found');
    const { agency_code: _a, ...input } = req.body;
    const r = await registerOffline(deps, actor, agency.id, input);
    return reply.status(201).send({ id: r.requestId, tracking_number: r.trackingNumber, token: r.token, state: r.state, track_url: privateUrl(r.trackingNumber, r.token) });
  });

  api.get('/requests/:id', { schema: { ...staff, summary: 'One request with its applicant, events and computed deadlines', params: IdParams, response: ok } }, async (req) => detail(requireActor(req), req.params.id));

  /** A staff step: run the command, answer with the request as it is now. */
  const step = <B>(path: string, summary: string, body: ReturnType<typeof Type.Object>, run: (actor: Actor, id: string, body: B) => Promise<unknown>) => {
    api.post(path, { schema: { ...staff, summary, params: IdParams, body, response: ok } }, async (req) => {
      const actor = requireActor(req);
      await run(actor, req.params.id, req.body as B); // validated against `body` by Fastify before the handler runs
      return detail(actor, req.params.id);
    });
  };
  const Empty = Type.Object({}, { additionalProperties: false });
  const Note = Type.Optional(Type.String({ maxLength: 2000 }));

  step<{ on?: string }>('/requests/:id/confirm-receipt', 'Confirm receipt with the applicant (Art. 31); the clock starts', Type.Object({ on: Type.Optional(Date10) }), (a, id, b) => confirmReceipt(deps, a, id, b.on ? { on: b.on } : {}));
  step('/requests/:id/take', 'Take the request (it becomes yours)', Empty, (a, id) => takeRequest(deps, a, id));
  step<{ what: string; supplement_by: string }>('/requests/:id/correction', 'Ask for a correction (Art. 30: once, within 7 working days)', Type.Object({ what: Type.String({ maxLength: 4000 }), supplement_by: Date10 }), (a, id, b) => requestCorrection(deps, a, id, { what: b.what, supplementBy: b.supplement_by }));
  step<{ on?: string; note?: string }>('/requests/:id/supplement', 'Record the supplement; the period restarts (Art. 30)', Type.Object({ on: Type.Optional(Date10), note: Note }), (a, id, b) => recordSupplement(deps, a, id, { ...(b.on ? { on: b.on } : {}), ...(b.note ? { note: b.note } : {}) }));
  step('/requests/:id/abandon', 'No supplement by the deadline: deemed abandoned (其他处理 1)', Empty, (a, id) => markAbandoned(deps, a, id));
  step<{ days: number; approver: string; reason: string }>('/requests/:id/extend', 'Extend the period (Art. 33: once, ≤ 20 working days, approver recorded)', Type.Object({ days: Type.Integer({ minimum: 1, maximum: 366 }), approver: Type.String({ maxLength: 100 }), reason: Type.String({ maxLength: 2000 }) }), (a, id, b) => extendRequest(deps, a, id, b));
  step<{ party: 'third_party' | 'other_agency'; note?: string }>('/requests/:id/consultation', 'Start a consultation; the clock pauses (Arts. 32, 34)', Type.Object({ party: Type.Unsafe<'third_party' | 'other_agency'>({ type: 'string', enum: ['third_party', 'other_agency'] }), note: Note }), (a, id, b) => startConsultation(deps, a, id, b));
  step<{ note?: string }>('/requests/:id/consultation/end', 'End the consultation; the clock resumes', Type.Object({ note: Note }), (a, id, b) => endConsultation(deps, a, id, b.note ? { note: b.note } : {}));
  step<{ method: 'per_request' | 'per_volume'; pages?: number }>('/requests/:id/fee-notice', 'Send a fee notice (per request or per volume, never both; fen)', Type.Object({ method: Type.Unsafe<'per_request' | 'per_volume'>({ type: 'string', enum: ['per_request', 'per_volume'] }), pages: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })) }), (a, id, b) =>
    issueFeeNotice(deps, a, id, b.method === 'per_volume' ? { method: 'per_volume', pages: b.pages ?? -1 } : { method: 'per_request' }));
  step<{ amount_fen: number }>('/requests/:id/fee-payment', 'Record the payment of the open fee notice', Type.Object({ amount_fen: Type.Integer({ minimum: 0 }) }), (a, id, b) => recordPayment(deps, a, id, { amountFen: b.amount_fen }));
  step('/requests/:id/fee-non-payment', 'Not paid by the deadline: closed as 其他处理 2', Empty, (a, id) => recordNonPayment(deps, a, id));
  step<{ outcome: string; text: string; linked?: string[] }>('/requests/:id/reply', 'Reply with an Art. 36 outcome (released files uploaded before; links to published documents)', Type.Object({ outcome: OutcomeEnum, text: Type.String({ maxLength: 20_000 }), linked: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })) }), (a, id, b) =>
    replyToRequest(deps, a, id, { outcome: b.outcome, text: b.text, ...(b.linked ? { linkedIndexNumbers: b.linked } : {}) }));
  step('/requests/:id/close', 'Close a replied or abandoned request', Empty, (a, id) => closeRequest(deps, a, id));
  step<{ kind: string; filed_on: string; result?: string; decided_on?: string; body_name?: string; case_number?: string; note?: string }>('/requests/:id/appeals', 'Record a reconsideration or litigation (table 四)', Type.Object({
    kind: Type.Unsafe<string>({ type: 'string', enum: ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'] }),
    filed_on: Date10,
    result: Type.Optional(Type.Unsafe<string>({ type: 'string', enum: ['pending', 'upheld', 'corrected', 'other'] })),
    decided_on: Type.Optional(Date10),
    body_name: Type.Optional(Type.String({ maxLength: 200 })),
    case_number: Type.Optional(Type.String({ maxLength: 100 })),
    note: Note,
  }), (a, id, b) => recordAppeal(deps, a, id, {
    kind: b.kind, filedOn: b.filed_on, ...(b.result ? { result: b.result } : {}), ...(b.decided_on ? { decidedOn: b.decided_on } : {}),
    ...(b.body_name ? { bodyName: b.body_name } : {}), ...(b.case_number ? { caseNumber: b.case_number } : {}), ...(b.note ? { note: b.note } : {}),
  }));

  api.patch('/requests/appeals/:aid', {
    schema: { ...staff, summary: 'Record the result of a reconsideration or litigation', params: Type.Object({ aid: Type.String({ maxLength: 64 }) }), body: Type.Object({ result: Type.Unsafe<string>({ type: 'string', enum: ['pending', 'upheld', 'corrected', 'other'] }), decided_on: Type.Optional(Date10), note: Note }), response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    await updateAppealResult(deps, requireActor(req), req.params.aid, { result: req.body.result, ...(req.body.decided_on ? { decidedOn: req.body.decided_on } : {}), ...(req.body.note !== undefined ? { note: req.body.note } : {}) });
    return reply.status(204).send(null);
  });

  api.post('/requests/:id/files', {
    schema: { ...staff, summary: 'Add a file: released (delivered with the reply) or received on paper (multipart, one part named file)', params: IdParams, querystring: Type.Object({ purpose: Type.String({ maxLength: 40 }) }), consumes: ['multipart/form-data'], response: { 201: RequestDetailSchema, ...errors } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    if (!req.isMultipart()) throw new AppError('upload_missing');
    const part = await req.file();
    if (!part) throw new AppError('upload_missing');
    await addStaffFile(deps, actor, req.params.id, req.query.purpose, part.file, part.filename);
    return reply.status(201).send(await detail(actor, req.params.id));
  });
}
