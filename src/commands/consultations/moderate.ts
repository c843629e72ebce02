import { isModerationReason } from '../../domain/consultations/rules.js';
import { AppError, invalid } from '../../domain/errors.js';
import { tokenDigest } from '../../security/tokens.js';
import { consultationRepo } from '../../store/repos/consultation-repo.js';
import { enqueue } from '../../store/repos/outbox-repo.js';
import { isUniqueViolation } from '../../store/dialect/dialect.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { audit, loadConsultation } from './load.js';

/**
 * A reader reports a published comment. One report per reader and comment: the reader is known
 * by the hash of a random cookie id (no account needed); a second report is `already_reported`.
 * The comment stays visible and joins the moderation queue until a moderator looks at it.
 */
export async function reportComment(deps: Deps, input: { comment_id: string; reader_id: string; reason: string }): Promise<void> {
  if (!isModerationReason(input.reason)) throw invalid([{ field: 'reason', code: 'invalid' }]);
  if (!input.reader_id) throw invalid([{ field: 'reason', code: 'invalid' }]);
  const readerHash = tokenDigest(`reader:${input.reader_id}`);
  try {
    await deps.db.transaction().execute(async (trx) => {
      const c = await consultationRepo.commentById(trx, input.comment_id);
      if (!c || c.state !== 'published') throw new AppError('comment_not_found');
      if (await consultationRepo.hasReport(trx, c.id, readerHash)) throw new AppError('already_reported');
      await consultationRepo.insertReport(trx, { comment_id: c.id, reader_hash: readerHash, reason: input.reason, created_at: deps.clock.now().toISOString() });
      await trx
        .updateTable('consultation_comments')
        .set((eb) => ({ open_reports: eb('open_reports', '+', 1), report_count: eb('report_count', '+', 1) }))
        .where('id', '=', c.id)
        .execute();
    });
  } catch (e) {
    // Two reports racing from the same reader: the primary key keeps one.
    if (isUniqueViolation(e)) throw new AppError('already_reported');
    throw e;
  }
}

/** A moderator's decision on one comment. */
export interface ModerationInput {
  /** `publish` (a queued comment), `hide` (with a reason), `keep` (dismiss reports), `restore` (un-hide). */
  decision: string;
  reason: string;
  /** The version the moderator saw (optimistic check). */
  version: number;
}

/**
 * Moderates a comment. Comments are hidden, never deleted: a hidden comment keeps its text for
 * the record and is counted in the summary. A comment held for personal data can only be hidden
 * or published by a moderator's explicit decision. Needs `document.edit` at the agency.
 */
export async function moderateComment(deps: Deps, actor: Actor, commentId: string, input: ModerationInput): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const c = await consultationRepo.commentById(trx, commentId);
    if (!c) throw new AppError('comment_not_found');
    const l = await loadConsultation(trx, c.consultation_id, actor);
    const at = deps.clock.now().toISOString();
    const by = actorId(actor) ?? actor.username;
    let patch: Parameters<typeof consultationRepo.updateComment>[3];
    if (input.decision === 'hide') {
      if (!isModerationReason(input.reason)) throw invalid([{ field: 'reason', code: 'required' }]);
      if (c.state !== 'pending' && c.state !== 'published') throw new AppError('bad_transition');
      patch = { state: 'hidden', hidden_reason: input.reason, queue_reason: null, open_reports: 0, moderated_by: by, moderated_at: at };
    } else if (input.decision === 'publish') {
      if (c.state !== 'pending') throw new AppError('bad_transition');
      patch = { state: 'published', queue_reason: null, published_at: at, moderated_by: by, moderated_at: at };
    } else if (input.decision === 'keep') {
      if (c.state !== 'published' || c.open_reports === 0) throw new AppError('bad_transition');
      patch = { open_reports: 0, moderated_by: by, moderated_at: at };
    } else if (input.decision === 'restore') {
      if (c.state !== 'hidden') throw new AppError('bad_transition');
      patch = { state: 'published', hidden_reason: null, published_at: c.published_at ?? at, moderated_by: by, moderated_at: at };
    } else throw invalid([{ field: 'decision', code: 'invalid' }]);
    if (!(await consultationRepo.updateComment(trx, c.id, input.version, patch))) throw new AppError('stale_version');
    // A verified commenter is told when a held comment is published or a comment is hidden; the
    // mail names the consultation and the reason, never the comment's text.
    if (c.email && (input.decision === 'hide' || (input.decision === 'publish' && c.state === 'pending'))) {
      await enqueue(trx, {
        kind: input.decision === 'hide' ? 'consultation.comment_hidden' : 'consultation.comment_published',
        channel: 'email',
        recipient: { email: c.email },
        locale: c.locale,
        payload: { consultation_id: l.c.id, title: l.c.title, reason: input.decision === 'hide' ? input.reason : '', path: `${c.locale === 'en' ? '/en' : ''}/consultations/${l.c.id}` },
        dedupeKey: `consultation.${input.decision}:${c.id}:${c.version}`,
        agencyId: l.agency.id,
        createdAt: at,
      });
    }
    await audit(trx, deps, actor, l, `consultation.comment.${input.decision}`, { reason: input.decision === 'hide' ? input.reason : null, from: c.state }, { type: 'consultation_comment', id: c.id });
  });
}
