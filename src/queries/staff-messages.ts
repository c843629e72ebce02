/**
 * Staff read models of messages, filtered by the actor's `request.read` scopes (messages follow
 * the authorisation model of requests): work lists with overdue marks, one message with its
 * sender (staff in scope only), its history and the choices of its step forms, and the overdue
 * messages the escalation job reports to supervisors.
 */
import { compareDates } from '../domain/calendar/iso-date.js';
import { AppError } from '../domain/errors.js';
import { localDate } from '../domain/local-date.js';
import { OPEN_MESSAGE_STATES, DEFAULT_ANSWER_DAYS } from '../domain/messages/message-rules.js';
import { publicText } from '../domain/messages/public-text.js';
import { can, scopesFor } from '../domain/policy.js';
import { agencyCalendar } from '../commands/calendars/agency-calendar.js';
import { allowed, type Actor } from '../commands/actor.js';
import type { Deps } from '../commands/deps.js';
import { messageRepo } from '../store/repos/message-repo.js';
import { userRepo } from '../store/repos/user-repo.js';
import type { Agency, MessageEventRow, MessageRow, MessageSender } from '../store/schema.js';

/** One line of a staff list. */
export interface MessageLine {
  id: string;
  tracking_number: string;
  agency_id: string;
  agency_name_zh: string;
  agency_name_en: string;
  kind: string;
  category: string;
  title: string;
  state: string;
  is_public: boolean;
  submitted_on: string;
  due_date: string;
  /** Working days after today up to the due date; ≤ 0 once passed; null when finished. */
  days_remaining: number | null;
  overdue: boolean;
  officer_id: string | null;
  officer_name: string;
}

export const MESSAGE_VIEWS = ['open', 'overdue', 'mine', 'finished', 'all'] as const;
export type MessageView = (typeof MESSAGE_VIEWS)[number];

/** Narrowing of a list. */
export interface MessageListFilter {
  view?: MessageView;
  kind?: string;
  agencyId?: string;
}

function isOpen(state: string): boolean {
  return (OPEN_MESSAGE_STATES as readonly string[]).includes(state);
}

/** Messages in the actor's `request.read` scope (supervisors: their subtree), soonest due first. */
export async function listMessages(deps: Deps, actor: Actor, f: MessageListFilter = {}): Promise<MessageLine[]> {
  const scopes = actor.type === 'system' ? null : scopesFor(actor.grants, 'request.read');
  if (scopes && scopes.length === 0) return [];
  const view = f.view ?? 'open';
  let q = deps.db
    .selectFrom('messages as m')
    .innerJoin('agencies as a', 'a.id', 'm.agency_id')
    .leftJoin('users as u', 'u.id', 'm.officer_id')
    .select(['m.id', 'm.tracking_number', 'm.agency_id', 'a.name_zh as agency_name_zh', 'a.name_en as agency_name_en', 'a.time_zone', 'm.kind', 'm.category', 'm.title', 'm.state', 'm.is_public', 'm.submitted_on', 'm.due_date', 'm.officer_id'])
    .select((eb) => eb.fn.coalesce('u.display_name', eb.val('')).as('officer_name'));
  if (scopes) q = q.where((eb) => eb.or(scopes.map((p) => eb('a.path', 'like', `${p}%`))));
  if (view === 'open' || view === 'overdue' || view === 'mine') q = q.where('m.state', 'in', [...OPEN_MESSAGE_STATES]);
  if (view === 'finished') q = q.where('m.state', 'not in', [...OPEN_MESSAGE_STATES]);
  if (view === 'mine') q = q.where('m.officer_id', '=', actor.type === 'staff' ? actor.userId : '');
  if (f.kind) q = q.where('m.kind', '=', f.kind);
  if (f.agencyId) q = q.where('m.agency_id', '=', f.agencyId);
  const rows = await q.orderBy('m.due_date').orderBy('m.submitted_at').limit(1000).execute();
  const out: MessageLine[] = [];
  for (const { time_zone, is_public, ...r } of rows) {
    const today = localDate(deps.clock.now().toISOString(), time_zone || deps.defaultTimeZone);
    const open = isOpen(r.state);
    const days = open ? (await agencyCalendar(deps.db, r.agency_id, 'cn')).workingDaysBetween(today, r.due_date).value : null;
    out.push({ ...r, is_public: is_public === 1, days_remaining: days, overdue: open && compareDates(today, r.due_date) > 0 });
  }
  return view === 'overdue' ? out.filter((l) => l.overdue) : out;
}

/** One message for staff, with what its forms need. */
export interface MessageDetail {
  msg: MessageRow;
  agency: Agency;
  sender: MessageSender;
  events: MessageEventRow[];
  officerName: string;
  overdue: boolean;
  canHandle: boolean;
  /** Officers who may be assigned (request.handle at the message's agency). */
  officers: { id: string; name: string }[];
  /** Open agencies a transfer may go to. */
  agencies: Agency[];
  /** What publication would show (masked), for the officer to check before answering. */
  preview: { title: string; body: string };
  /** Names of the agencies the history names by code (transfers). */
  agencyNames: Record<string, { zh: string; en: string }>;
}

