/**
 * Public and sender read models of messages to agencies. Public views read only published
 * messages, and of them only the masked texts (`public_*`) and public facts: never the sender's
 * name or contact data (which these functions do not even select), never private messages.
 */
import { messageByToken } from '../commands/messages/sender-access.js';
import type { Deps } from '../commands/deps.js';
import { AppError } from '../domain/errors.js';
import { localDate } from '../domain/local-date.js';
import { normaliseMessageNumber } from '../domain/messages/message-rules.js';
import { messageRepo } from '../store/repos/message-repo.js';
import type { Agency } from '../store/schema.js';

/** An agency as public views name it. */
export interface PublicAgencyRef {
  code: string;
  name_zh: string;
  name_en: string;
}

/** One published message in a list. */
export interface PublicMessageLine {
  tracking_number: string;
  agency: PublicAgencyRef;
  kind: string;
  category: string;
  title: string;
  submitted_on: string;
  answered_on: string;
}

/** A published message with its answer. */
export interface PublicMessage extends PublicMessageLine {
  body: string;
  answer: string;
  /** Transfers between agencies (dates and agencies only; the reasons are for the sender). */
  transfers: { date: string; from: PublicAgencyRef | null; to: PublicAgencyRef | null }[];
}

/** Ratings of answers, per agency (aggregate only). */
export interface RatingSummary {
  agency: PublicAgencyRef;
  answered: number;
  satisfied: number;
  neutral: number;
  dissatisfied: number;
}

const ref = (a: { code: string; name_zh: string; name_en: string }): PublicAgencyRef => ({ code: a.code, name_zh: a.name_zh, name_en: a.name_en });

/** Filters of the public list. */
export interface PublicListFilter {
  agencyCode?: string;
  kind?: string;
  page?: number;
  pageSize?: number;
}

/** Published messages, newest answer first, with the total for paging. */
export async function publishedMessages(deps: Deps, f: PublicListFilter = {}): Promise<{ items: PublicMessageLine[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(f.pageSize ?? 20, 1), 100);
  const page = Math.max(1, Math.floor(f.page ?? 1));
  let q = deps.db.selectFrom('messages as m').innerJoin('agencies as a', 'a.id', 'm.agency_id').where('m.published', '=', 1);
  if (f.agencyCode) q = q.where('a.code', '=', f.agencyCode);
  if (f.kind) q = q.where('m.kind', '=', f.kind);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q
    .select(['m.tracking_number', 'm.kind', 'm.category', 'm.public_title', 'm.submitted_on', 'm.answered_on', 'a.code', 'a.name_zh', 'a.name_en'])
    .orderBy('m.published_at', 'desc')
    .orderBy('m.tracking_number', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((r) => ({ tracking_number: r.tracking_number, agency: ref(r), kind: r.kind, category: r.category, title: r.public_title ?? '', submitted_on: r.submitted_on, answered_on: r.answered_on ?? '' })),
    total,
    page,
    pageSize,
  };
}

async function transfersOf(deps: Deps, messageId: string): Promise<PublicMessage['transfers']> {
  const events = (await messageRepo.events(deps.db, messageId)).filter((e) => e.kind === 'transferred');
  const out: PublicMessage['transfers'] = [];
  for (const e of events) {
    const d = JSON.parse(e.details) as { from_agency?: unknown; to_agency?: unknown };
    const byCode = async (c: unknown) => {
      if (typeof c !== 'string') return null;
      const a = await deps.db.selectFrom('agencies').select(['code', 'name_zh', 'name_en']).where('code', '=', c).executeTakeFirst();
      return a ? ref(a) : null;
    };
    out.push({ date: e.local_date, from: await byCode(d.from_agency), to: await byCode(d.to_agency) });
  }
  return out;
}

