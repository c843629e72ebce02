import { AppError, invalid } from '../../domain/errors.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { auditDocument, loadRevision } from './load.js';
import { publishRevisionIn } from './publish-revision.js';

export interface ReviewInput {
  /** 'confidentiality': 保密审查 (Art. 17) of a submitted revision; 'approval': sign-off of a cleared one. */
  stage: 'confidentiality' | 'approval';
  decision: 'pass' | 'reject';
  comment?: string;
  /** Approval only: publish at this instant (ISO) instead of now. */
  publishAt?: string;
}

export type ReviewOutcome =
  | { state: 'cleared' | 'draft' | 'scheduled' }
  | { state: 'published'; indexNumber: string; versionNo: number };

/**
 * Records a reviewer's decision. Needs `document.review`, and the reviewer must be neither the
 * drafter, the last editor nor the submitter (two people: issue 3 §2). A rejection needs a
 * comment and returns the revision to the drafter as a draft. Approval publishes at once, or
 * schedules publication when `publishAt` is in the future.
 */
export async function reviewRevision(deps: Deps, actor: Actor, revisionId: string, input: ReviewInput): Promise<ReviewOutcome> {
  const comment = (input.comment ?? '').trim();
  if (input.decision === 'reject' && !comment) throw invalid([{ field: 'comment', code: 'required' }]);
  if (comment.length > 2000) throw invalid([{ field: 'comment', code: 'too_long' }]);
  let publishAt: Date | null = null;
  if (input.publishAt) {
    publishAt = new Date(input.publishAt);
    if (Number.isNaN(publishAt.getTime()) || input.stage !== 'approval') throw invalid([{ field: 'publish_at', code: 'bad_instant' }]);
  }
  return deps.db.transaction().execute(async (trx) => {
    const ctx = await loadRevision(trx, actor, revisionId, 'document.review');
    const { rev, doc } = ctx;
    const expected = input.stage === 'confidentiality' ? 'submitted' : 'cleared';
    if (rev.state !== expected) throw new AppError('bad_transition', { message: `revision is ${rev.state}` });
    const me = actorId(actor);
    if (me && [rev.created_by, rev.updated_by, rev.submitted_by].includes(me)) throw new AppError('same_person');
    const at = deps.clock.now().toISOString();
    await documentRepo.appendReview(trx, {
      id: deps.newId(),
      revision_id: rev.id,
      document_id: doc.id,
      stage: input.stage,
      decision: input.decision,
      comment,
      reviewer_id: me ?? 'system',
      at,
    });
    await auditDocument(trx, actor, at, `document.review_${input.stage}_${input.decision}`, doc, { revision: rev.id });
    if (input.decision === 'reject') {
      if (!(await documentRepo.transition(trx, rev.id, expected, { state: 'draft', updated_at: at }))) throw new AppError('bad_transition');
      return { state: 'draft' };
    }
    if (input.stage === 'confidentiality') {
      if (!(await documentRepo.transition(trx, rev.id, expected, { state: 'cleared', updated_at: at }))) throw new AppError('bad_transition');
      return { state: 'cleared' };
    }
    if (publishAt && publishAt.getTime() > deps.clock.now().getTime()) {
      if (!(await documentRepo.transition(trx, rev.id, 'cleared', { state: 'scheduled', publish_at: publishAt.toISOString(), updated_at: at }))) {
        throw new AppError('bad_transition');
      }
      return { state: 'scheduled' };
    }
    const r = await publishRevisionIn(trx, deps, actor, ctx, 'cleared');
    return { state: 'published', ...r };
  });
}
