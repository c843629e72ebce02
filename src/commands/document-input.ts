import { invalid, type FieldIssue } from '../domain/errors.js';
import { isGenre } from '../domain/documents/genres.js';
import { sanitizeBody } from '../domain/documents/sanitize.js';
import { isIsoDate } from '../domain/calendar/iso-date.js';
import { normalizeDocNumber } from '../domain/doc-number.js';
import type { Exec } from '../store/schema.js';

/** The editable fields of a draft, as staff submit them (form or API). */
export interface DraftInput {
  title: string;
  doc_number?: string;
  genre: string;
  theme_code: string;
  date_formed: string;
  is_normative?: boolean;
  keywords?: string;
  summary?: string;
  body_html?: string;
  change_note?: string;
  /** Agency codes of co-issuers. */
  co_issuers?: string[];
  /** Index number of the policy an interpretation explains. */
  interprets?: string;
}

/** Validated draft fields, ready for the revision row. */
export interface CleanDraft {
  title: string;
  doc_number: string;
  genre: string;
  theme_code: string;
  date_formed: string;
  is_normative: number;
  keywords: string;
  summary: string;
  body_html: string;
  change_note: string;
  co_issuer_ids: string;
  interprets_id: string | null;
}

const LIMITS = { title: 300, doc_number: 100, keywords: 300, summary: 4000, body_html: 2_000_000, change_note: 1000 } as const;

function text(v: string | undefined, field: keyof typeof LIMITS, issues: FieldIssue[], required = false): string {
  const s = (v ?? '').replace(/\r\n/g, '\n').trim();
  if (required && !s) issues.push({ field, code: 'required' });
  if (s.length > LIMITS[field]) issues.push({ field, code: 'too_long' });
  return s;
}

/**
 * Validates and normalises draft input against the store (theme, co-issuers, interpreted
 * policy). The body is sanitised here, on every save. Throws `validation_failed` naming every
 * bad field at once.
 */
export async function cleanDraft(db: Exec, input: DraftInput, ownAgencyId: string): Promise<CleanDraft> {
  const issues: FieldIssue[] = [];
  const title = text(input.title, 'title', issues, true);
  const docNumberRaw = text(input.doc_number, 'doc_number', issues);
  // Keep the spelling the agency uses, with brackets normalised to 〔〕 when it parses.
  const doc_number = docNumberRaw ? (normalizeDocNumber(docNumberRaw) ?? docNumberRaw) : '';
  if (!isGenre(input.genre)) issues.push({ field: 'genre', code: 'bad_genre' });
  const theme = await db.selectFrom('themes').select('code').where('code', '=', input.theme_code ?? '').where('active', '=', 1).executeTakeFirst();
  if (!theme) issues.push({ field: 'theme_code', code: 'bad_theme' });
  if (!isIsoDate(input.date_formed ?? '')) issues.push({ field: 'date_formed', code: 'bad_date' });
  const keywords = text(input.keywords, 'keywords', issues).replace(/[，,;；\s]+/g, ' ');
  const summary = text(input.summary, 'summary', issues);
  const rawBody = input.body_html ?? '';
  if (rawBody.length > LIMITS.body_html) issues.push({ field: 'body_html', code: 'too_long' });
  const body_html = rawBody.length > LIMITS.body_html ? '' : sanitizeBody(rawBody);
  const change_note = text(input.change_note, 'change_note', issues);

  const coIds: string[] = [];
  const codes = [...new Set((input.co_issuers ?? []).map((c) => c.trim()).filter(Boolean))];
  if (codes.length > 20) issues.push({ field: 'co_issuers', code: 'too_many' });
  else if (codes.length) {
    const rows = await db.selectFrom('agencies').select(['id', 'code']).where('code', 'in', codes).execute();
    for (const c of codes) {
      const row = rows.find((r) => r.code === c);
      if (!row) issues.push({ field: 'co_issuers', code: 'unknown_agency', message: c });
      else if (row.id !== ownAgencyId) coIds.push(row.id);
    }
  }

  let interprets_id: string | null = null;
  const interprets = (input.interprets ?? '').trim();
  if (interprets) {
    const doc = await db.selectFrom('documents').select(['id', 'status']).where('index_number', '=', interprets).executeTakeFirst();
    if (!doc || doc.status === 'draft') issues.push({ field: 'interprets', code: 'unknown_document' });
    else interprets_id = doc.id;
  }
  if (input.genre === 'interpretation' && !interprets) issues.push({ field: 'interprets', code: 'required' });

  if (issues.length) throw invalid(issues);
  return {
    title,
    doc_number,
    genre: input.genre,
    theme_code: input.theme_code,
    date_formed: input.date_formed,
    is_normative: input.is_normative || input.genre === 'normative' ? 1 : 0,
    keywords,
    summary,
    body_html,
    change_note,
    co_issuer_ids: JSON.stringify(coIds),
    interprets_id,
  };
}
