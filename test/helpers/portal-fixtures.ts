import { Readable } from 'node:stream';
import type { Actor } from '../../src/commands/actor.js';
import type { Deps } from '../../src/commands/deps.js';
import type { DraftInput } from '../../src/commands/document-input.js';
import { createDraft } from '../../src/commands/documents/create-draft.js';
import { updateDraft } from '../../src/commands/documents/update-draft.js';
import { submitRevision } from '../../src/commands/documents/submit-revision.js';
import { reviewRevision } from '../../src/commands/documents/review-revision.js';
import { startCorrection } from '../../src/commands/documents/start-correction.js';
import { setValidity } from '../../src/commands/documents/set-validity.js';
import { withdrawDocument } from '../../src/commands/documents/withdraw-document.js';
import { uploadAttachment } from '../../src/commands/documents/upload-attachment.js';
import { revisionDetail } from '../../src/queries/staff-documents.js';
import type { Agency } from '../../src/store/schema.js';
import { draftInput } from './factories.js';

/** A file to attach: name and content. */
export interface FixtureFile {
  name: string;
  content: string | Buffer;
}

/** An editor and a (different) reviewer who can publish at an agency. */
export interface Publisher {
  deps: Deps;
  editor: Actor;
  reviewer: Actor;
}

async function attach(p: Publisher, revisionId: string, files: FixtureFile[]): Promise<{ sha256: string; filename: string }[]> {
  const out: { sha256: string; filename: string }[] = [];
  for (const f of files) out.push(await uploadAttachment(p.deps, p.editor, revisionId, Readable.from([Buffer.from(f.content)]), f.name));
  return out;
}

async function submitAndApprove(p: Publisher, revisionId: string): Promise<{ indexNumber?: string; versionNo?: number }> {
  const det = await revisionDetail(p.deps, p.editor, revisionId);
  await submitRevision(p.deps, p.editor, revisionId, det.rev.version);
  await reviewRevision(p.deps, p.reviewer, revisionId, { stage: 'confidentiality', decision: 'pass' });
  const out = await reviewRevision(p.deps, p.reviewer, revisionId, { stage: 'approval', decision: 'pass' });
  return { indexNumber: 'indexNumber' in out ? out.indexNumber : undefined, versionNo: 'versionNo' in out ? out.versionNo : undefined };
}

/** Drafts, reviews and publishes a document through the commands; returns its ids and files. */
export async function publishDoc(p: Publisher, agency: Agency, over: Partial<DraftInput> = {}, files: FixtureFile[] = []): Promise<{ documentId: string; indexNumber: string; files: { sha256: string; filename: string }[] }> {
  const { documentId, revisionId } = await createDraft(p.deps, p.editor, agency.id, draftInput(over));
  const stored = await attach(p, revisionId, files);
  const { indexNumber } = await submitAndApprove(p, revisionId);
  if (!indexNumber) throw new Error('not published');
  return { documentId, indexNumber, files: stored };
}

/** Publishes a correction (a new version) with `change_note` and the fields in `over`. */
export async function publishCorrection(p: Publisher, documentId: string, over: Partial<DraftInput> & { change_note: string }, files: FixtureFile[] = []): Promise<number> {
  const { revisionId } = await startCorrection(p.deps, p.editor, documentId);
  const det = await revisionDetail(p.deps, p.editor, revisionId);
  const r = det.rev;
  await updateDraft(p.deps, p.editor, revisionId, r.version, {
    title: r.title,
    doc_number: r.doc_number,
    genre: r.genre,
    theme_code: r.theme_code,
    date_formed: r.date_formed,
    is_normative: r.is_normative === 1,
    keywords: r.keywords,
    summary: r.summary,
    body_html: r.body_html,
    ...over,
  });
  await attach(p, revisionId, files);
  const { versionNo } = await submitAndApprove(p, revisionId);
  if (!versionNo) throw new Error('no new version');
  return versionNo;
}

/** A draft that is never published, with one attachment. */
export async function draftOnly(p: Publisher, agency: Agency, title: string, file: FixtureFile): Promise<{ documentId: string; sha256: string; filename: string }> {
  const { documentId, revisionId } = await createDraft(p.deps, p.editor, agency.id, draftInput({ title }));
  const [f] = await attach(p, revisionId, [file]);
  if (!f) throw new Error('no attachment');
  return { documentId, ...f };
}

/** Text a CSV attachment of the fixture holds. */
export const BUDGET_CSV = '项目,金额（万元）\n一般公共预算收入,1200\n一般公共预算支出,1350\n';
/** The Chinese file name of the fixture's CSV attachment. */
export const BUDGET_CSV_NAME = '2026年预算表.csv';

/**
 * A small public catalogue, published through the commands at 2026-03-02 (and three documents in
 * 2025): a normative policy with a CSV attachment and a correction (v2), its interpretation, an
 * older rule repealed in favour of the policy, a withdrawn notice, a county notice, fillers enough
 * for two catalogue pages, and a draft with an attachment that must never be public.
 */
export async function buildPortalFixture(p: Publisher, tree: { city: Agency; county1: Agency }, clock: { set(iso: string): void }) {
  const { city, county1 } = tree;
  clock.set('2025-06-02T02:00:00Z');
  const old2025: string[] = [];
  for (let i = 1; i <= 3; i++) old2025.push((await publishDoc(p, city, { title: `2025年第${i}号通知`, date_formed: '2025-05-20', doc_number: '' })).indexNumber);
  clock.set('2026-03-02T02:00:00Z');
  const policy = await publishDoc(
    p,
    city,
    { title: '丙市财政预算管理办法', doc_number: '丙政发〔2026〕1号', genre: 'normative', is_normative: true, theme_code: 'finance.budget', keywords: '预算 财政', summary: '规范全市财政预算管理。' },
    [{ name: BUDGET_CSV_NAME, content: BUDGET_CSV }],
  );
  const interp = await publishDoc(p, city, { title: '《丙市财政预算管理办法》政策解读', genre: 'interpretation', doc_number: '', theme_code: 'finance.budget', interprets: policy.indexNumber });
  const oldRule = await publishDoc(p, city, { title: '丙市旧预算管理规定', doc_number: '丙政发〔2020〕9号', genre: 'normative', is_normative: true, theme_code: 'finance.budget' });
  const withdrawn = await publishDoc(p, city, { title: '关于误发文件的通知', genre: 'notices' });
  const county = await publishDoc(p, county1, { title: '丁县防汛工作通知', genre: 'notices' });
  for (let i = 1; i <= 18; i++) await publishDoc(p, city, { title: `丙市第${i}号工作通知`, doc_number: `丙政办发〔2026〕${i + 10}号` });
  clock.set('2026-03-03T02:00:00Z');
  await publishCorrection(p, policy.documentId, { change_note: '更正第三条的表述', summary: '规范全市财政预算管理（更正）。' });
  clock.set('2026-03-04T02:00:00Z');
  await setValidity(p.deps, p.reviewer, oldRule.documentId, { validity: 'repealed', date: '2026-03-04', replacedBy: policy.indexNumber, note: '被《丙市财政预算管理办法》废止' });
  await withdrawDocument(p.deps, p.reviewer, withdrawn.documentId, '误发布，已撤回');
  const draft = await draftOnly(p, city, '尚未发布的草稿文件', { name: '草稿附件.csv', content: 'draft-only,secret\n1,2\n' });
  return { policy, interp, oldRule, withdrawn, county, old2025, draft };
}
