/**
 * Text folding for search, applied identically at index and at query time so that the two meet:
 * Traditional → Simplified (opencc-js, Taiwan and Hong Kong variants included), full-width ASCII
 * and the ideographic space → half-width, and case folding. Pure apart from the converter tables.
 */
import * as OpenCC from 'opencc-js';

// Taiwan forms cover standard Traditional characters and the common Taiwan variants; the Hong
// Kong pass catches the few HK-only variant forms. Both are no-ops on Simplified text.
const twToCn = OpenCC.Converter({ from: 'tw', to: 'cn' });
const hkToCn = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** Full-width ASCII (U+FF01–U+FF5E) → ASCII, U+3000 → space; everything else unchanged. */
export function foldWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/gu, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** Traditional → Simplified Chinese; Simplified and non-Chinese text pass unchanged. */
export function toSimplified(s: string): string {
  return hkToCn(twToCn(s));
}

/**
 * The folded form of `s`: half-width, lower case, Simplified. Length-preserving for almost all
 * text (opencc maps a few phrases to phrases of another length); `foldAligned` handles that.
 */
export function foldText(s: string): string {
  return toSimplified(foldWidth(s).toLowerCase());
}

/**
 * Folds `s` so that `folded[i]` corresponds to `s[i]` (one UTF-16 unit each), for highlighting
 * hits found in folded text back in the original. Falls back to folding unit by unit when the
 * whole-text conversion changes the length.
 */
export function foldAligned(s: string): string {
  const whole = foldText(s);
  if (whole.length === s.length) return whole;
  let out = '';
  for (const ch of s) {
    const f = foldText(ch);
    out += f.length === ch.length ? f : ch;
  }
  return out;
}
