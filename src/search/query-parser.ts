/**
 * The search query language: terms combined with AND, "quoted phrases", `-excluded` terms and
 * `OR` between two terms (OR binds tighter than the implicit AND: `a b OR c` is a ∧ (b ∨ c)).
 * Parsing never fails: whatever the input (10,000 characters, punctuation only, unbalanced
 * quotes) it yields a query, possibly empty, and notices that explain what was done with it.
 * Pure: no I/O.
 */
import { formatDocNumber, parseDocNumber } from '../domain/doc-number.js';
import { foldText, foldWidth } from './fold.js';
import { cleanToken, hanBigrams, hasHan, preciseWords } from './segment.js';

/** A match expression over index tokens. */
export type Expr = { op: 'tok'; t: string } | { op: 'and'; xs: Expr[] } | { op: 'or'; xs: Expr[] };

/** Why the query as run differs from the query as typed; each has a message in the UI. */
export type QueryNotice = 'truncated' | 'unbalanced_quote' | 'too_many_terms' | 'only_exclusions' | 'no_terms' | 'ignored_terms';

/** A parsed query, ready for a store to compile. */
export interface ParsedQuery {
  /** Every clause must match. Empty means the query finds nothing (see `notices`). */
  must: Expr[];
  /** Documents matching one of these are excluded. */
  not: Expr[];
  /** Folded phrases that must occur verbatim (spaces collapsed) in the folded text. */
  phrases: string[];
  /** Folded strings to mark in snippets, longest first. */
  highlight: string[];
  /** The query as run, folded and rewritten canonically: what the demand signals record. */
  normalized: string;
  notices: QueryNotice[];
}

/** Longest query text considered; the rest is dropped with the notice `truncated`. */
export const MAX_QUERY_CHARS = 200;
/** Most clauses (terms, phrases, OR groups) considered. */
export const MAX_CLAUSES = 12;

type Piece = { kind: 'term' | 'phrase'; text: string; neg: boolean } | { kind: 'or' };

const QUOTES = /["“”«»「」『』]/u;

function lex(input: string, notices: Set<QueryNotice>): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    const c = input[i] ?? '';
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    let neg = false;
    let j = i;
    if ((c === '-' || c === '－') && j + 1 < n && !/\s/u.test(input[j + 1] ?? ' ')) {
      neg = true;
      j++;
    }
    if (QUOTES.test(input[j] ?? '')) {
      let k = j + 1;
      while (k < n && !QUOTES.test(input[k] ?? '')) k++;
      if (k >= n) notices.add('unbalanced_quote');
      out.push({ kind: 'phrase', text: input.slice(j + 1, k), neg });
      i = k + 1;
      continue;
    }
    let k = j;
    while (k < n && !/\s/u.test(input[k] ?? '') && !QUOTES.test(input[k] ?? '')) k++;
    const word = input.slice(j, k);
    if (!neg && (word === 'OR' || word === '|')) out.push({ kind: 'or' });
    else out.push({ kind: 'term', text: word, neg });
    i = k;
  }
  return out;
}

const tok = (t: string): Expr => ({ op: 'tok', t });
const and = (xs: Expr[]): Expr => (xs.length === 1 && xs[0] ? xs[0] : { op: 'and', xs });
const or = (xs: Expr[]): Expr => (xs.length === 1 && xs[0] ? xs[0] : { op: 'or', xs });

/** The expression of one Chinese or Latin word from jieba's precise cut. */
function wordExpr(w: string): Expr {
  if (!hasHan(w) || [...w].length <= 2) return tok(w);
  // A long word is found as itself, or, where the text was cut otherwise, by all its bigrams.
  return or([tok(w), and(hanBigrams(w).map(tok))]);
}

