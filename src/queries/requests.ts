/**
 * Public read models of requests, reached only with the tracking number AND the private token.
 * `trackRequest` returns status and dates only; `applicantView` adds what the applicant needs
 * (their description, notices, the reply and released files). Neither selects a column of
 * `request_applicants`: the applicant's personal data never leaves through these.
 */
import type { Readable } from 'node:stream';
import { compareDates } from '../domain/calendar/iso-date.js';
import { AppError } from '../domain/errors.js';
import { isOutcomeCode, outcomeInfo } from '../domain/requests/outcomes.js';
import type { Deps } from '../commands/deps.js';
import { requestByToken } from '../commands/requests/applicant-access.js';
import { todayAt } from '../commands/requests/load.js';
import { requestRepo } from '../store/repos/request-repo.js';
import type { RequestRow } from '../store/schema.js';

/** Event kinds shown on the public timeline (no details: those may name third parties). */
const PUBLIC_KINDS = new Set(['submitted', 'received', 'correction_requested', 'supplemented', 'abandoned', 'extended', 'consultation_started', 'consultation_ended', 'fee_notice', 'fee_paid', 'fee_unpaid', 'replied', 'closed']);

/** What the public tracking page shows: status and dates, nothing personal. */
export interface Tracking {
  tracking_number: string;
  agency: { code: string; name_zh: string; name_en: string };
  state: string;
  submitted_on: string;
  received_on: string | null;
  due_date: string | null;
  overdue: boolean;
  extended: boolean;
  replied_on: string | null;
  closed_on: string | null;
  timeline: { kind: string; date: string }[];
}

async function trackingOf(deps: Deps, req: RequestRow): Promise<Tracking> {
  const agency = await deps.db.selectFrom('agencies').select(['code', 'name_zh', 'name_en', 'time_zone']).where('id', '=', req.agency_id).executeTakeFirstOrThrow();
  const events = await requestRepo.events(deps.db, req.id);
  const today = todayAt(deps, agency);
  const open = req.replied_on === null && req.closed_on === null;
  return {
    tracking_number: req.tracking_number,
    agency: { code: agency.code, name_zh: agency.name_zh, name_en: agency.name_en },
    state: req.state,
    submitted_on: req.submitted_on,
    received_on: req.received_on,
    due_date: req.due_date,
    overdue: open && req.due_date !== null && compareDates(today, req.due_date) > 0,
    extended: req.extensions_granted > 0,
    replied_on: req.replied_on,
    closed_on: req.closed_on,
    timeline: events.filter((e) => PUBLIC_KINDS.has(e.kind)).map((e) => ({ kind: e.kind, date: e.local_date })),
  };
}

/** Public tracking by tracking number and private token: `request_not_found` unless both match. */
export async function trackRequest(deps: Deps, number: string, token: string): Promise<Tracking> {
  return trackingOf(deps, await requestByToken(deps.db, number, token));
}

/** The applicant's private view. */
export interface ApplicantView extends Tracking {
  description: { title: string; doc_number: string; other_features: string; form_wanted: string; delivery_wanted: string };
  correction: { what: string; supplement_by: string } | null;
  fees: { amount_fen: number; method: string; units: number; notice_on: string; due_on: string; status: string }[];
  reply: {
    outcome: string;
    label_zh: string;
    label_en: string;
    basis: string;
    text: string;
    replied_on: string;
    linked_documents: string[];
  } | null;
  files: { id: string; purpose: string; filename: string; size: number; mime: string }[];
}

/** The applicant's own view of their request, reply and released files (tracking number + token). */
export async function applicantView(deps: Deps, number: string, token: string): Promise<ApplicantView> {
  const req = await requestByToken(deps.db, number, token);
  const base = await trackingOf(deps, req);
  const events = await requestRepo.events(deps.db, req.id);
  const corr = [...events].reverse().find((e) => e.kind === 'correction_requested');
  const corrDetails = corr ? (JSON.parse(corr.details) as { what?: string; supplement_by?: string }) : null; // written by requestCorrection
  const outcome = await requestRepo.outcomeOf(deps.db, req.id);
  const replied = outcome !== undefined;
  const files = (await requestRepo.filesOf(deps.db, req.id)).filter((f) => f.purpose !== 'released' || replied);
  return {
    ...base,
    description: { title: req.title, doc_number: req.doc_number, other_features: req.other_features, form_wanted: req.form_wanted, delivery_wanted: req.delivery_wanted },
    correction: corrDetails ? { what: corrDetails.what ?? '', supplement_by: corrDetails.supplement_by ?? '' } : null,
    fees: (await requestRepo.feesOf(deps.db, req.id)).map((f) => ({ amount_fen: f.amount_fen, method: f.method, units: f.units, notice_on: f.notice_on, due_on: f.due_on, status: f.status })),
    reply: outcome && isOutcomeCode(outcome.code)
      ? {
          outcome: outcome.code,
          label_zh: outcomeInfo(outcome.code).zh,
          label_en: outcomeInfo(outcome.code).en,
          basis: outcome.basis,
          text: outcome.reply_text,
          replied_on: outcome.replied_on,
          linked_documents: JSON.parse(outcome.linked_documents) as string[], // a JSON string array written by replyToRequest
        }
      : null,
    files: files.map((f) => ({ id: f.id, purpose: f.purpose, filename: f.filename, size: Number(f.size), mime: f.mime })),
  };
}

/**
 * Opens one file of the applicant's request: their own uploads, and released files once the
 * reply exists. `request_not_found` for a wrong number or token; `not_found` for another file.
 */
export async function openApplicantFile(deps: Deps, number: string, token: string, fileId: string): Promise<{ filename: string; mime: string; size: number; stream: Readable }> {
  const req = await requestByToken(deps.db, number, token);
  const replied = (await requestRepo.outcomeOf(deps.db, req.id)) !== undefined;
  const f = (await requestRepo.filesOf(deps.db, req.id)).find((x) => x.id === fileId && (x.purpose !== 'released' || replied));
  if (!f) throw new AppError('not_found');
  return { filename: f.filename, mime: f.mime, size: Number(f.size), stream: await deps.blobs.open(f.blob_sha256) };
}
