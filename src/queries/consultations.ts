/**
 * Read models of consultations (意见征集). Public views carry no commenter data: never the e-mail,
 * and the chosen display name only (null when none was chosen; pages show 公众). Pending and
 * unverified comments never appear publicly; hidden ones appear as a placeholder with the reason.
 */
import { allowed, type Actor } from '../commands/actor.js';
import type { Deps } from '../commands/deps.js';
import type { DraftParagraph } from '../domain/consultations/paragraphs.js';
import { phaseAt, type Phase } from '../domain/consultations/rules.js';
import { AppError } from '../domain/errors.js';
import { scopesFor } from '../domain/policy.js';
import { consultationRepo, type CommentCounts, type CommentRow, type ConsultationRow, type PointRow } from '../store/repos/consultation-repo.js';
import type { Agency } from '../store/schema.js';

/** A line of a consultation list. */
export interface ConsultationLine {
  id: string;
  title: string;
  agency_code: string;
  agency_name_zh: string;
  agency_name_en: string;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  phase: Phase;
  summary_published: boolean;
}

/** A comment as the public sees it. */
export interface PublicComment {
  id: string;
  paragraph_no: number | null;
  /** null when hidden. */
  body: string | null;
  /** The chosen display name, or null (shown as 公众). */
  name: string | null;
  published_at: string;
  hidden: boolean;
  hidden_reason: string | null;
}

/** A published feedback summary. */
export interface PublicSummary {
  intro: string;
  total_comments: number;
  hidden_comments: number;
  participants: number;
  published_at: string;
  final: { index_number: string; title: string } | null;
  points: { point: string; decision: PointRow['decision']; reason: string }[];
}

/** Everything the public consultation page and API show. */
export interface PublicConsultation {
  c: ConsultationRow;
  agency: Agency;
  phase: Phase;
  draft: { index_number: string; title: string } | null;
  paragraphs: DraftParagraph[];
  comments: PublicComment[];
  counts: CommentCounts;
  summary: PublicSummary | null;
}

async function lines(deps: Deps, scopes: string[] | null, now: Date): Promise<ConsultationLine[]> {
  if (scopes && !scopes.length) return [];
  let q = deps.db
    .selectFrom('consultations as c')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .leftJoin('consultation_summaries as s', 's.consultation_id', 'c.id')
    .select(['c.id', 'c.title', 'c.state', 'c.starts_at', 'c.ends_at', 'c.time_zone', 'a.code as agency_code', 'a.name_zh as agency_name_zh', 'a.name_en as agency_name_en', 's.state as summary_state'])
    .orderBy('c.ends_at', 'desc')
    .orderBy('c.id');
  if (scopes) q = q.where((eb) => eb.or(scopes.map((p) => eb('a.path', 'like', `${p}%`))));
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    agency_code: r.agency_code,
    agency_name_zh: r.agency_name_zh,
    agency_name_en: r.agency_name_en,
    starts_at: r.starts_at,
    ends_at: r.ends_at,
    time_zone: r.time_zone,
    phase: phaseAt(r, now),
    summary_published: r.summary_state === 'published',
  }));
}

/** Every consultation, newest end first, with its phase at `now`. */
export function publicConsultations(deps: Deps, now: Date = deps.clock.now()): Promise<ConsultationLine[]> {
  return lines(deps, null, now);
}

/** The consultations of the agencies where the actor may read documents. */
export function staffConsultations(deps: Deps, actor: Actor): Promise<ConsultationLine[]> {
  return lines(deps, actor.type === 'system' ? null : scopesFor(actor.grants, 'document.read'), deps.clock.now());
}

function publicComment(r: CommentRow): PublicComment {
  const hidden = r.state === 'hidden';
  return {
    id: r.id,
    paragraph_no: r.paragraph_no === null ? null : Number(r.paragraph_no),
    body: hidden ? null : r.body,
    name: hidden ? null : r.display_name || null,
    published_at: r.published_at ?? r.submitted_at,
    hidden,
    hidden_reason: hidden ? r.hidden_reason : null,
  };
}

