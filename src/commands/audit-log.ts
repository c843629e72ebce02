/**
 * `gongkai audit` (issue 4 §6): recomputes every transparency-log entry from the database and the
 * attachment store, and the whole tree from the entries, and reports every divergence by record.
 *
 * What it catches, and how it names it:
 * - a revision row edited behind the application's back (`revision_edited`: index number and
 *   version), since the content hash is recomputed with the publisher's own `versionContent`;
 * - an attachment file replaced or lost on disk (`attachment_replaced` / `attachment_missing`:
 *   file name, document and version), by hashing every blob;
 * - a public event without its entry (`missing_entry`), an entry without its event
 *   (`orphan_entry`), a published version without its event (`version_without_event`), an event
 *   whose version row is gone (`event_without_version`), every other field of an entry that differs
 *   from the rebuilt one (`entry_mismatch`);
 * - in the tree (`audit-tree.ts`): deleted entries (`leaf_gap`), entries placed beyond the tree,
 *   stored hashes (hence tiles) that do not match, and a checkpoint that does not verify.
 * Entries still queued for the sequencer are counted as `pending`, not reported.
 */
import { contentSha256, encodeLogEntry, type LogAction, type LogEntry } from '../domain/documents/content.js';
import { localDate } from '../domain/local-date.js';
import type { NoteVerifier } from '../tlog/note.js';
import type { Agency, DocumentEvent, DocumentRow, Revision } from '../store/schema.js';
import { auditTree, type TreeCounts } from './audit-tree.js';
import { auditBlob } from './audit-blobs.js';
import type { Deps } from './deps.js';
import { versionContent } from './documents/publish-revision.js';

/** Kinds of divergence, stable in `--json` output (see the module comment). */
export type DivergenceKind =
  | 'revision_edited'
  | 'attachment_replaced'
  | 'attachment_missing'
  | 'attachment_list_changed'
  | 'entry_mismatch'
  | 'missing_entry'
  | 'orphan_entry'
  | 'event_without_version'
  | 'version_without_event'
  | 'leaf_gap'
  | 'entry_beyond_tree'
  | 'hash_mismatch'
  | 'hash_missing'
  | 'hash_beyond_tree'
  | 'checkpoint_invalid';

/** One divergence: what, which record, and why. */
export interface Divergence {
  readonly kind: DivergenceKind;
  readonly record: string;
  readonly detail: string;
}

/** Collects findings and progress while the audit runs. */
export interface AuditSink {
  report(kind: DivergenceKind, record: string, detail: string): void;
  /** `n` more units (events or leaves) done. */
  progress(n: number): void;
}

/** The audit's result. `ok` iff no divergence. */
export interface AuditReport extends TreeCounts {
  readonly ok: boolean;
  readonly events: number;
  readonly entries: number;
  readonly blobs: number;
  readonly divergences: readonly Divergence[];
}

