/**
 * Staff read models of documents: work lists in the actor's scope, a revision with its review
 * record and personal-data findings, the review queue, late publications (Art. 26) and policies
 * without an interpretation. Everything is filtered by the actor's grant scopes.
 */
import { AppError } from '../domain/errors.js';
import { scopesFor, type Action } from '../domain/policy.js';
import { POLICY_GENRES } from '../domain/documents/genres.js';
import { allowed, type Actor } from '../commands/actor.js';
import type { Deps } from '../commands/deps.js';
import { overridesOf, scanDraft, type DraftFinding, type PiiOverride } from '../commands/documents/pii-check.js';
import { TIMELINESS_LIMIT_DAYS } from '../commands/documents/publish-revision.js';
import { documentRepo, type AttachmentWithBlob } from '../store/repos/document-repo.js';
import type { Agency, DocumentRow, Revision } from '../store/schema.js';

/** One line of a staff work list. */
export interface WorkItem {
  revision_id: string;
  document_id: string;
  state: string;
  title: string;
  index_number: string | null;
  current_version: number;
  agency_code: string;
  agency_name_zh: string;
  agency_name_en: string;
  updated_at: string;
  publish_at: string | null;
  author: string;
}

function scoped(actor: Actor, action: Action): string[] | null {
  return actor.type === 'system' ? null : scopesFor(actor.grants, action);
}

/** Open revisions (drafts, submitted, cleared, scheduled) in scope, newest first; `states` narrows. */
export async function workList(deps: Deps, actor: Actor, states: readonly Revision['state'][], action: Action = 'document.read'): Promise<WorkItem[]> {
  const scopes = scoped(actor, action);
  if (scopes && scopes.length === 0) return [];
  let q = deps.db
    .selectFrom('document_revisions as r')
    .innerJoin('documents as d', 'd.id', 'r.document_id')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('users as u', 'u.id', 'r.updated_by')
    .select(['r.id as revision_id', 'r.document_id', 'r.state', 'r.title', 'd.index_number', 'd.current_version', 'a.code as agency_code', 'a.name_zh as agency_name_zh', 'a.name_en as agency_name_en', 'r.updated_at', 'r.publish_at'])
    .select((eb) => eb.fn.coalesce('u.display_name', eb.val('')).as('author'))
    .where('r.state', 'in', [...states]);
  if (scopes) q = q.where((eb) => eb.or(scopes.map((p) => eb('a.path', 'like', `${p}%`))));
  return q.orderBy('r.updated_at', 'desc').limit(500).execute();
}

/** Everything the revision page shows to staff. */
export interface RevisionDetail {
  rev: Revision;
  doc: DocumentRow;
  agency: Agency;
  attachments: AttachmentWithBlob[];
  reviews: { stage: string; decision: string; comment: string; at: string; reviewer_name: string }[];
  findings: DraftFinding[];
  overrides: PiiOverride[];
  canEdit: boolean;
  canReview: boolean;
  authorName: string;
}

/** A revision for the console; 404 outside the actor's scope (drafts are not public). */
export async function revisionDetail(deps: Deps, actor: Actor, revisionId: string): Promise<RevisionDetail> {
  const rev = await documentRepo.revisionById(deps.db, revisionId);
  if (!rev) throw new AppError('revision_not_found');
  const agency = await deps.db.selectFrom('agencies').selectAll().where('id', '=', rev.agency_id).executeTakeFirstOrThrow();
  if (!allowed(actor, 'document.read', agency.path)) throw new AppError('revision_not_found');
  const doc = await documentRepo.documentById(deps.db, rev.document_id);
  if (!doc) throw new AppError('revision_not_found');
  const reviews = (await documentRepo.reviewsOf(deps.db, doc.id)).filter((r) => r.revision_id === rev.id);
  const author = await deps.db.selectFrom('users').select('display_name').where('id', '=', rev.created_by).executeTakeFirst();
  return {
    rev,
    doc,
    agency,
    attachments: await documentRepo.attachmentsOf(deps.db, rev.id),
    reviews: reviews.map((r) => ({ stage: r.stage, decision: r.decision, comment: r.comment ?? '', at: r.at, reviewer_name: r.reviewer_name })),
    findings: rev.state === 'draft' ? await scanDraft(deps.db, rev) : [],
    overrides: overridesOf(rev),
    canEdit: allowed(actor, 'document.edit', agency.path),
    canReview: allowed(actor, 'document.review', agency.path),
    authorName: author?.display_name ?? '',
  };
}

/** A published document line in staff lists. */
export interface PublishedLine {
  document_id: string;
  index_number: string;
  title: string;
  genre: string;
  date_formed: string;
  published_date: string;
  timeliness_days: number | null;
  agency_name_zh: string;
  agency_name_en: string;
  status: string;
  validity: string;
}

