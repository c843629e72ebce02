/**
 * Segmentation of folded text into index tokens. Chinese runs go through jieba in search mode
 * (every word, plus the dictionary words inside long words), and every two-character window of a
 * run is added as well, so that a two-character query word is found wherever those two characters
 * stand, even where jieba cut the text another way (names of places and agencies it does not know).
 * Latin letters and digits are kept as words.
 *
 * A token holds letters and digits only (`\p{L}\p{N}`): both stores' tokenizers keep such a
 * string whole (SQLite FTS5 unicode61 would split at punctuation; PostgreSQL receives our tokens
 * verbatim), so the index and the queries agree on token boundaries.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;
function cutter(): Jieba {
  // Loading the dictionary takes ~0.3 s: do it on first use, not at import.
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Longest token kept; longer runs (hashes, garbage) are cut to this many characters. */
export const MAX_TOKEN_CHARS = 40;

const HAN = /\p{Script=Han}/u;
const NON_TOKEN = /[^\p{L}\p{N}]+/gu;
const HAN_RUN = /\p{Script=Han}+/gu;

/** `s` reduced to letters and digits, capped; '' when nothing is left. */
export function cleanToken(s: string): string {
  const t = s.replace(NON_TOKEN, '');
  return t.length > MAX_TOKEN_CHARS ? t.slice(0, MAX_TOKEN_CHARS) : t;
}

/** True when `s` contains a Chinese character. */
export function hasHan(s: string): boolean {
  return HAN.test(s);
}

/** jieba search-mode tokens of already folded text, cleaned, in text order (may repeat). */
export function searchModeTokens(folded: string): string[] {
  const out: string[] = [];
  for (const w of cutter().cutForSearch(folded, true)) {
    const t = cleanToken(w);
    if (t) out.push(t);
  }
  return out;
}

/** jieba precise-mode words of already folded text, cleaned (for queries). */
export function preciseWords(folded: string): string[] {
  const out: string[] = [];
  for (const w of cutter().cut(folded, true)) {
    const t = cleanToken(w);
    if (t) out.push(t);
  }
  return out;
}

/** Every two-character window of each Chinese run in `folded`. */
export function hanBigrams(folded: string): string[] {
  const out: string[] = [];
  for (const m of folded.matchAll(HAN_RUN)) {
    const run = [...m[0]];
    for (let i = 0; i + 1 < run.length; i++) out.push(`${run[i] ?? ''}${run[i + 1] ?? ''}`);
  }
  return out;
}

/**
 * The index tokens of already folded text: jieba search-mode words followed by the Chinese
 * bigrams that jieba did not already produce as words. Order matters only for ranking (PostgreSQL
 * cover density); phrases are checked against the folded text itself.
 */
export function indexTokens(folded: string): string[] {
  const words = searchModeTokens(folded);
  const seen = new Set(words);
  const extra = hanBigrams(folded).filter((b) => !seen.has(b));
  return extra.length ? words.concat(extra) : words;
}