/** Options of {@link auditLog}. */
export interface AuditOptions {
  /** Called once with the total units of work, then with units done so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

const PAGE = 500;
const ACTION: Record<DocumentEvent['kind'], LogAction> = { published: 'publish', new_version: 'new_version', validity: 'validity', withdrawn: 'withdraw' };

/** Runs the audit over the store of `deps` and its blob store; `verifier` is the log's key. */
export async function auditLog(deps: Deps, verifier: NoteVerifier, opts: AuditOptions = {}): Promise<AuditReport> {
  const db = deps.db;
  const divergences: Divergence[] = [];
  const count = async (table: 'document_events' | 'tlog_entries'): Promise<number> => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const [events, entries] = [await count('document_events'), await count('tlog_entries')];
  const size = Number((await db.withTables<{ tlog_tree: { id: number; size: number } }>().selectFrom('tlog_tree').select('size').executeTakeFirst())?.size ?? 0);
  const total = events + size;
  let done = 0;
  const sink: AuditSink = {
    report: (kind, record, detail) => void divergences.push({ kind, record, detail }),
    progress: (n) => {
      done += n;
      opts.onProgress?.(done, total);
    },
  };
  opts.onProgress?.(0, total);

  const blobs = new Map<string, Promise<'ok' | 'missing' | string>>();
  let after = '';
  for (;;) {
    const page = await db.selectFrom('document_events').selectAll().where('id', '>', after).orderBy('id').limit(PAGE).execute();
    if (page.length === 0) break;
    await auditEvents(deps, page, blobs, sink);
    after = page[page.length - 1]?.id ?? after;
    sink.progress(page.length);
  }

  const orphans = await db.selectFrom('tlog_entries as t').leftJoin('document_events as e', 'e.id', 't.event_id').select(['t.id', 't.event_id', 't.leaf_index', 't.entry']).where('e.id', 'is', null).execute();
  for (const o of orphans) {
    const where = o.leaf_index === null ? 'queued' : `leaf ${Number(o.leaf_index)}`;
    sink.report('orphan_entry', `tlog_entries id ${Number(o.id)} (${where})`, `the entry ${o.entry.slice(0, 160)} has no public event ${o.event_id}: it was inserted behind the application's back, or its event was deleted`);
  }
  const unlogged = await db
    .selectFrom('document_revisions as r')
    .innerJoin('documents as d', 'd.id', 'r.document_id')
    .leftJoin('document_events as e', (j) => j.onRef('e.document_id', '=', 'r.document_id').onRef('e.version_no', '=', 'r.version_no').on('e.kind', 'in', ['published', 'new_version']))
    .select(['d.index_number', 'r.version_no', 'r.id'])
    .where('r.version_no', 'is not', null)
    .where('e.id', 'is', null)
    .execute();
  for (const u of unlogged) sink.report('version_without_event', `${u.index_number ?? '?'} v${u.version_no ?? '?'}`, `revision ${u.id} is a published version with no publication event (and so no log entry)`);

  const tree = await auditTree(db, verifier, sink);
  return { ok: divergences.length === 0, events, entries, blobs: blobs.size, divergences, ...tree };
}

async function auditEvents(deps: Deps, page: readonly DocumentEvent[], blobs: Map<string, Promise<'ok' | 'missing' | string>>, sink: AuditSink): Promise<void> {
  const db = deps.db;
  const docIds = [...new Set(page.map((e) => e.document_id))];
  const docs = new Map((await db.selectFrom('documents').selectAll().where('id', 'in', docIds).execute()).map((d) => [d.id, d]));
  const agencyIds = [...new Set([...docs.values()].map((d) => d.agency_id))];
  const agencies = new Map(agencyIds.length ? (await db.selectFrom('agencies').selectAll().where('id', 'in', agencyIds).execute()).map((a) => [a.id, a]) : []);
  const revs = await db.selectFrom('document_revisions').selectAll().where('document_id', 'in', docIds).where('version_no', 'is not', null).execute();
  const revOf = new Map(revs.map((r) => [`${r.document_id}/${r.version_no ?? 0}`, r]));
  const attsOf = new Map<string, { filename: string; blob_sha256: string }[]>();
  if (revs.length > 0) {
    // One query per page, in the order `documentRepo.attachmentsOf` gives the publisher.
    const rows = await db.selectFrom('revision_attachments').select(['revision_id', 'filename', 'blob_sha256']).where('revision_id', 'in', revs.map((r) => r.id)).orderBy('revision_id').orderBy('sort_order').orderBy('created_at').execute();
    for (const r of rows) attsOf.set(r.revision_id, [...(attsOf.get(r.revision_id) ?? []), r]);
  }
  const stored = new Map((await db.selectFrom('tlog_entries').select(['event_id', 'entry']).where('event_id', 'in', page.map((e) => e.id)).execute()).map((r) => [r.event_id, r.entry]));
  const hashes = new Map<string, string>();

  for (const ev of page) {
    const doc = docs.get(ev.document_id);
    const agency = doc === undefined ? undefined : agencies.get(doc.agency_id);
    const rev = revOf.get(`${ev.document_id}/${ev.version_no}`);
    const record = `${doc?.index_number ?? `document ${ev.document_id}`} v${ev.version_no}`;
    const entryText = stored.get(ev.id);
    if (entryText === undefined) sink.report('missing_entry', record, `the public event ${ev.id} (${ev.kind} at ${ev.at}) has no log entry`);
    if (doc === undefined || agency === undefined || rev === undefined) {
      sink.report('event_without_version', record, `the public event ${ev.id} (${ev.kind}) names a version whose ${doc === undefined ? 'document' : agency === undefined ? 'agency' : 'revision'} row is gone`);
      continue;
    }
    let sha = hashes.get(rev.id);
    if (sha === undefined) {
      sha = await recomputeHash(deps, rev, agency, doc);
      hashes.set(rev.id, sha);
    }
    const atts = attsOf.get(rev.id) ?? [];
    for (const a of atts) {
      let state = blobs.get(a.blob_sha256);
      if (state === undefined) {
        state = auditBlob(deps.blobs, a.blob_sha256);
        blobs.set(a.blob_sha256, state);
      }
      const s = await state;
      if (s === 'missing') sink.report('attachment_missing', `${a.filename} of ${record}`, `the file ${a.blob_sha256} is missing from the attachment store`);
      else if (s !== 'ok' && ev.kind !== 'validity' && ev.kind !== 'withdrawn') sink.report('attachment_replaced', `${a.filename} of ${record}`, `the file stored as ${a.blob_sha256} now hashes to ${s}: it was replaced`);
    }
    if (entryText === undefined) continue;
    compareEntry(entryText, expectedEntry(deps, ev, doc, agency, sha, atts), record, rev, sink);
  }
}

async function recomputeHash(deps: Deps, rev: Revision, agency: Agency, doc: DocumentRow): Promise<string> {
  // The publisher's own function, with the publication date as the publisher computed it.
  const published = localDate(rev.published_at ?? doc.created_at, agency.time_zone);
  return contentSha256(await versionContent(deps.db, rev, agency, doc.index_number ?? '', rev.version_no ?? 0, published));
}

function expectedEntry(deps: Deps, ev: DocumentEvent, doc: DocumentRow, agency: Agency, sha: string, atts: readonly { filename: string; blob_sha256: string }[]): LogEntry {
  const documentLevel = ev.kind === 'validity' || ev.kind === 'withdrawn';
  return {
    schema: 'gongkai/v1',
    instance: deps.instance,
    agency: agency.code,
    kind: 'document',
    index_number: doc.index_number ?? '',
    version: ev.version_no,
    action: ACTION[ev.kind],
    at: ev.at,
    content_sha256: sha,
    attachments: atts.map((a) => ({ name: a.filename, sha256: a.blob_sha256 })),
    ...(documentLevel ? { note: ev.note } : {}),
  };
}

function compareEntry(text: string, want: LogEntry, record: string, rev: Revision, sink: AuditSink): void {
  let got: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    got = Object.fromEntries(Object.entries(parsed));
  } catch {
    sink.report('entry_mismatch', record, 'the stored entry is not a JSON object');
    return;
  }
  // A validity change records its new state, which no row keeps once superseded: take it as logged.
  const validity = want.action === 'validity' && isValidity(got.validity) ? { validity: got.validity } : {};
  // The instance is the public host at the time of the event; moving to a new host name is not
  // tampering (and the entry text itself is covered by the tree check), so it is taken as logged.
  const instance = typeof got.instance === 'string' ? { instance: got.instance } : {};
  const full: LogEntry = { ...want, ...validity, ...instance };
  const canonical = encodeLogEntry(full);
  if (canonical === text) return;
  const wanted = Object.fromEntries(Object.entries(JSON.parse(canonical) as object)); // our own canonical JSON of an object
  const fields = new Set([...Object.keys(got), ...Object.keys(wanted)]);
  const differs = [...fields].filter((f) => JSON.stringify(got[f]) !== JSON.stringify(wanted[f]));
  if (differs.includes('content_sha256')) {
    const column = rev.content_sha256 === got.content_sha256 ? 'its content_sha256 column still says the logged value' : `its content_sha256 column says ${String(rev.content_sha256)}`;
    sink.report('revision_edited', record, `the revision row (${rev.id}) was edited: its content now hashes to ${full.content_sha256}, the log recorded ${String(got.content_sha256)}; ${column}`);
  }
  if (differs.includes('attachments')) sink.report('attachment_list_changed', record, `the attachments of revision ${rev.id} are ${JSON.stringify(full.attachments)}, the log recorded ${JSON.stringify(got.attachments)}`);
  const rest = differs.filter((f) => f !== 'content_sha256' && f !== 'attachments');
  if (rest.length > 0) sink.report('entry_mismatch', record, `fields differ from the rows: ${rest.map((f) => `${f}: logged ${JSON.stringify(got[f])}, rows say ${JSON.stringify(wanted[f])}`).join('; ')}`);
}

function isValidity(v: unknown): v is NonNullable<LogEntry['validity']> {
  if (typeof v !== 'object' || v === null) return false;
  const o = Object.fromEntries(Object.entries(v));
  return typeof o.state === 'string' && (typeof o.date === 'string' || o.date === null) && (typeof o.replaced_by === 'string' || o.replaced_by === null);
}