async function publishedIn(deps: Deps, actor: Actor, build: (q: ReturnType<typeof base>) => ReturnType<typeof base>, agencyId?: string): Promise<PublishedLine[]> {
  const scopes = scoped(actor, 'document.read');
  if (scopes && scopes.length === 0) return [];
  let q = base(deps);
  if (scopes) q = q.where((eb) => eb.or(scopes.map((p) => eb('a.path', 'like', `${p}%`))));
  if (agencyId) q = q.where('d.agency_id', '=', agencyId);
  const rows = await build(q).orderBy('d.last_published_at', 'desc').limit(500).execute();
  return rows.flatMap((r) => (r.index_number && r.published_date ? [{ ...r, index_number: r.index_number, published_date: r.published_date }] : []));
}

function base(deps: Deps) {
  return deps.db
    .selectFrom('documents as d')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .select(['d.id as document_id', 'd.index_number', 'd.title', 'd.genre', 'd.date_formed', 'd.published_date', 'd.timeliness_days', 'a.name_zh as agency_name_zh', 'a.name_en as agency_name_en', 'd.status', 'd.validity'])
    .where('d.status', 'in', ['published', 'withdrawn']);
}

/** Published documents in scope, newest first; `agencyId` narrows to one agency. */
export async function publishedList(deps: Deps, actor: Actor, agencyId?: string): Promise<PublishedLine[]> {
  return publishedIn(deps, actor, (q) => q, agencyId);
}

/** Documents first published more than 20 working days after they were formed (Art. 26). */
export async function lateDocuments(deps: Deps, actor: Actor, agencyId?: string): Promise<PublishedLine[]> {
  return publishedIn(deps, actor, (q) => q.where('d.timeliness_days', '>', TIMELINESS_LIMIT_DAYS), agencyId);
}

/** Published policies (rules, normative documents, plans) that no published interpretation links to. */
export async function policiesWithoutInterpretation(deps: Deps, actor: Actor, agencyId?: string): Promise<PublishedLine[]> {
  return publishedIn(deps, actor, (q) =>
    q
      .where('d.status', '=', 'published')
      .where('d.genre', 'in', [...POLICY_GENRES])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('documents as i').select('i.id').whereRef('i.interprets_id', '=', 'd.id').where('i.status', '=', 'published'),
          ),
        ),
      ),
    agencyId,
  );
}

/** Agencies where the actor may draft documents (open ones only), for the new-document form. */
export async function draftableAgencies(deps: Deps, actor: Actor): Promise<{ id: string; name_zh: string; name_en: string }[]> {
  const scopes = scoped(actor, 'document.edit');
  if (scopes && scopes.length === 0) return [];
  let q = deps.db.selectFrom('agencies').select(['id', 'name_zh', 'name_en']).where('status', '=', 'open');
  if (scopes) q = q.where((eb) => eb.or(scopes.map((p) => eb('path', 'like', `${p}%`))));
  return q.orderBy('depth').orderBy('sort_order').orderBy('code').execute();
}

/** The co-issuer codes and interpreted index number of a revision, as its form shows them. */
export async function revisionLinks(deps: Deps, rev: Revision): Promise<{ coCodes: string[]; interprets: string }> {
  const ids = JSON.parse(rev.co_issuer_ids) as string[]; // a JSON string array written by cleanDraft
  const co = ids.length ? await deps.db.selectFrom('agencies').select(['id', 'code']).where('id', 'in', ids).execute() : [];
  const interp = rev.interprets_id ? await deps.db.selectFrom('documents').select('index_number').where('id', '=', rev.interprets_id).executeTakeFirst() : undefined;
  return { coCodes: ids.map((id) => co.find((c) => c.id === id)?.code ?? id), interprets: interp?.index_number ?? '' };
}

/** A public document by id for the console, with its open revision; 404 outside the actor's scope. */
export async function managedDocument(deps: Deps, actor: Actor, documentId: string): Promise<{ indexNumber: string; openRevisionId: string | null; canEdit: boolean; canReview: boolean }> {
  const doc = await documentRepo.documentById(deps.db, documentId);
  if (!doc || !doc.index_number) throw new AppError('document_not_found');
  const agency = await deps.db.selectFrom('agencies').select('path').where('id', '=', doc.agency_id).executeTakeFirstOrThrow();
  if (!allowed(actor, 'document.read', agency.path)) throw new AppError('document_not_found');
  const open = await documentRepo.openRevision(deps.db, doc.id);
  return { indexNumber: doc.index_number, openRevisionId: open?.id ?? null, canEdit: allowed(actor, 'document.edit', agency.path), canReview: allowed(actor, 'document.review', agency.path) };
}