/** One published message by tracking number; `message_not_found` for unknown, private or unpublished ones. */
export async function publishedMessage(deps: Deps, number: string): Promise<PublicMessage> {
  const n = normaliseMessageNumber(number);
  const r = n
    ? await deps.db
        .selectFrom('messages as m')
        .innerJoin('agencies as a', 'a.id', 'm.agency_id')
        .select(['m.id', 'm.tracking_number', 'm.kind', 'm.category', 'm.public_title', 'm.public_body', 'm.public_answer', 'm.submitted_on', 'm.answered_on', 'a.code', 'a.name_zh', 'a.name_en'])
        .where('m.tracking_number', '=', n)
        .where('m.published', '=', 1)
        .where('m.is_public', '=', 1)
        .executeTakeFirst()
    : undefined;
  if (!r) throw new AppError('message_not_found');
  return {
    tracking_number: r.tracking_number, agency: ref(r), kind: r.kind, category: r.category, title: r.public_title ?? '', submitted_on: r.submitted_on, answered_on: r.answered_on ?? '',
    body: r.public_body ?? '', answer: r.public_answer ?? '', transfers: await transfersOf(deps, r.id),
  };
}

/** Ratings per agency over every rated answer (public or private: counts only), agencies with answers first. */
export async function ratingSummaries(deps: Deps, agencyCode?: string): Promise<RatingSummary[]> {
  let q = deps.db
    .selectFrom('messages as m')
    .innerJoin('agencies as a', 'a.id', 'm.agency_id')
    .select(['a.code', 'a.name_zh', 'a.name_en', 'm.rating'])
    .select((eb) => eb.fn.countAll().as('n'))
    .where('m.state', '=', 'answered')
    .groupBy(['a.code', 'a.name_zh', 'a.name_en', 'm.rating']);
  if (agencyCode) q = q.where('a.code', '=', agencyCode);
  const by = new Map<string, RatingSummary>();
  for (const r of await q.execute()) {
    const s = by.get(r.code) ?? { agency: ref(r), answered: 0, satisfied: 0, neutral: 0, dissatisfied: 0 };
    const n = Number(r.n);
    s.answered += n;
    if (r.rating === 'satisfied' || r.rating === 'neutral' || r.rating === 'dissatisfied') s[r.rating] += n;
    by.set(r.code, s);
  }
  return [...by.values()].sort((a, b) => b.answered - a.answered || a.agency.code.localeCompare(b.agency.code));
}

/** What the sender sees on their private page (their own words; no contact data is shown back). */
export interface SenderView {
  tracking_number: string;
  agency: Agency;
  kind: string;
  category: string;
  title: string;
  body: string;
  is_public: boolean;
  published: boolean;
  state: string;
  submitted_on: string;
  due_date: string;
  answer: string | null;
  answered_on: string | null;
  redirect: { channel: string; note: string } | null;
  rating: { value: string; comment: string; on: string } | null;
  history: { kind: string; date: string; details: Record<string, string> }[];
}

/** The sender's view of their message (tracking number + private token). */
export async function senderView(deps: Deps, number: string, token: string): Promise<SenderView> {
  const msg = await messageByToken(deps.db, number, token);
  const agency = await deps.db.selectFrom('agencies').selectAll().where('id', '=', msg.agency_id).executeTakeFirstOrThrow();
  const events = await messageRepo.events(deps.db, msg.id);
  const history = [];
  for (const e of events) {
    const raw = JSON.parse(e.details) as Record<string, unknown>;
    const details: Record<string, string> = {};
    for (const k of ['from_agency', 'to_agency', 'reason', 'channel', 'rating']) if (typeof raw[k] === 'string') details[k] = raw[k];
    for (const k of ['from_agency', 'to_agency']) {
      const code = details[k];
      if (code) {
        const a = await deps.db.selectFrom('agencies').select(['name_zh', 'name_en']).where('code', '=', code).executeTakeFirst();
        if (a) {
          details[`${k}_zh`] = a.name_zh;
          details[`${k}_en`] = a.name_en;
        }
      }
    }
    history.push({ kind: e.kind, date: e.local_date, details });
  }
  return {
    tracking_number: msg.tracking_number, agency, kind: msg.kind, category: msg.category, title: msg.title, body: msg.body, is_public: msg.is_public === 1,
    published: msg.published === 1, state: msg.state, submitted_on: msg.submitted_on, due_date: msg.due_date, answer: msg.answer_text, answered_on: msg.answered_on,
    redirect: msg.redirect_channel ? { channel: msg.redirect_channel, note: msg.redirect_note ?? '' } : null,
    rating: msg.rating && msg.rated_at ? { value: msg.rating, comment: msg.rating_comment ?? '', on: localDate(msg.rated_at, agency.time_zone || deps.defaultTimeZone) } : null,
    history,
  };
}
