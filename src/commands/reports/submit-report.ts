import { AppError } from '../../domain/errors.js';
import { localDate } from '../../domain/local-date.js';
import { brokenIdentities } from '../../domain/reports/identities.js';
import { reportBodyHtml } from '../../domain/reports/report-html.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import { reportRepo } from '../../store/repos/report-repo.js';
import type { Agency } from '../../store/schema.js';
import type { Actor } from '../actor.js';
import type { DraftInput } from '../document-input.js';
import { createDraft } from '../documents/create-draft.js';
import { submitRevision } from '../documents/submit-revision.js';
import { updateDraft } from '../documents/update-draft.js';
import type { Deps } from '../deps.js';
import { audit, editableReport } from './draft-report.js';
import { reportState, type ReportSnapshot } from './report-state.js';

/** The report's official title: 「<agency>2025年政府信息公开工作年度报告」. */
export function reportTitle(agency: Pick<Agency, 'name_zh'>, year: number): string {
  return `${agency.name_zh}${year}年政府信息公开工作年度报告`;
}

/**
 * Submits the report for publication as a document of genre `annual_report` through the existing
 * publishing workflow (draft → submit → confidentiality review → approval by another person;
 * Art. 17), so once approved it is in the catalogue, search and the transparency log. Refused with
 * `report_identities_broken` while an identity of the 2021 format is broken, naming each one in
 * `fields` (id, and the identity with both sides in `message`). The report is frozen at
 * submission; a rejected review reopens it. Needs `document.edit` at the agency.
 *
 * The document commands each run their own transaction, so this is three steps: check and freeze
 * the figures; create or update the document draft; link and submit. A failure after the first
 * leaves a draft that the next attempt reuses.
 */
export async function submitAnnualReport(deps: Deps, actor: Actor, agencyId: string, year: number): Promise<{ documentId: string; revisionId: string }> {
  const prepared = await deps.db.transaction().execute(async (trx) => {
    const { agency, row } = await editableReport(trx, deps, actor, agencyId, year);
    const state = await reportState(trx, agency, year);
    const broken = brokenIdentities(state.identities);
    if (broken.length) {
      throw new AppError('report_identities_broken', {
        fields: broken.map((b) => ({ field: b.id, code: 'identity_broken', message: `${b.zh}: ${b.left} ≠ ${b.right}` })),
        message: broken.map((b) => b.id).join(', '),
      });
    }
    const snapshot: ReportSnapshot = { sections: state.sections, figures: state.figures, changes: state.changes, identities: state.identities };
    const open = row.document_id ? await documentRepo.openRevision(trx, row.document_id) : undefined;
    const today = localDate(deps.clock.now().toISOString(), agency.time_zone || deps.defaultTimeZone);
    const draft: DraftInput = {
      title: reportTitle(agency, year),
      genre: 'annual_report',
      theme_code: 'general.openness',
      date_formed: today,
      keywords: '政府信息公开 年度报告',
      summary: `${agency.name_zh}${year}年政府信息公开工作年度报告（《中华人民共和国政府信息公开条例》第四十九条、第五十条）。`,
      body_html: reportBodyHtml(state.sections, state.tables),
    };
    return { agency, row, snapshot, open, draft };
  });

  let documentId: string;
  let revisionId: string;
  let version: number;
  if (prepared.row.document_id && prepared.open && prepared.open.state === 'draft') {
    const rev = await updateDraft(deps, actor, prepared.open.id, prepared.open.version, prepared.draft);
    documentId = prepared.row.document_id;
    revisionId = rev.id;
    version = rev.version;
  } else {
    const created = await createDraft(deps, actor, agencyId, prepared.draft);
    documentId = created.documentId;
    revisionId = created.revisionId;
    version = 1;
  }

  await deps.db.transaction().execute(async (trx) => {
    const at = deps.clock.now().toISOString();
    const ok = await reportRepo.updateVersioned(trx, prepared.row.id, prepared.row.version, { document_id: documentId, snapshot: JSON.stringify(prepared.snapshot), submitted_at: at, updated_at: at });
    if (!ok) throw new AppError('stale_version');
    await audit(trx, actor, at, 'report.submit', prepared.row, { document: documentId });
  });
  await submitRevision(deps, actor, revisionId, version);
  return { documentId, revisionId };
}
