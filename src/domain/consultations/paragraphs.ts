/**
 * Numbering a draft for comment: every block of the (sanitised) body becomes a numbered
 * paragraph; a block that opens with an article marker (第X条) is labelled by it, so readers and
 * comments cite 第三条 rather than 第7段. Pure: the body HTML comes from the caller.
 */

/** One numbered paragraph of a draft. */
export interface DraftParagraph {
  /** 1, 2, … in reading order: what a comment stores. */
  no: number;
  /** `第三条` when the paragraph opens with an article marker, else '' (shown as 第n段). */
  article: string;
  text: string;
}

const BLOCK = /<(p|li|h[1-6]|blockquote|td)\b[^>]*>([\s\S]*?)<\/\1>/gi;
const ARTICLE = /^(第[一二三四五六七八九十百千零〇两\d]+条)/;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Decodes the entities the sanitiser writes (named basics and numeric references). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+|#39);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

/** The plain text of an HTML fragment: tags removed, entities decoded, white space collapsed. */
export function plainText(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}

/**
 * The numbered paragraphs of a draft body. Nested blocks (a `<p>` inside an `<li>`) count once,
 * as the outer block; empty blocks are skipped. A body without block elements is one paragraph.
 */
export function numberParagraphs(bodyHtml: string): DraftParagraph[] {
  const out: DraftParagraph[] = [];
  for (const m of bodyHtml.matchAll(BLOCK)) {
    const text = plainText(m[2] ?? '');
    if (!text) continue;
    out.push({ no: out.length + 1, article: ARTICLE.exec(text)?.[1] ?? '', text });
  }
  if (!out.length) {
    const text = plainText(bodyHtml);
    if (text) out.push({ no: 1, article: ARTICLE.exec(text)?.[1] ?? '', text });
  }
  return out;
}