async function summaryView(deps: Deps, id: string, onlyPublished: boolean): Promise<(PublicSummary & { state: string; final_index_number: string }) | null> {
  const s = await consultationRepo.summaryOf(deps.db, id);
  if (!s || (onlyPublished && s.state !== 'published')) return null;
  const final = s.final_document_id ? await deps.db.selectFrom('documents').select(['index_number', 'title']).where('id', '=', s.final_document_id).executeTakeFirst() : undefined;
  const points = await consultationRepo.pointsOf(deps.db, id);
  return {
    state: s.state,
    intro: s.intro,
    total_comments: Number(s.total_comments),
    hidden_comments: Number(s.hidden_comments),
    participants: Number(s.participants),
    published_at: s.published_at ?? '',
    final: final?.index_number ? { index_number: final.index_number, title: final.title } : null,
    final_index_number: final?.index_number ?? '',
    points: points.map((p) => ({ point: p.point, decision: p.decision, reason: p.reason })),
  };
}

/** The public view of one consultation. */
export async function publicConsultation(deps: Deps, id: string): Promise<PublicConsultation> {
  const c = await consultationRepo.byId(deps.db, id);
  if (!c) throw new AppError('consultation_not_found');
  const agency = await deps.db.selectFrom('agencies').selectAll().where('id', '=', c.agency_id).executeTakeFirstOrThrow();
  const draft = await deps.db.selectFrom('documents').select(['index_number', 'title', 'status']).where('id', '=', c.draft_document_id).executeTakeFirst();
  const rows = await deps.db
    .selectFrom('consultation_comments')
    .selectAll()
    .where('consultation_id', '=', id)
    .where('state', 'in', ['published', 'hidden'])
    .orderBy('published_at')
    .orderBy('id')
    .execute();
  return {
    c,
    agency,
    phase: phaseAt(c, deps.clock.now()),
    draft: draft?.index_number && draft.status !== 'draft' ? { index_number: draft.index_number, title: draft.title } : null,
    paragraphs: JSON.parse(c.paragraphs) as DraftParagraph[], // written by openConsultation
    comments: rows.map(publicComment),
    counts: await consultationRepo.counts(deps.db, id),
    summary: await summaryView(deps, id, true),
  };
}

/** A comment as a moderator sees it (the e-mail stays out: moderation needs the text, not the address). */
export interface StaffComment extends PublicComment {
  state: CommentRow['state'];
  body_text: string;
  display_name: string;
  anonymous: boolean;
  queue_reason: CommentRow['queue_reason'];
  pii_kinds: string[];
  open_reports: number;
  report_count: number;
  report_reasons: string[];
  submitted_at: string;
  version: number;
}

function staffComment(r: CommentRow, reasons: string[]): StaffComment {
  return {
    ...publicComment(r),
    state: r.state,
    body_text: r.body,
    display_name: r.display_name,
    anonymous: r.anonymous === 1,
    queue_reason: r.queue_reason,
    pii_kinds: JSON.parse(r.pii_kinds) as string[], // written by submitComment
    open_reports: Number(r.open_reports),
    report_count: Number(r.report_count),
    report_reasons: reasons,
    submitted_at: r.submitted_at,
    version: Number(r.version),
  };
}

async function withReasons(deps: Deps, rows: CommentRow[]): Promise<StaffComment[]> {
  const ids = rows.filter((r) => r.report_count > 0).map((r) => r.id);
  const reports = ids.length ? await deps.db.selectFrom('consultation_reports').select(['comment_id', 'reason']).where('comment_id', 'in', ids).execute() : [];
  return rows.map((r) => staffComment(r, [...new Set(reports.filter((x) => x.comment_id === r.id).map((x) => x.reason))]));
}

/** A queue item: a comment waiting for a moderator, with its consultation. */
export interface QueueItem {
  consultation_id: string;
  consultation_title: string;
  comment: StaffComment;
}

/**
 * The moderation queue: comments held (pre-moderation or personal data) and published comments
 * with reports not yet looked at, oldest first, in the agencies where the actor may edit.
 */
