import { Readable } from 'node:stream';
import type { Clock } from '../domain/clock.js';
import { SYSTEM_ACTOR, type Actor } from './actor.js';
import type { Deps } from './deps.js';
import { DEMO_DOCUMENTS, type DemoDocument } from './demo-content/index.js';
import { createDraft } from './documents/create-draft.js';
import { reviewRevision } from './documents/review-revision.js';
import { setValidity } from './documents/set-validity.js';
import { startCorrection } from './documents/start-correction.js';
import { submitRevision } from './documents/submit-revision.js';
import { updateDraft } from './documents/update-draft.js';
import { uploadAttachment } from './documents/upload-attachment.js';
import { demoAgencyCodes } from './demo-agencies.js';

/** A clock the seeder sets to each demo date (02:00 UTC = 10:00 in Beijing). */
class SeedClock implements Clock {
  private t = 0;
  set(date: string): void {
    this.t = new Date(`${date}T02:00:00Z`).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
}

const SEEDER: Actor = { ...SYSTEM_ACTOR, username: 'demo-seed' };

/**
 * Publishes the demo documents through the real commands (draft → submit → confidentiality
 * review → approval), each at its own historical date, then applies corrections and validity
 * changes in date order. Returns how many documents were published.
 */
export async function seedDemoDocuments(deps: Deps, docs: readonly DemoDocument[] = DEMO_DOCUMENTS): Promise<number> {
  const codes = demoAgencyCodes();
  const agencies = await deps.db.selectFrom('agencies').select(['id', 'code']).execute();
  const idOf = (key: string) => agencies.find((a) => a.code === codes.get(key))?.id ?? '';
  const clock = new SeedClock();
  const d: Deps = { ...deps, clock };
  const index = new Map<string, { documentId: string; indexNumber: string }>();

  const publish = async (revisionId: string, version: number) => {
    await submitRevision(d, SEEDER, revisionId, version);
    await reviewRevision(d, SEEDER, revisionId, { stage: 'confidentiality', decision: 'pass' });
    return reviewRevision(d, SEEDER, revisionId, { stage: 'approval', decision: 'pass' });
  };
  const input = (doc: DemoDocument, bodyHtml: string, changeNote = '') => ({
    title: doc.title,
    doc_number: doc.docNumber,
    genre: doc.genre,
    theme_code: doc.theme,
    date_formed: doc.dateFormed,
    is_normative: doc.isNormative,
    keywords: doc.keywords,
    summary: doc.summary,
    body_html: bodyHtml,
    change_note: changeNote,
    co_issuers: (doc.coIssuers ?? []).map((k) => codes.get(k) ?? k),
    ...(doc.interprets ? { interprets: index.get(doc.interprets)?.indexNumber ?? '' } : {}),
  });

  // Interpretations and replacements refer to earlier documents: publish in date order.
  const ordered = [...docs].sort((a, b) => a.published.localeCompare(b.published) || Number(Boolean(a.interprets)) - Number(Boolean(b.interprets)));
  for (const doc of ordered) {
    clock.set(doc.published);
    const { documentId, revisionId } = await createDraft(d, SEEDER, idOf(doc.agency), input(doc, doc.bodyHtml));
    for (const a of doc.attachments ?? []) {
      await uploadAttachment(d, SEEDER, revisionId, Readable.from([Buffer.from(a.csv, 'utf8')]), a.filename);
    }
    // Attachments do not change the revision's version: it is still 1.
    const r = await publish(revisionId, 1);
    if (r.state === 'published') index.set(doc.key, { documentId, indexNumber: r.indexNumber });
  }

  const later: { date: string; run: () => Promise<void> }[] = [];
  for (const doc of docs) {
    const ref = index.get(doc.key);
    if (!ref) continue;
    for (const c of doc.corrections ?? []) {
      later.push({
        date: c.published,
        run: async () => {
          const { revisionId } = await startCorrection(d, SEEDER, ref.documentId);
          const rev = await updateDraft(d, SEEDER, revisionId, 1, input(doc, c.bodyHtml, c.changeNote));
          await publish(revisionId, rev.version);
        },
      });
    }
    const v = doc.validity;
    if (v) {
      later.push({
        date: v.date,
        run: () => setValidity(d, SEEDER, ref.documentId, { validity: v.state, date: v.date, note: v.note, ...(v.replacedBy ? { replacedBy: index.get(v.replacedBy)?.indexNumber ?? '' } : {}) }),
      });
    }
  }
  for (const step of later.sort((a, b) => a.date.localeCompare(b.date))) {
    clock.set(step.date);
    await step.run();
  }
  return index.size;
}