/** The expression of a folded term or phrase text, with the strings to highlight; null if empty. */
export function termExpr(folded: string): { expr: Expr; marks: string[] } | null {
  const compact = folded.replace(/\s+/gu, '');
  const dn = parseDocNumber(compact);
  if (dn && compact.length <= 60) {
    const canon = cleanToken(formatDocNumber(dn));
    if (canon) return { expr: tok(canon), marks: [formatDocNumber(dn), compact, `${dn.serial}号`] };
  }
  const serial = /^第?0*(\d{1,7})号$/u.exec(compact);
  if (serial) return { expr: tok(`${serial[1] ?? ''}号`), marks: [compact] };
  const words = preciseWords(folded);
  const xs: Expr[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const next = words[i + 1] ?? '';
    const prev = words[i - 1] ?? '';
    if ([...w].length === 1 && hasHan(w)) {
      // A lone character is rarely a word of its own: look it up with its neighbour, as a bigram.
      if (hasHan(next[0] ?? '')) xs.push(tok(w + (next[0] ?? '')));
      else if (hasHan(prev.slice(-1))) xs.push(tok(prev.slice(-1) + w));
      else xs.push(tok(w));
    } else {
      xs.push(wordExpr(w));
    }
  }
  if (!xs.length) return null;
  const marks = [folded.trim(), ...words.filter((w) => [...w].length >= 2)];
  return { expr: and(xs), marks };
}

/** Parses a query as typed by a user. Never throws. */
export function parseQuery(raw: string): ParsedQuery {
  const notices = new Set<QueryNotice>();
  let input = foldWidth(raw.normalize('NFC'));
  if (input.length > MAX_QUERY_CHARS) {
    input = input.slice(0, MAX_QUERY_CHARS);
    notices.add('truncated');
  }
  const pieces = lex(input, notices);
  // Group terms joined by OR.
  const groups: { items: { kind: 'term' | 'phrase'; text: string }[]; neg: boolean }[] = [];
  let joinNext = false;
  for (const p of pieces) {
    if (p.kind === 'or') {
      joinNext = groups.length > 0;
      continue;
    }
    const last = groups[groups.length - 1];
    if (joinNext && last && !p.neg && !last.neg) last.items.push({ kind: p.kind, text: p.text });
    else groups.push({ items: [{ kind: p.kind, text: p.text }], neg: p.neg });
    joinNext = false;
  }
  const must: Expr[] = [];
  const not: Expr[] = [];
  const phrases: string[] = [];
  const marks = new Set<string>();
  const shown: string[] = [];
  let clauses = 0;
  let dropped = false;
  for (const g of groups) {
    if (clauses >= MAX_CLAUSES) {
      notices.add('too_many_terms');
      break;
    }
    const alts: Expr[] = [];
    const altShown: string[] = [];
    for (const item of g.items) {
      // Punctuation at either end of a phrase (a stray "！？" before a missing quote) cannot be
      // matched by anyone's intent; inside a phrase it is kept.
      const spaced = foldText(item.text).replace(/\s+/gu, ' ').trim();
      const folded = item.kind === 'phrase' ? spaced.replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, '') : spaced;
      const te = termExpr(folded);
      if (!te) {
        if (folded) dropped = true;
        continue;
      }
      alts.push(te.expr);
      altShown.push(item.kind === 'phrase' ? `"${folded}"` : folded);
      // A phrase inside an OR group is matched by its words only; alone, it must occur verbatim.
      if (item.kind === 'phrase' && g.items.length === 1 && !g.neg && [...folded].length > 1) phrases.push(folded);
      if (!g.neg) for (const m of te.marks) if (m) marks.add(m);
    }
    if (!alts.length) continue;
    clauses++;
    (g.neg ? not : must).push(or(alts));
    shown.push(`${g.neg ? '-' : ''}${altShown.join(' OR ')}`);
  }
  if (dropped) notices.add('ignored_terms');
  if (!must.length) notices.add(not.length ? 'only_exclusions' : 'no_terms');
  return {
    must,
    not: must.length ? not : [],
    phrases: must.length ? phrases : [],
    highlight: [...marks].sort((a, b) => b.length - a.length),
    normalized: shown.join(' '),
    notices: [...notices],
  };
}
