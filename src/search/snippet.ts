/**
 * Highlighted snippets. Hits are found in the folded text (so 政務 in a Traditional document is
 * marked for the query 政务) and marked in the original text. The result is HTML in which every
 * character of the document is escaped and the only markup is `<mark>`.
 */
import { foldAligned } from './fold.js';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

type Range = [number, number];

/** Non-overlapping hit ranges of `marks` (folded, longest first) in `text`, sorted. */
export function hitRanges(text: string, marks: readonly string[]): Range[] {
  if (!marks.length || !text) return [];
  const folded = foldAligned(text);
  const taken = new Uint8Array(text.length);
  const out: Range[] = [];
  for (const m of marks) {
    if (!m) continue;
    for (let i = folded.indexOf(m); i !== -1 && out.length < 200; i = folded.indexOf(m, i + m.length)) {
      let free = true;
      for (let k = i; k < i + m.length; k++) if (taken[k]) free = false;
      if (!free) continue;
      taken.fill(1, i, i + m.length);
      out.push([i, i + m.length]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** `text` escaped, with `ranges` wrapped in `<mark>`. */
export function markRanges(text: string, ranges: readonly Range[]): string {
  let html = '';
  let at = 0;
  for (const [s, e] of ranges) {
    html += `${escapeHtml(text.slice(at, s))}<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    at = e;
  }
  return html + escapeHtml(text.slice(at));
}

/** The whole of a short text (a title) with its hits marked. */
export function highlightAll(text: string, marks: readonly string[]): string {
  return markRanges(text, hitRanges(text, marks));
}

/**
 * A window of about `width` characters of `text` around the densest cluster of hits, marked;
 * the opening of the text when nothing matches. Ellipses show cuts.
 */
export function snippet(text: string, marks: readonly string[], width = 120): { html: string; hits: number } {
  const clean = text.replace(/\s+/gu, ' ').trim();
  const ranges = hitRanges(clean, marks);
  if (!ranges.length) {
    const cut = clean.length > width;
    return { html: escapeHtml(clean.slice(0, width)) + (cut ? '…' : ''), hits: 0 };
  }
  // The window starting a little before a hit that covers the most hits.
  let best = 0;
  let bestCount = 0;
  for (let i = 0; i < ranges.length; i++) {
    const start = ranges[i]?.[0] ?? 0;
    let n = 0;
    for (let j = i; j < ranges.length && (ranges[j]?.[1] ?? 0) <= start + width; j++) n++;
    if (n > bestCount) {
      bestCount = n;
      best = start;
    }
  }
  const from = Math.max(0, best - Math.floor(width / 4));
  const to = Math.min(clean.length, from + width);
  const inside = ranges.filter(([s, e]) => s >= from && e <= to).map(([s, e]): Range => [s - from, e - from]);
  const html = (from > 0 ? '…' : '') + markRanges(clean.slice(from, to), inside) + (to < clean.length ? '…' : '');
  return { html, hits: inside.length };
}