export async function moderationQueue(deps: Deps, actor: Actor, consultationId?: string): Promise<QueueItem[]> {
  const scopes = actor.type === 'system' ? null : scopesFor(actor.grants, 'document.edit');
  if (scopes && !scopes.length) return [];
  let q = deps.db
    .selectFrom('consultation_comments as m')
    .innerJoin('consultations as c', 'c.id', 'm.consultation_id')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .selectAll('m')
    .select(['c.title as consultation_title'])
    .where((eb) => eb.or([eb('m.state', '=', 'pending'), eb.and([eb('m.state', '=', 'published'), eb('m.open_reports', '>', 0)])]))
    .orderBy('m.submitted_at')
    .orderBy('m.id');
  if (scopes) q = q.where((eb) => eb.or(scopes.map((p) => eb('a.path', 'like', `${p}%`))));
  if (consultationId) q = q.where('m.consultation_id', '=', consultationId);
  const rows = await q.execute();
  const comments = await withReasons(deps, rows);
  return rows.map((r, i) => ({ consultation_id: r.consultation_id, consultation_title: r.consultation_title, comment: comments[i] as StaffComment })); // same length and order as rows
}

/** The console view of one consultation. */
export interface StaffConsultation {
  c: ConsultationRow;
  agency: Agency;
  phase: Phase;
  draft: { index_number: string; title: string } | null;
  paragraphs: DraftParagraph[];
  counts: CommentCounts;
  comments: StaffComment[];
  summary: Awaited<ReturnType<typeof summaryView>>;
  canEdit: boolean;
}

/** One consultation for the console; hidden from staff without `document.read` at its agency. */
export async function staffConsultation(deps: Deps, actor: Actor, id: string): Promise<StaffConsultation> {
  const c = await consultationRepo.byId(deps.db, id);
  const agency = c ? await deps.db.selectFrom('agencies').selectAll().where('id', '=', c.agency_id).executeTakeFirst() : undefined;
  if (!c || !agency || !allowed(actor, 'document.read', agency.path)) throw new AppError('consultation_not_found');
  const draft = await deps.db.selectFrom('documents').select(['index_number', 'title']).where('id', '=', c.draft_document_id).executeTakeFirst();
  const rows = await deps.db.selectFrom('consultation_comments').selectAll().where('consultation_id', '=', id).where('state', '!=', 'unverified').orderBy('submitted_at').orderBy('id').execute();
  return {
    c,
    agency,
    phase: phaseAt(c, deps.clock.now()),
    draft: draft?.index_number ? { index_number: draft.index_number, title: draft.title } : null,
    paragraphs: JSON.parse(c.paragraphs) as DraftParagraph[], // written by openConsultation
    counts: await consultationRepo.counts(deps.db, id),
    comments: await withReasons(deps, rows),
    summary: await summaryView(deps, id, false),
    canEdit: allowed(actor, 'document.edit', agency.path),
  };
}

/** The agencies where the actor may open consultations. */
export async function consultationAgencies(deps: Deps, actor: Actor): Promise<Agency[]> {
  const rows = await deps.db.selectFrom('agencies').selectAll().where('status', '=', 'open').orderBy('path').execute();
  return rows.filter((a) => allowed(actor, 'document.edit', a.path));
}

/** The consultations a document takes part in: as the draft commented on, or as the final policy of a published summary. */
export interface ConsultationLinks {
  asDraft: { id: string; title: string; phase: Phase }[];
  asFinal: { id: string; title: string }[];
}

/** For the document page: links from a draft to its consultation and from a final policy back to the feedback summary. */
export async function consultationLinks(deps: Deps, documentId: string): Promise<ConsultationLinks> {
  const drafts = await deps.db.selectFrom('consultations').select(['id', 'title', 'state', 'starts_at', 'ends_at']).where('draft_document_id', '=', documentId).orderBy('created_at').execute();
  const finals = await deps.db
    .selectFrom('consultation_summaries as s')
    .innerJoin('consultations as c', 'c.id', 's.consultation_id')
    .select(['c.id', 'c.title'])
    .where('s.final_document_id', '=', documentId)
    .where('s.state', '=', 'published')
    .orderBy('s.published_at')
    .execute();
  const now = deps.clock.now();
  return { asDraft: drafts.map((d) => ({ id: d.id, title: d.title, phase: phaseAt(d, now) })), asFinal: finals };
}