/** One message; staff outside `request.read` scope get `message_not_found`. */
export async function messageDetail(deps: Deps, actor: Actor, id: string): Promise<MessageDetail> {
  const msg = await messageRepo.byId(deps.db, id);
  const agency = msg ? await deps.db.selectFrom('agencies').selectAll().where('id', '=', msg.agency_id).executeTakeFirst() : undefined;
  if (!msg || !agency || !allowed(actor, 'request.read', agency.path)) throw new AppError('message_not_found');
  const sender = (await messageRepo.sender(deps.db, msg.id)) ?? { message_id: msg.id, name: '', email: '', phone: '' };
  const events = await messageRepo.events(deps.db, msg.id);
  const officer = msg.officer_id ? await userRepo.byId(deps.db, msg.officer_id) : undefined;
  const today = localDate(deps.clock.now().toISOString(), agency.time_zone || deps.defaultTimeZone);
  const ancestors = agency.path.split('/').filter(Boolean);
  const candidates = await deps.db
    .selectFrom('grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.display_name'])
    .distinct()
    .where('g.role', '=', 'request_officer')
    .where('g.agency_id', 'in', ancestors)
    .where('u.status', '=', 'active')
    .orderBy('u.display_name')
    .execute();
  const agencies = await deps.db.selectFrom('agencies').selectAll().where('status', '=', 'open').where('id', '!=', agency.id).orderBy('path').execute();
  const codes = new Set<string>();
  for (const e of events) {
    const det = JSON.parse(e.details) as Record<string, unknown>;
    for (const k of ['from_agency', 'to_agency']) if (typeof det[k] === 'string') codes.add(det[k]);
  }
  const named = codes.size ? await deps.db.selectFrom('agencies').select(['code', 'name_zh', 'name_en']).where('code', 'in', [...codes]).execute() : [];
  return {
    agencyNames: Object.fromEntries(named.map((a) => [a.code, { zh: a.name_zh, en: a.name_en }])),
    msg, agency, sender, events, officerName: officer?.display_name ?? '',
    overdue: isOpen(msg.state) && compareDates(today, msg.due_date) > 0,
    canHandle: allowed(actor, 'request.handle', agency.path),
    officers: candidates.map((c) => ({ id: c.id, name: c.display_name })),
    agencies,
    preview: { title: publicText(msg.title, sender), body: publicText(msg.body, sender) },
  };
}

/** The answer period of an agency for the settings page, and whether the actor may change it. */
export async function answerDaysSetting(deps: Deps, actor: Actor, agencyId: string): Promise<{ agency: Agency; days: number; isDefault: boolean; canEdit: boolean }> {
  const agency = await deps.db.selectFrom('agencies').selectAll().where('id', '=', agencyId).executeTakeFirst();
  if (!agency || !allowed(actor, 'agency.read', agency.path)) throw new AppError('agency_not_found');
  const set = await messageRepo.answerDays(deps.db, agency.id);
  return { agency, days: set ?? DEFAULT_ANSWER_DAYS, isDefault: set === undefined, canEdit: allowed(actor, 'agency.edit_profile', agency.path) };
}

/** Open agencies whose messages the actor may read (for the list's agency filter). */
export async function readableAgencies(deps: Deps, actor: Actor): Promise<Agency[]> {
  const all = await deps.db.selectFrom('agencies').selectAll().orderBy('path').execute();
  return all.filter((a) => allowed(actor, 'request.read', a.path));
}

/** Agencies whose setting the actor may change (for the settings picker). */
export async function settableAgencies(deps: Deps, actor: Actor): Promise<Agency[]> {
  const all = await deps.db.selectFrom('agencies').selectAll().where('status', '=', 'open').orderBy('path').execute();
  return all.filter((a) => allowed(actor, 'agency.edit_profile', a.path));
}

/** An overdue message as the escalation job sees it. */
export interface OverdueMessage {
  id: string;
  tracking_number: string;
  agency_id: string;
  agency_name: string;
  due_date: string;
  /** Active supervisors at the agency or above (subtree scope). */
  supervisors: { id: string; email: string | null }[];
}

/** Open messages past their due date at `now` (each in its agency's time zone), with their supervisors. */
export async function overdueMessages(deps: Deps, now: Date): Promise<OverdueMessage[]> {
  const rows = await deps.db
    .selectFrom('messages as m')
    .innerJoin('agencies as a', 'a.id', 'm.agency_id')
    .select(['m.id', 'm.tracking_number', 'm.agency_id', 'm.due_date', 'a.name_zh', 'a.path', 'a.time_zone'])
    .where('m.state', 'in', [...OPEN_MESSAGE_STATES])
    .orderBy('m.due_date')
    .execute();
  const supervisors = await deps.db
    .selectFrom('grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .innerJoin('agencies as ga', 'ga.id', 'g.agency_id')
    .select(['u.id', 'u.email', 'ga.path', 'g.role'])
    .where('g.role', '=', 'supervisor')
    .where('u.status', '=', 'active')
    .execute();
  const out: OverdueMessage[] = [];
  for (const r of rows) {
    const today = localDate(now.toISOString(), r.time_zone || deps.defaultTimeZone);
    if (compareDates(today, r.due_date) <= 0) continue;
    const mine = new Map<string, { id: string; email: string | null }>();
    for (const s of supervisors) if (can([{ role: 'supervisor', agencyId: '', agencyPath: s.path }], 'supervise', r.path)) mine.set(s.id, { id: s.id, email: s.email });
    out.push({ id: r.id, tracking_number: r.tracking_number, agency_id: r.agency_id, agency_name: r.name_zh, due_date: r.due_date, supervisors: [...mine.values()].sort((a, b) => a.id.localeCompare(b.id)) });
  }
  return out;
}
