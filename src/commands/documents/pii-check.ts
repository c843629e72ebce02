import { createHash } from 'node:crypto';
import { scanPersonalData, type PersonalDataKind } from '../../domain/pii.js';
import { bodyText } from '../../domain/documents/sanitize.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import type { Exec, Revision } from '../../store/schema.js';

/** One personal-data finding in a draft, identified by a key stable across saves. */
export interface DraftFinding {
  /** `<source>|<kind>|<hash of the match>`: never reveals the match itself. */
  key: string;
  /** 'title' | 'summary' | 'keywords' | 'body' | 'attachment:<id>'. */
  source: string;
  /** The attachment's file name when the source is an attachment. */
  sourceName: string;
  kind: PersonalDataKind | 'unscanned';
  /** The match with most characters masked (■), safe to show to staff. */
  masked: string;
}

/** An editor's override of one finding, recorded on the revision and shown to the reviewer. */
export interface PiiOverride {
  key: string;
  kind: string;
  source: string;
  masked: string;
  reason: string;
  by: string;
  at: string;
}

function findingKey(source: string, kind: string, match: string): string {
  return `${source}|${kind}|${createHash('sha256').update(match).digest('hex').slice(0, 16)}`;
}

/**
 * Scans a draft's title, summary, keywords, body text and attachment texts for personal data
 * (issue 3 §3). The phone numbers, fax numbers and e-mail addresses of every agency's disclosure
 * office (Art. 12) are allowed, so published office contacts never raise false alarms. An
 * attachment whose text could not be extracted yields an 'unscanned' finding: it must be checked
 * by eye and acknowledged like a finding.
 */
export async function scanDraft(db: Exec, rev: Revision): Promise<DraftFinding[]> {
  const offices = await db.selectFrom('agencies').select(['phone', 'fax', 'email']).execute();
  const allow = offices.flatMap((o) => [o.phone, o.fax, o.email]).filter((x) => x.length > 0);
  const sources: { source: string; name: string; text: string }[] = [
    { source: 'title', name: '', text: rev.title },
    { source: 'summary', name: '', text: rev.summary },
    { source: 'keywords', name: '', text: rev.keywords },
    { source: 'body', name: '', text: bodyText(rev.body_html) },
  ];
  const out: DraftFinding[] = [];
  for (const a of await documentRepo.attachmentTexts(db, rev.id)) {
    const source = `attachment:${a.id}`;
    if (a.text_status === 'done') sources.push({ source, name: a.filename, text: a.text ?? '' });
    else if (a.text_status !== 'none') out.push({ key: findingKey(source, 'unscanned', a.filename), source, sourceName: a.filename, kind: 'unscanned', masked: '' });
  }
  for (const s of sources) {
    for (const f of scanPersonalData(s.text, { allow })) {
      out.push({ key: findingKey(s.source, f.kind, f.match), source: s.source, sourceName: s.name, kind: f.kind, masked: f.masked });
    }
  }
  // The same number twice in one source is one finding to resolve.
  return out.filter((f, i) => out.findIndex((g) => g.key === f.key) === i);
}

/** The recorded overrides of a revision. */
export function overridesOf(rev: Revision): PiiOverride[] {
  try {
    const v: unknown = JSON.parse(rev.pii_overrides);
    return Array.isArray(v) ? (v as PiiOverride[]) : []; // written only by submitRevision in this shape
  } catch {
    return [];
  }
}
