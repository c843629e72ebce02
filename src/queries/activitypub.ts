/**
 * Read models of the ActivityPub adapter: agencies by code or WebFinger user name, their actor
 * rows, the outbox (the agency's public document events from `events`), and follower counts.
 * Only public data leaves these functions, except `apActorOf`, whose private key is used to sign
 * on the server and is never served.
 */
import type { Deps } from '../commands/deps.js';
import type { DocumentEntry } from '../channels/activitypub/activities.js';
import { apActors, apFollowers, type ApActorRow } from '../store/repos/activitypub-repo.js';
import type { EventRow } from '../store/repos/event-repo.js';

/** The event kinds that become outbox activities. */
export const AP_DOCUMENT_KINDS = ['document.published', 'document.corrected', 'document.validity_changed', 'document.withdrawn'] as const;
type ApKind = (typeof AP_DOCUMENT_KINDS)[number];

export function isApDocumentKind(kind: string): kind is ApKind {
  return (AP_DOCUMENT_KINDS as readonly string[]).includes(kind);
}

/** What the actor of an agency shows. */
export interface ApAgency {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  created_at: string;
}

const AGENCY_COLUMNS = ['id', 'code', 'name_zh', 'name_en', 'created_at'] as const;

export function apAgencyByCode(deps: Deps, code: string): Promise<ApAgency | undefined> {
  return deps.db.selectFrom('agencies').select(AGENCY_COLUMNS).where('code', '=', code).executeTakeFirst();
}

export function apAgencyById(deps: Deps, id: string): Promise<ApAgency | undefined> {
  return deps.db.selectFrom('agencies').select(AGENCY_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The agency whose lower-cased code is `username` (WebFinger `acct:` user part). */
export function apAgencyByUsername(deps: Deps, username: string): Promise<ApAgency | undefined> {
  return deps.db
    .selectFrom('agencies')
    .select(AGENCY_COLUMNS)
    .where((eb) => eb(eb.fn<string>('lower', ['code']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

/** The agency's actor row (with its private key: for signing only). */
export function apActorOf(deps: Deps, agencyId: string): Promise<ApActorRow | undefined> {
  return apActors.of(deps.db, agencyId);
}

export function apFollowerCount(deps: Deps, agencyId: string): Promise<number> {
  return apFollowers.count(deps.db, agencyId);
}

function payloadOf(e: EventRow): Record<string, unknown> {
  try {
    const p: unknown = JSON.parse(e.payload);
    return p !== null && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The outbox entries of document events (other events are skipped), with each version's title
 * and summary from its published revision, in the order given.
 */
export async function apEntriesOf(deps: Deps, events: readonly EventRow[]): Promise<DocumentEntry[]> {
  const docs = events.filter((e) => e.subject_type === 'document' && isApDocumentKind(e.kind));
  if (docs.length === 0) return [];
  const ids = [...new Set(docs.map((e) => e.subject_id))];
  const documents = await deps.db.selectFrom('documents').select(['id', 'index_number', 'first_published_at', 'status']).where('id', 'in', ids).execute();
  const revisions = await deps.db
    .selectFrom('document_revisions')
    .select(['document_id', 'version_no', 'title', 'summary', 'doc_number', 'published_at'])
    .where('document_id', 'in', ids)
    .where('version_no', 'is not', null)
    .execute();
  const docById = new Map(documents.map((d) => [d.id, d]));
  const rev = new Map(revisions.map((r) => [`${r.document_id}:${Number(r.version_no)}`, r]));
  const out: DocumentEntry[] = [];
  for (const e of docs) {
    const d = docById.get(e.subject_id);
    const p = payloadOf(e);
    const version = typeof p.version === 'number' ? p.version : 1;
    const r = rev.get(`${e.subject_id}:${version}`);
    const indexNumber = d?.index_number ?? str(p.index_number);
    // Only documents that reached the public record (published or withdrawn) are shown.
    if (!d || !indexNumber || d.status === 'draft') continue;
    out.push({
      eventId: e.id,
      kind: e.kind as DocumentEntry['kind'], // narrowed by isApDocumentKind above
      at: e.occurred_at,
      indexNumber,
      version,
      title: r?.title ?? str(p.title),
      summary: r?.summary ?? '',
      docNumber: r?.doc_number ?? str(p.doc_number),
      note: e.kind === 'document.corrected' ? str(p.change_note) : e.kind === 'document.published' ? '' : str(p.note),
      firstPublishedAt: d.first_published_at ?? e.occurred_at,
    });
  }
  return out;
}

/** The number of outbox activities of an agency and, for `page` ≥ 1, that page (newest first). */
export async function apOutbox(deps: Deps, agencyId: string, page: number | null, pageSize: number): Promise<{ total: number; entries: DocumentEntry[] }> {
  const base = deps.db
    .selectFrom('events')
    .where('agency_id', '=', agencyId)
    .where('subject_type', '=', 'document')
    .where('kind', 'in', [...AP_DOCUMENT_KINDS]);
  const t = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(t.n);
  if (page === null) return { total, entries: [] };
  const rows = await base
    .selectAll()
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total, entries: await apEntriesOf(deps, rows) };
}

/** One outbox activity of an agency by its event id, or null. */
export async function apEntryByEvent(deps: Deps, agencyId: string, eventId: string): Promise<DocumentEntry | null> {
  const ev = await deps.db.selectFrom('events').selectAll().where('id', '=', eventId).where('agency_id', '=', agencyId).executeTakeFirst();
  if (!ev) return null;
  const [entry] = await apEntriesOf(deps, [ev]);
  return entry ?? null;
}

/** The latest outbox entry of an agency's document `<code>/<ys>` (its Note as it now stands), or null. */
export async function apLatestEntryOfDocument(deps: Deps, agencyId: string, indexNumber: string): Promise<DocumentEntry | null> {
  const doc = await deps.db.selectFrom('documents').select('id').where('index_number', '=', indexNumber).where('agency_id', '=', agencyId).executeTakeFirst();
  if (!doc) return null;
  const ev = await deps.db
    .selectFrom('events')
    .selectAll()
    .where('subject_type', '=', 'document')
    .where('subject_id', '=', doc.id)
    .where('kind', 'in', [...AP_DOCUMENT_KINDS])
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!ev) return null;
  const [entry] = await apEntriesOf(deps, [ev]);
  return entry ?? null;
}

/** NodeInfo usage figures: agencies (the "users") and public documents (the "posts"). */
export async function apInstanceUsage(deps: Deps): Promise<{ agencies: number; documents: number }> {
  const a = await deps.db.selectFrom('agencies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const d = await deps.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', ['published', 'withdrawn']).executeTakeFirstOrThrow();
  return { agencies: Number(a.n), documents: Number(d.n) };
}
