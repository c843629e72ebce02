/**
 * What is indexed of a published document, as token lists in four weight classes (both stores
 * rank a hit in the title above one in the body) and the folded full text for phrase checks.
 * Pure: the caller loads the rows.
 */
import { docNumberSearchTokens } from '../domain/doc-number.js';
import { foldText } from './fold.js';
import { cleanToken, indexTokens } from './segment.js';

/** The indexed text of one document version. */
export interface IndexSource {
  title: string;
  docNumber: string;
  /** Issuing and co-issuing agencies' names (both languages). */
  agencyNames: string[];
  keywords: string;
  summary: string;
  /** Body as plain text (`bodyText`), never HTML. */
  body: string;
  /** Text extracted from the attachments. */
  attachments: string[];
}

/** Token lists by weight class (A highest) and the folded text. */
export interface IndexEntry {
  /** Title and document number. */
  a: string[];
  /** Agencies and keywords. */
  b: string[];
  /** Summary. */
  c: string[];
  /** Body and attachments. */
  d: string[];
  /** Every field folded, spaces collapsed, fields separated by newlines: for "phrases". */
  folded: string;
  /** Where the body begins in `folded` (UTF-16 units): ranking counts body hits from there. */
  bodyAt: number;
  /**
   * The short fields folded, for ranking (`search/rank.ts`): title, number and the number's
   * search forms, then from `headB` agencies and keywords, then from `headC` the summary.
   */
  head: string;
  headB: number;
  headC: number;
}

/** Most characters of body and attachment text indexed per document. */
export const MAX_INDEXED_CHARS = 200_000;

function collapse(s: string): string {
  return s.replace(/[ \t\r\f\v\u00a0]+/gu, ' ');
}

/** Builds the index entry of a document version. */
export function buildIndexEntry(src: IndexSource): IndexEntry {
  const title = foldText(src.title);
  const num = foldText(src.docNumber);
  const agencies = foldText(src.agencyNames.join('\n'));
  const keywords = foldText(src.keywords);
  const summary = foldText(src.summary);
  const long = [src.body, ...src.attachments].join('\n').slice(0, MAX_INDEXED_CHARS);
  const body = foldText(long);
  // Collapsing never crosses a newline, so the head collapsed alone is the prefix of the whole.
  const head = collapse([title, num, agencies, keywords, summary, ''].join('\n'));
  const numberTokens = docNumberSearchTokens(src.docNumber).map((t) => cleanToken(foldText(t))).filter((t) => t !== '');
  const classA = collapse(`${title}\n${num}\n${numberTokens.join(' ')}\n`);
  const classB = collapse(`${agencies}\n${keywords}\n`);
  return {
    a: [...indexTokens(title), ...numberTokens, ...indexTokens(num)],
    b: [...indexTokens(agencies), ...indexTokens(keywords)],
    c: indexTokens(summary),
    d: indexTokens(body),
    folded: head + collapse(body),
    bodyAt: head.length,
    head: classA + classB + collapse(summary),
    headB: classA.length,
    headC: classA.length + classB.length,
  };
}
