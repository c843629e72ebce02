import { isDecision } from '../../domain/consultations/rules.js';
import { AppError, invalid, type FieldIssue } from '../../domain/errors.js';
import { consultationRepo } from '../../store/repos/consultation-repo.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { recordEvent } from '../events.js';
import { audit, eventPayload, loadConsultation } from './load.js';

/** One main point of the comments as the form sends it. */
export interface PointInput {
  point: string;
  decision: string;
  reason: string;
}

/** The feedback summary form. */
export interface SummaryInput {
  intro: string;
  /** Index number of the final policy, a published document. Required to publish. */
  final_index_number: string;
  points: PointInput[];
}

const INTRO_MAX = 4000;
const TEXT_MAX = 2000;

/**
 * Saves the feedback summary (意见采纳情况反馈) of a closed consultation, and with `publish`
 * publishes it: the number of comments (hidden ones included) and participants are frozen, each
 * main point carries its decision (adopted / partly adopted / not adopted) and the reasons, and
 * the summary links to the final policy, whose document page links back (`consultationLinks`).
 * Records `consultation.summary_published`. Needs `document.edit` at the agency.
 */
export async function saveSummary(deps: Deps, actor: Actor, consultationId: string, input: SummaryInput, publish: boolean): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const l = await loadConsultation(trx, consultationId, actor);
    if (l.c.state !== 'closed') throw new AppError('consultation_not_closed');
    const existing = await consultationRepo.summaryOf(trx, l.c.id);
    if (existing?.state === 'published') throw new AppError('consultation_summary_published');
    const issues: FieldIssue[] = [];
    const intro = input.intro.trim();
    if (intro.length > INTRO_MAX) issues.push({ field: 'intro', code: 'too_long' });
    const points = input.points.map((p) => ({ point: p.point.trim(), decision: p.decision.trim(), reason: p.reason.trim() })).filter((p) => p.point || p.reason);
    points.forEach((p, i) => {
      if (!p.point) issues.push({ field: `point_${i + 1}`, code: 'required' });
      if (p.point.length > TEXT_MAX) issues.push({ field: `point_${i + 1}`, code: 'too_long' });
      if (!isDecision(p.decision)) issues.push({ field: `decision_${i + 1}`, code: 'required' });
      if (p.reason.length > TEXT_MAX) issues.push({ field: `reason_${i + 1}`, code: 'too_long' });
      // A point not (fully) adopted must say why (the point of 反馈 is the reasons).
      if (p.decision !== 'adopted' && !p.reason) issues.push({ field: `reason_${i + 1}`, code: 'reason_required' });
    });
    let finalId: string | null = null;
    const idx = input.final_index_number.trim();
    if (idx) {
      const doc = await documentRepo.documentByIndex(trx, idx);
      if (!doc || doc.status !== 'published') issues.push({ field: 'final_index_number', code: 'final_not_published' });
      else finalId = doc.id;
    }
    if (publish) {
      if (!idx) issues.push({ field: 'final_index_number', code: 'required' });
      if (!points.length) issues.push({ field: 'point_1', code: 'required' });
    }
    if (issues.length) throw invalid(issues);
    const at = deps.clock.now().toISOString();
    const counts = await consultationRepo.counts(trx, l.c.id);
    const by = actorId(actor) ?? actor.username;
    await consultationRepo.saveSummary(
      trx,
      {
        consultation_id: l.c.id,
        intro,
        final_document_id: finalId,
        state: publish ? 'published' : 'draft',
        total_comments: counts.total,
        hidden_comments: counts.hidden,
        participants: counts.participants,
        published_at: publish ? at : null,
        published_by: publish ? by : null,
        updated_at: at,
        updated_by: by,
      },
      points.map((p, i) => ({ id: deps.newId(), consultation_id: l.c.id, sort_order: i + 1, point: p.point, decision: p.decision as 'adopted', reason: p.reason })), // validated by isDecision above
    );
    await audit(trx, deps, actor, l, publish ? 'consultation.summary_publish' : 'consultation.summary_save', { points: points.length, final: idx || null });
    if (publish) {
      await recordEvent(trx, deps, {
        kind: 'consultation.summary_published',
        agencyId: l.agency.id,
        subjectType: 'consultation',
        subjectId: l.c.id,
        payload: await eventPayload(trx, l, { final_index_number: idx, comments: counts.total, hidden_comments: counts.hidden, participants: counts.participants, points: points.length }),
        at,
      });
    }
  });
}
