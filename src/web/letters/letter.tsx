import { h, Fragment, type SafeHtml } from '../jsx.js';
import type { RequestContext } from '../../http/request-context.js';
import type { OutcomeCode } from '../../domain/requests/outcomes.js';
import { DEFAULT_LETTERS } from './default-templates.js';
void Fragment;

/** What a reply letter says, gathered from the request (no template text). */
export interface LetterFacts {
  /** How the letter addresses the applicant: the name on the staff copy, a neutral word on the applicant's page. */
  applicant: string;
  tracking_number: string;
  submitted_on: string;
  received_on: string | null;
  reply_date: string;
  agency: string;
  title: string;
  outcome: string;
  basis: string;
  reply_text: string;
  released_files: string[];
  /** Proactively published documents the reply points to, with their absolute addresses. */
  linked_documents: { index: string; url: string }[];
}

/** `2026-03-02` as an official letter writes it: `2026年3月2日`. */
export function chineseDate(iso: string | null): string {
  if (!iso) return '——';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** The template in force for `code`: the customised text, or the built-in default. */
export function templateFor(stored: ReadonlyMap<string, { body: string }>, code: OutcomeCode): string {
  return stored.get(code)?.body ?? DEFAULT_LETTERS[code];
}

/** The template with every placeholder replaced by plain text (escaped later, when rendered). */
export function fillLetter(template: string, f: LetterFacts): string {
  const none = '无';
  const values: Record<string, string> = {
    applicant: f.applicant,
    tracking_number: f.tracking_number,
    received_date: chineseDate(f.received_on ?? f.submitted_on),
    submitted_date: chineseDate(f.submitted_on),
    reply_date: chineseDate(f.reply_date),
    agency: f.agency,
    title: f.title,
    outcome: f.outcome,
    basis: f.basis,
    reply_text: f.reply_text.trim(),
    released_files: f.released_files.length ? f.released_files.map((n) => `《${n}》`).join('、') : none,
    linked_documents: f.linked_documents.length ? f.linked_documents.map((d) => `${d.index}（${d.url}）`).join('；') : none,
  };
  return template.replace(/\{([a-z_]+)\}/g, (m, k: string) => values[k] ?? m);
}

/** The filled paragraphs of a letter (blank-line separated in the template), for the page and the PDF. */
export function letterParagraphs(facts: LetterFacts, template: string): string[] {
  return template
    .split(/\n\s*\n/)
    // A paragraph that lists files or documents says nothing when there are none.
    .filter((p) => !(p.includes('{released_files}') && !facts.released_files.length) && !(p.includes('{linked_documents}') && !facts.linked_documents.length))
    .map((p) => fillLetter(p, facts).trim())
    .filter(Boolean);
}

/**
 * The letter as a printable article: heading, number, body paragraphs (blank-line separated;
 * single line breaks kept), and the agency's signature with the date. Always in Chinese, the
 * language of the official letter, whatever the page's language.
 */
export function LetterView({ ctx, facts, template, preview }: { ctx: RequestContext; facts: LetterFacts; template: string; preview?: boolean }): SafeHtml {
  const paragraphs = letterParagraphs(facts, template);
  return (
    <article class="letter" lang="zh-CN" aria-label={ctx.t('rp.letter.title')}>
      {h(preview ? 'h3' : 'h1', { class: 'letter-title' }, <span class="letter-agency">{facts.agency}</span>, <span>政府信息公开申请答复告知书</span>)}
      <p class="letter-number">{facts.tracking_number}</p>
      {paragraphs.map((p, i) => (
        <p class={i === 0 ? 'letter-salutation' : undefined}>
          {p.split('\n').map((line, j) => (
            <>
              {j > 0 ? <br /> : null}
              {line}
            </>
          ))}
        </p>
      ))}
      <p class="letter-signature">
        {facts.agency}
        <br />
        {chineseDate(facts.reply_date)}
      </p>
    </article>
  );
}
