import { compareDates, isIsoDate } from '../../domain/calendar/iso-date.js';
import { invalid, type FieldIssue } from '../../domain/errors.js';
import { requestRepo } from '../../store/repos/request-repo.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { auditRequest, loadRequest, todayAt } from './load.js';

/** The three kinds of table 四: reconsideration, litigation directly, litigation after reconsideration. */
export const APPEAL_KINDS = ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'] as const;
/** The results of table 四: 结果维持 · 结果纠正 · 其他结果 · 尚未审结. */
export const APPEAL_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;

/** A reconsideration (行政复议) or litigation (行政诉讼) record. */
export interface AppealInput {
  kind: string;
  filedOn: string;
  result?: string;
  decidedOn?: string;
  /** The reconsideration body or court. */
  bodyName?: string;
  caseNumber?: string;
  note?: string;
}

/** Validates the fields shared by recording and updating an appeal. */
export function checkAppealFields(input: { result?: string; decidedOn?: string; filedOn?: string; note?: string }, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.result !== undefined && !(APPEAL_RESULTS as readonly string[]).includes(input.result)) issues.push({ field: 'result', code: 'invalid' });
  for (const [field, d] of [['filed_on', input.filedOn], ['decided_on', input.decidedOn]] as const) {
    if (d !== undefined && (!isIsoDate(d) || compareDates(d, today) > 0)) issues.push({ field, code: 'bad_date' });
  }
  if (input.result === 'pending' && input.decidedOn) issues.push({ field: 'decided_on', code: 'not_decided' });
  if (input.result !== undefined && input.result !== 'pending' && !input.decidedOn) issues.push({ field: 'decided_on', code: 'required' });
  if ((input.note ?? '').length > 4000) issues.push({ field: 'note', code: 'too_long' });
  return issues;
}

/**
 * Records a reconsideration or litigation about a request (annual report table 四). Needs
 * `request.handle`. Returns the record's id.
 */
export async function recordAppeal(deps: Deps, actor: Actor, requestId: string, input: AppealInput): Promise<{ appealId: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const ctx = await loadRequest(trx, actor, requestId, 'request.handle');
    const today = todayAt(deps, ctx.agency);
    const result = input.result ?? 'pending';
    const issues = checkAppealFields({ ...input, result }, today);
    if (!(APPEAL_KINDS as readonly string[]).includes(input.kind)) issues.push({ field: 'kind', code: 'invalid' });
    if (input.filedOn === undefined) issues.push({ field: 'filed_on', code: 'required' });
    if ((input.bodyName ?? '').length > 200 || (input.caseNumber ?? '').length > 100) issues.push({ field: 'body_name', code: 'too_long' });
    if (issues.length) throw invalid(issues);
    const at = deps.clock.now().toISOString();
    const appealId = deps.newId();
    await requestRepo.insertAppeal(trx, {
      id: appealId, request_id: ctx.req.id, agency_id: ctx.req.agency_id, kind: input.kind, result, filed_on: input.filedOn ?? today,
      decided_on: input.decidedOn ?? null, body_name: (input.bodyName ?? '').trim(), case_number: (input.caseNumber ?? '').trim(), note: (input.note ?? '').trim(),
      created_by: actorId(actor), created_at: at, updated_at: at,
    });
    await auditRequest(trx, actor, at, 'request.appeal_recorded', ctx.req, { appeal: appealId, kind: input.kind, result });
    return { appealId };
  });
}
