import { numberParagraphs } from '../../domain/consultations/paragraphs.js';
import { AppError, invalid, type FieldIssue } from '../../domain/errors.js';
import { zonedToUtc } from '../../domain/local-date.js';
import { agencyRepo } from '../../store/repos/agency-repo.js';
import { consultationRepo } from '../../store/repos/consultation-repo.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import { authorize, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { recordEvent } from '../events.js';
import { audit, eventPayload } from './load.js';

/** The form of a new consultation. Times are wall-clock `YYYY-MM-DDTHH:mm` in the agency's time zone. */
export interface OpenConsultationInput {
  agency_id: string;
  /** Index number of the draft, a document already published through the normal workflow. */
  draft_index_number: string;
  /** Default: the draft's title. */
  title?: string;
  description?: string;
  starts_local: string;
  ends_local: string;
  allow_anonymous: boolean;
  moderation: string;
}

const TITLE_MAX = 200;
const DESCRIPTION_MAX = 4000;

/**
 * Opens a draft for comment (issue 8 §1). The draft is a published document of the same agency
 * (so it already has its page, transparency-log entry and feed items); its current version's
 * paragraphs are numbered and snapshotted here. The window's wall-clock times are read in the
 * agency's time zone and stored as UTC. A start in the past or now opens the consultation at once
 * (event `consultation.opened`); a later start leaves it `scheduled` until the periodic job opens
 * it. Needs `document.edit` at the agency.
 */
export async function openConsultation(deps: Deps, actor: Actor, input: OpenConsultationInput): Promise<{ id: string; state: 'scheduled' | 'open' }> {
  return deps.db.transaction().execute(async (trx) => {
    const agency = await agencyRepo.byId(trx, input.agency_id);
    if (!agency) throw new AppError('agency_not_found');
    authorize(actor, 'document.edit', agency.path);
    if (agency.status !== 'open') throw new AppError('agency_closed');
    const issues: FieldIssue[] = [];
    const doc = input.draft_index_number.trim() ? await documentRepo.documentByIndex(trx, input.draft_index_number.trim()) : undefined;
    if (!input.draft_index_number.trim()) issues.push({ field: 'draft_index_number', code: 'required' });
    else if (!doc || doc.status !== 'published' || doc.agency_id !== agency.id) issues.push({ field: 'draft_index_number', code: 'draft_not_published' });
    const title = (input.title ?? '').trim() || doc?.title || '';
    if (title.length > TITLE_MAX) issues.push({ field: 'title', code: 'too_long' });
    const description = (input.description ?? '').trim();
    if (description.length > DESCRIPTION_MAX) issues.push({ field: 'description', code: 'too_long' });
    const starts = input.starts_local.trim() ? zonedToUtc(input.starts_local.trim(), agency.time_zone) : null;
    const ends = input.ends_local.trim() ? zonedToUtc(input.ends_local.trim(), agency.time_zone) : null;
    if (!starts) issues.push({ field: 'starts_local', code: input.starts_local.trim() ? 'invalid' : 'required' });
    if (!ends) issues.push({ field: 'ends_local', code: input.ends_local.trim() ? 'invalid' : 'required' });
    const now = deps.clock.now();
    if (starts && ends && ends.getTime() <= starts.getTime()) issues.push({ field: 'ends_local', code: 'end_before_start' });
    else if (ends && ends.getTime() <= now.getTime()) issues.push({ field: 'ends_local', code: 'end_in_past' });
    if (input.moderation !== 'pre' && input.moderation !== 'post') issues.push({ field: 'moderation', code: 'invalid' });
    if (issues.length || !doc || !starts || !ends) throw invalid(issues.length ? issues : [{ field: 'form', code: 'invalid' }]);
    const rev = await documentRepo.publishedVersion(trx, doc.id, doc.current_version);
    if (!rev) throw invalid([{ field: 'draft_index_number', code: 'draft_not_published' }]);
    const paragraphs = numberParagraphs(rev.body_html);
    const id = deps.newId();
    const at = now.toISOString();
    const openNow = starts.getTime() <= now.getTime();
    const row = {
      id,
      agency_id: agency.id,
      draft_document_id: doc.id,
      draft_version_no: doc.current_version,
      title,
      description,
      paragraphs: JSON.stringify(paragraphs),
      starts_at: starts.toISOString(),
      ends_at: ends.toISOString(),
      time_zone: agency.time_zone,
      allow_anonymous: input.allow_anonymous ? 1 : 0,
      moderation: input.moderation === 'pre' ? ('pre' as const) : ('post' as const),
      state: openNow ? ('open' as const) : ('scheduled' as const),
      opened_at: openNow ? at : null,
      closed_at: null,
      close_kind: null,
      created_by: actor.type === 'staff' ? actor.userId : actor.username,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    await consultationRepo.insert(trx, row);
    const l = { c: row, agency };
    await audit(trx, deps, actor, l, 'consultation.create', { draft: doc.index_number, starts_at: row.starts_at, ends_at: row.ends_at, moderation: row.moderation, allow_anonymous: row.allow_anonymous });
    if (openNow) await recordEvent(trx, deps, { kind: 'consultation.opened', agencyId: agency.id, subjectType: 'consultation', subjectId: id, payload: await eventPayload(trx, l), at });
    return { id, state: row.state };
  });
}
