/**
 * Staff read models of requests, filtered by the actor's grant scopes: work lists (open, overdue
 * with days remaining, per officer), the supervisor overview of a subtree, one request with its
 * events and freshly computed deadlines, and the Art. 44 candidates for editors. Only
 * `requestDetail` reads the applicant's personal data, for staff who may read the request.
 */
import type { Readable } from 'node:stream';
import { compareDates } from '../domain/calendar/iso-date.js';
import type { DeadlineReport } from '../domain/calendar/deadline.js';
import { AppError } from '../domain/errors.js';
import { scopesFor, type Action } from '../domain/policy.js';
import { isDisclosure } from '../domain/requests/outcomes.js';
import { OPEN_STATES } from '../domain/requests/state-machine.js';
import { allowed, type Actor } from '../commands/actor.js';
import type { Deps } from '../commands/deps.js';
import { calendarForAgency, regimeOf } from '../commands/requests/calendar.js';
import { deadlinesOf, todayAt } from '../commands/requests/load.js';
import { requestRepo, type RequestFileWithBlob } from '../store/repos/request-repo.js';
import type { Agency, RequestAppeal, RequestApplicant, RequestEventRow, RequestFee, RequestOutcome, RequestRow } from '../store/schema.js';

/** One line of a staff list. */
export interface RequestLine {
  id: string;
  tracking_number: string;
  agency_id: string;
  agency_code: string;
  agency_name_zh: string;
  agency_name_en: string;
  state: string;
  title: string;
  applicant_type: string;
  channel: string;
  submitted_on: string;
  received_on: string | null;
  due_date: string | null;
  /** Working days after today up to the due date; ≤ 0 once passed; null without a due date. */
  days_remaining: number | null;
  overdue: boolean;
  officer_id: string | null;
  officer_name: string;
  repeat_of_id: string | null;
  outcome_code: string | null;
}

export type RequestView = 'open' | 'overdue' | 'mine' | 'finished' | 'all';

function scoped(actor: Actor, action: Action): string[] | null {
  return actor.type === 'system' ? null : scopesFor(actor.grants, action);
}

