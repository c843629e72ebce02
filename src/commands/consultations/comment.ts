import { admit, COMMENT_MAX, DISPLAY_NAME_MAX, phaseAt, VERIFY_TTL_HOURS } from '../../domain/consultations/rules.js';
import type { DraftParagraph } from '../../domain/consultations/paragraphs.js';
import { AppError, invalid, type FieldIssue } from '../../domain/errors.js';
import { scanPersonalData, type PersonalDataKind } from '../../domain/pii.js';
import { newToken, tokenDigest } from '../../security/tokens.js';
import { consultationRepo, type CommentRow } from '../../store/repos/consultation-repo.js';
import { enqueue } from '../../store/repos/outbox-repo.js';
import type { Agency, Exec } from '../../store/schema.js';
import type { Deps } from '../deps.js';
import { loadConsultation } from './load.js';

/** What a reader sends. */
export interface CommentInput {
  consultation_id: string;
  /** '' for the whole draft, else a paragraph number of the draft. */
  paragraph: string;
  body: string;
  display_name: string;
  /** `email` or `anonymous`. */
  mode: string;
  email: string;
  /** The reader's random cookie id (identifies an anonymous participant; only its hash is stored). */
  reader_id: string;
  locale: 'zh-CN' | 'en';
}

/** Outcome of a submission, for the confirmation the reader sees. */
export interface CommentResult {
  id: string;
  /** `unverified`: a link was mailed; `pending`: waits for a moderator; `published`: visible now. */
  state: 'unverified' | 'pending' | 'published';
  queueReason: 'pre_moderation' | 'personal_data' | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The personal-data kinds in a comment's text and chosen name; the agency's own contact details are not personal data. */
export function scanComment(agency: Agency, body: string, displayName: string): PersonalDataKind[] {
  const allow = [agency.phone, agency.fax, agency.email].filter(Boolean);
  return [...new Set([...scanPersonalData(body, { allow }), ...scanPersonalData(displayName, { allow })].map((f) => f.kind))];
}

/**
 * A reader comments (issue 8 §1). Only while the window is open. With an e-mail address the
 * comment is held (`unverified`) and a one-time link is mailed through the outbox; only the
 * token's SHA-256 is stored. Anonymously (if the consultation allows it) it is admitted at once:
 * published under post-moderation, queued under pre-moderation, and queued with reason
 * `personal_data` whenever the scanner finds personal data.
 */
export async function submitComment(deps: Deps, input: CommentInput): Promise<CommentResult> {
  return deps.db.transaction().execute(async (trx) => {
    const l = await loadConsultation(trx, input.consultation_id);
    const now = deps.clock.now();
    if (phaseAt(l.c, now) !== 'open') throw new AppError('consultation_window_closed');
    const paragraphs = JSON.parse(l.c.paragraphs) as DraftParagraph[]; // written by openConsultation
    const issues: FieldIssue[] = [];
    let paragraphNo: number | null = null;
    if (input.paragraph.trim()) {
      const n = Number(input.paragraph);
      if (!Number.isInteger(n) || !paragraphs.some((p) => p.no === n)) issues.push({ field: 'paragraph', code: 'invalid' });
      else paragraphNo = n;
    }
    const body = input.body.trim();
    if (!body) issues.push({ field: 'body', code: 'required' });
    else if (body.length > COMMENT_MAX) issues.push({ field: 'body', code: 'too_long' });
    const displayName = input.display_name.trim();
    if (displayName.length > DISPLAY_NAME_MAX) issues.push({ field: 'display_name', code: 'too_long' });
    const anonymous = input.mode === 'anonymous';
    if (input.mode !== 'anonymous' && input.mode !== 'email') issues.push({ field: 'mode', code: 'invalid' });
    const email = input.email.trim();
    if (!anonymous) {
      if (!email) issues.push({ field: 'email', code: 'required' });
      else if (!EMAIL.test(email) || email.length > 254) issues.push({ field: 'email', code: 'invalid' });
    }
    if (issues.length) throw invalid(issues);
    if (anonymous && !l.c.allow_anonymous) throw invalid([{ field: 'mode', code: 'anonymous_not_allowed' }], 'anonymous_not_allowed');
    if (anonymous && !input.reader_id) throw invalid([{ field: 'mode', code: 'invalid' }]);
    const id = deps.newId();
    const at = now.toISOString();
    const pii = scanComment(l.agency, body, displayName);
    const base = {
      id,
      consultation_id: l.c.id,
      paragraph_no: paragraphNo,
      body,
      display_name: displayName,
      email: anonymous ? '' : email,
      anonymous: anonymous ? 1 : 0,
      locale: input.locale,
      participant_hash: tokenDigest(anonymous ? `reader:${input.reader_id}` : `email:${email.toLowerCase()}`),
      submitted_at: at,
      pii_kinds: JSON.stringify(pii),
      open_reports: 0,
      report_count: 0,
      hidden_reason: null,
      moderated_by: null,
      moderated_at: null,
      version: 1,
    };
    if (anonymous) {
      const a = admit(l.c.moderation, pii);
      await consultationRepo.insertComment(trx, { ...base, verify_token_hash: null, verify_expires_at: null, verified_at: null, state: a.state, queue_reason: a.queueReason, published_at: a.state === 'published' ? at : null });
      return { id, state: a.state, queueReason: a.queueReason };
    }
    const token = newToken();
    const expires = new Date(now.getTime() + VERIFY_TTL_HOURS * 3600_000).toISOString();
    await consultationRepo.insertComment(trx, { ...base, verify_token_hash: tokenDigest(token), verify_expires_at: expires, verified_at: null, state: 'unverified', queue_reason: null, published_at: null });
    // The token must travel in the e-mail, so the outbox row holds it until verification scrubs it
    // (`verifyComment`); the consultation tables only ever hold its hash.
    await enqueue(trx, {
      kind: 'consultation.verify_comment',
      channel: 'email',
      recipient: { email },
      locale: input.locale,
      // The link's path (with the page's language prefix); the token travels in it.
      payload: { consultation_id: l.c.id, title: l.c.title, path: `${input.locale === 'en' ? '/en' : ''}/consultations/verify?t=${encodeURIComponent(token)}`, expires_at: expires, time_zone: l.c.time_zone },
      dedupeKey: `consultation.verify:${id}`,
      agencyId: l.agency.id,
      createdAt: at,
    });
    return { id, state: 'unverified', queueReason: null };
  });
}

/** The comment a verification token belongs to, if the token is current. */
async function byToken(trx: Exec, token: string, now: Date): Promise<CommentRow> {
  if (!token || token.length > 100) throw new AppError('verification_invalid');
  const c = await consultationRepo.commentByTokenHash(trx, tokenDigest(token));
  if (!c || c.state !== 'unverified' || !c.verify_expires_at || Date.parse(c.verify_expires_at) <= now.getTime()) throw new AppError('verification_invalid');
  return c;
}

/** Checks a verification link without using it (the landing page shows a confirm button, so mail scanners that follow links do not verify). */
export async function checkVerification(deps: Deps, token: string): Promise<{ consultationId: string; title: string }> {
  const c = await byToken(deps.db, token, deps.clock.now());
  const l = await loadConsultation(deps.db, c.consultation_id);
  return { consultationId: l.c.id, title: l.c.title };
}

/**
 * Uses a one-time verification link: the comment is admitted as an anonymous one would be at
 * submission (published, or queued for pre-moderation or personal data). The token's hash is
 * cleared and the token is scrubbed from the outbox payload. A late verification is accepted
 * until the feedback summary is published: the comment was sent inside the window.
 */
export async function verifyComment(deps: Deps, token: string): Promise<{ consultationId: string; commentId: string; state: 'pending' | 'published'; queueReason: 'pre_moderation' | 'personal_data' | null }> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const c = await byToken(trx, token, now);
    const l = await loadConsultation(trx, c.consultation_id);
    const summary = await consultationRepo.summaryOf(trx, l.c.id);
    if (summary?.state === 'published') throw new AppError('consultation_summary_published');
    const a = admit(l.c.moderation, JSON.parse(c.pii_kinds) as PersonalDataKind[]); // written by submitComment
    const at = now.toISOString();
    const ok = await consultationRepo.updateComment(trx, c.id, c.version, {
      state: a.state,
      queue_reason: a.queueReason,
      verified_at: at,
      verify_token_hash: null,
      verify_expires_at: null,
      published_at: a.state === 'published' ? at : null,
    });
    if (!ok) throw new AppError('verification_invalid');
    await trx.updateTable('outbox').set({ payload: JSON.stringify({ consultation_id: l.c.id, title: l.c.title, path: '', expires_at: '', time_zone: l.c.time_zone, used: true }) }).where('dedupe_key', '=', `consultation.verify:${c.id}`).where('status', '=', 'sent').execute();
    return { consultationId: l.c.id, commentId: c.id, state: a.state, queueReason: a.queueReason };
  });
}
