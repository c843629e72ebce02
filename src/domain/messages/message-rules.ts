/**
 * Messages to agencies (政民互动 / 留言, issue 8 §2): kinds, categories, states, ratings, the
 * Art. 39 channels a message can be redirected to, tracking numbers and the validation of a new
 * message. Pure; no I/O.
 */
import { invalid, type FieldIssue } from '../errors.js';

/** 咨询 / 建议 / 投诉. */
export const MESSAGE_KINDS = ['question', 'suggestion', 'complaint'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Subject categories, as government message boards group them. */
export const MESSAGE_CATEGORIES = ['policy', 'services', 'social_security', 'education', 'health', 'housing', 'transport', 'environment', 'economy', 'public_safety', 'other'] as const;

/** `submitted` and `assigned` are open (the clock runs); `answered` and `redirected` are final. */
export const MESSAGE_STATES = ['submitted', 'assigned', 'answered', 'redirected'] as const;
export const OPEN_MESSAGE_STATES = ['submitted', 'assigned'] as const;

export const RATINGS = ['satisfied', 'neutral', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

/**
 * Where a message that is not really a message belongs (Art. 39 of the Regulations: a request
 * for information goes through the request procedure; complaints about administrative acts go to
 * reconsideration, litigation or the petition office).
 */
export const REDIRECT_CHANNELS = ['information_request', 'reconsideration', 'litigation', 'petition', 'other'] as const;
export type RedirectChannel = (typeof REDIRECT_CHANNELS)[number];

/** Working days to answer when the agency has set nothing. */
export const DEFAULT_ANSWER_DAYS = 5;
/** The range an agency may choose. */
export const MIN_ANSWER_DAYS = 1;
export const MAX_ANSWER_DAYS = 60;

export function isOneOf<T extends string>(list: readonly T[], x: string): x is T {
  return (list as readonly string[]).includes(x);
}

const PATTERN = /^LY-(\d{4})-(\d{6,})$/;

/** `LY-2026-000123` (留言 = LY) from year 2026 and serial 123. */
export function formatMessageNumber(year: number, serial: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`bad year ${year}`);
  if (!Number.isSafeInteger(serial) || serial < 1) throw new RangeError(`bad serial ${serial}`);
  return `LY-${year}-${String(serial).padStart(6, '0')}`;
}

/** The normalised tracking number, or null when `s` is not one (case-insensitive). */
export function normaliseMessageNumber(s: string): string | null {
  const m = PATTERN.exec(s.trim().toUpperCase());
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  return formatMessageNumber(Number(m[1]), Number(m[2]));
}

/** A new message as the form sends it. */
export interface MessageInput {
  kind: string;
  category: string;
  title: string;
  body: string;
  name: string;
  email?: string;
  phone?: string;
  /** True to allow publication (personal data removed); false keeps it private. */
  is_public: boolean;
}

/** A validated message, split into the message's columns and the sender's personal data. */
export interface CleanMessage {
  message: { kind: MessageKind; category: string; title: string; body: string; is_public: number };
  sender: { name: string; email: string; phone: string };
}

export const MESSAGE_LIMITS = { title: 100, body: 5000, name: 50, email: 254, phone: 30 } as const;

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[A-Za-z]{2,63}$/;
const PHONE = /^\+?[0-9][0-9 ()-]{5,28}$/;

/** Validates a new message; throws `validation_failed` naming every bad field. */
export function cleanMessageInput(input: MessageInput): CleanMessage {
  const issues: FieldIssue[] = [];
  const s = (v: string | undefined) => (v ?? '').trim();
  const kind = s(input.kind);
  const category = s(input.category);
  const title = s(input.title).replace(/\s+/g, ' ');
  const body = s(input.body).replace(/\r\n/g, '\n');
  const name = s(input.name);
  const email = s(input.email);
  const phone = s(input.phone);
  if (!isOneOf(MESSAGE_KINDS, kind)) issues.push({ field: 'kind', code: kind ? 'invalid' : 'required' });
  if (!isOneOf(MESSAGE_CATEGORIES, category)) issues.push({ field: 'category', code: category ? 'invalid' : 'required' });
  const text = (field: 'title' | 'body' | 'name', v: string) => {
    if (!v) issues.push({ field, code: 'required' });
    else if ([...v].length > MESSAGE_LIMITS[field]) issues.push({ field, code: 'too_long' });
  };
  text('title', title);
  text('body', body);
  text('name', name);
  if (email && (email.length > MESSAGE_LIMITS.email || !EMAIL.test(email))) issues.push({ field: 'email', code: 'invalid' });
  if (phone && !PHONE.test(phone)) issues.push({ field: 'phone', code: 'invalid' });
  // The answer and any transfer are told by e-mail, or by phone when the sender gave no address.
  if (!email && !phone) issues.push({ field: 'email', code: 'message_contact_required' });
  if (issues.length) throw invalid(issues);
  return {
    // Narrowed by the isOneOf check above (an issue was pushed otherwise).
    message: { kind: kind as MessageKind, category, title, body, is_public: input.is_public ? 1 : 0 },
    sender: { name, email, phone },
  };
}