async function lines(deps: Deps, scopes: string[] | null, filter: { states?: readonly string[]; officerId?: string; agencyId?: string }): Promise<RequestLine[]> {
  if (scopes && scopes.length === 0) return [];
  let q = deps.db
    .selectFrom('requests as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('users as u', 'u.id', 'r.officer_id')
    .select([
      'r.id', 'r.tracking_number', 'r.agency_id', 'a.code as agency_code', 'a.name_zh as agency_name_zh', 'a.name_en as agency_name_en', 'a.time_zone',
      'r.state', 'r.title', 'r.applicant_type', 'r.channel', 'r.submitted_on', 'r.received_on', 'r.due_date', 'r.officer_id', 'r.repeat_of_id', 'r.outcome_code', 'r.regime',
    ])
    .select((eb) => eb.fn.coalesce('u.display_name', eb.val('')).as('officer_name'));
  if (scopes) q = q.where((eb) => eb.or(scopes.map((p) => eb('a.path', 'like', `${p}%`))));
  if (filter.states) q = q.where('r.state', 'in', [...filter.states]);
  if (filter.officerId) q = q.where('r.officer_id', '=', filter.officerId);
  if (filter.agencyId) q = q.where('r.agency_id', '=', filter.agencyId);
  const rows = await q.orderBy('r.due_date').orderBy('r.submitted_at').limit(1000).execute();
  const out: RequestLine[] = [];
  for (const { time_zone, regime, ...r } of rows) {
    const today = todayAt(deps, { time_zone });
    const open = (OPEN_STATES as readonly string[]).includes(r.state);
    let days: number | null = null;
    if (open && r.due_date !== null) {
      const cal = await calendarForAgency(deps, r.agency_id, regimeOf(regime));
      days = cal.workingDaysBetween(today, r.due_date).value;
    }
    out.push({ ...r, days_remaining: days, overdue: open && r.due_date !== null && compareDates(today, r.due_date) > 0 });
  }
  return out;
}

/** Narrowing of a request list: one agency (not its subtree), or open requests due within N working days (not yet overdue). */
export interface RequestListFilter {
  agencyId?: string;
  dueWithin?: number;
}

/**
 * Requests in the actor's `request.read` scope: `open` (still owed a reply, soonest due first),
 * `overdue`, `mine` (open, assigned to the actor), `finished`, or `all`; `officerId` narrows to one
 * officer; `filter` to one agency or to the requests due soon (the supervision page links here).
 */
export async function listRequests(deps: Deps, actor: Actor, view: RequestView = 'open', officerId?: string, filter: RequestListFilter = {}): Promise<RequestLine[]> {
  const scopes = scoped(actor, 'request.read');
  const me = actor.type === 'staff' ? actor.userId : undefined;
  const states = view === 'finished' ? ['replied', 'abandoned', 'closed'] : view === 'all' ? undefined : OPEN_STATES;
  const who = view === 'mine' ? me ?? '' : officerId;
  const all = await lines(deps, scopes, { ...(states ? { states } : {}), ...(who !== undefined ? { officerId: who } : {}), ...(filter.agencyId ? { agencyId: filter.agencyId } : {}) });
  const within = filter.dueWithin;
  const soon = within === undefined ? all : all.filter((l) => !l.overdue && l.days_remaining !== null && l.days_remaining <= within);
  return view === 'overdue' ? soon.filter((l) => l.overdue) : soon;
}

/** The supervisor's overview of the subtree: every open request with days remaining, and counts per officer. */
export interface SupervisorOverview {
  items: RequestLine[];
  totals: { open: number; overdue: number; due_within_5: number };
  per_officer: { officer_id: string | null; officer_name: string; open: number; overdue: number }[];
}

/** Open requests under the actor's `supervise` grants; `forbidden` for a non-supervisor. */
export async function supervisorOverview(deps: Deps, actor: Actor): Promise<SupervisorOverview> {
  const scopes = scoped(actor, 'supervise');
  if (scopes && scopes.length === 0) throw new AppError('forbidden');
  const items = await lines(deps, scopes, { states: OPEN_STATES });
  const per = new Map<string, SupervisorOverview['per_officer'][number]>();
  for (const l of items) {
    const k = l.officer_id ?? '';
    const p = per.get(k) ?? { officer_id: l.officer_id, officer_name: l.officer_name, open: 0, overdue: 0 };
    p.open += 1;
    if (l.overdue) p.overdue += 1;
    per.set(k, p);
  }
  return {
    items,
    totals: {
      open: items.length,
      overdue: items.filter((l) => l.overdue).length,
      due_within_5: items.filter((l) => !l.overdue && l.days_remaining !== null && l.days_remaining <= 5).length,
    },
    per_officer: [...per.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open),
  };
}

/** Everything the request page shows to staff. */
export interface RequestDetail {
  req: RequestRow;
  agency: Agency;
  applicant: RequestApplicant | null;
  events: RequestEventRow[];
  deadlines: DeadlineReport | null;
  fees: RequestFee[];
  outcome: RequestOutcome | null;
  files: RequestFileWithBlob[];
  appeals: RequestAppeal[];
  repeatOf: { id: string; tracking_number: string } | null;
  linkedDocumentIds: string[];
  canHandle: boolean;
}

/** One request for staff; `request_not_found` outside the actor's read scope. */
export async function requestDetail(deps: Deps, actor: Actor, requestId: string): Promise<RequestDetail> {
  const req = await requestRepo.byId(deps.db, requestId);
  const agency = req ? await deps.db.selectFrom('agencies').selectAll().where('id', '=', req.agency_id).executeTakeFirst() : undefined;
  if (!req || !agency || !allowed(actor, 'request.read', agency.path)) throw new AppError('request_not_found');
  const regime = regimeOf(req.regime);
  const calendar = await calendarForAgency(deps, agency.id, regime);
  const events = await requestRepo.events(deps.db, req.id);
  const repeat = req.repeat_of_id ? await requestRepo.byId(deps.db, req.repeat_of_id) : undefined;
  return {
    req,
    agency,
    applicant: (await requestRepo.applicantOf(deps.db, req.id)) ?? null,
    events,
    deadlines: deadlinesOf(regime, calendar, events, todayAt(deps, agency)),
    fees: await requestRepo.feesOf(deps.db, req.id),
    outcome: (await requestRepo.outcomeOf(deps.db, req.id)) ?? null,
    files: await requestRepo.filesOf(deps.db, req.id),
    appeals: await requestRepo.appealsOf(deps.db, req.id),
    repeatOf: repeat ? { id: repeat.id, tracking_number: repeat.tracking_number } : null,
    linkedDocumentIds: await requestRepo.linkedDocuments(deps.db, req.id),
    canHandle: allowed(actor, 'request.handle', agency.path),
  };
}

/** A group of disclosed requests for the same information from several applicants (Art. 44). */
export interface Art44Candidate {
  agency_id: string;
  agency_code: string;
  title: string;
  applicants: number;
  requests: { id: string; tracking_number: string; outcome_code: string; replied_on: string | null }[];
}

/**
 * Art. 44 candidates in the actor's `document.edit` scope: disclosed (wholly or partly) requests
 * at one agency with the same normalised description from at least two distinct applicants, not
 * yet linked to a proposed document. Lists no personal data.
 */
export async function art44Candidates(deps: Deps, actor: Actor): Promise<Art44Candidate[]> {
  const scopes = scoped(actor, 'document.edit');
  if (scopes && scopes.length === 0) return [];
  let q = deps.db
    .selectFrom('requests as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .innerJoin('request_applicants as p', 'p.request_id', 'r.id')
    .leftJoin('request_document_links as l', 'l.request_id', 'r.id')
    .select(['r.id', 'r.tracking_number', 'r.agency_id', 'a.code as agency_code', 'r.title', 'r.description_key', 'r.outcome_code', 'r.replied_on', 'p.applicant_key'])
    .where('r.outcome_code', 'in', ['disclosed', 'partially_disclosed'])
    .where('l.document_id', 'is', null);
  if (scopes) q = q.where((eb) => eb.or(scopes.map((p) => eb('a.path', 'like', `${p}%`))));
  const rows = await q.orderBy('r.replied_on').limit(5000).execute();
  const groups = new Map<string, { c: Art44Candidate; keys: Set<string> }>();
  for (const r of rows) {
    if (!r.outcome_code || !isDisclosure(r.outcome_code)) continue;
    const k = `${r.agency_id}|${r.description_key}`;
    const g = groups.get(k) ?? { c: { agency_id: r.agency_id, agency_code: r.agency_code, title: r.title, applicants: 0, requests: [] }, keys: new Set<string>() };
    g.keys.add(r.applicant_key);
    g.c.requests.push({ id: r.id, tracking_number: r.tracking_number, outcome_code: r.outcome_code, replied_on: r.replied_on });
    groups.set(k, g);
  }
  return [...groups.values()].filter((g) => g.keys.size >= 2).map((g) => ({ ...g.c, applicants: g.keys.size }));
}

/** Open agencies where the actor may register and handle requests (`request.handle`), in tree order. */
export async function handleableAgencies(deps: Deps, actor: Actor): Promise<Agency[]> {
  const rows = await deps.db.selectFrom('agencies').selectAll().where('status', '=', 'open').orderBy('path').execute();
  return rows.filter((a) => allowed(actor, 'request.handle', a.path));
}

/**
 * Opens one file of a request for staff who may read the request (`request_not_found` outside
 * their scope, `not_found` for a file of another request).
 */
export async function openStaffRequestFile(deps: Deps, actor: Actor, requestId: string, fileId: string): Promise<{ filename: string; mime: string; size: number; stream: Readable }> {
  const req = await requestRepo.byId(deps.db, requestId);
  const agency = req ? await deps.db.selectFrom('agencies').select('path').where('id', '=', req.agency_id).executeTakeFirst() : undefined;
  if (!req || !agency || !allowed(actor, 'request.read', agency.path)) throw new AppError('request_not_found');
  const f = (await requestRepo.filesOf(deps.db, req.id)).find((x) => x.id === fileId);
  if (!f) throw new AppError('not_found');
  return { filename: f.filename, mime: f.mime, size: Number(f.size), stream: await deps.blobs.open(f.blob_sha256) };
}
