/**
 * Numbering a draft for comment: every block of the (sanitised) body becomes a numbered
 * paragraph. A block that opens with an article marker (第X条) starts that article; the blocks
 * after it without a marker are its further clauses (款), as in Chinese legislative drafting, so
 * readers and comments cite 第三条 or 第三条第2款 rather than 第7段. A chapter or section heading
 * (第X章, 第X节) ends the article. Blocks before the first article (a preamble) have no article.
 * Pure: the body HTML comes from the caller.
 */

/** One numbered paragraph of a draft. */
export interface DraftParagraph {
  /** 1, 2, … in reading order: what a comment stores. */
  no: number;
  /** The article the paragraph belongs to (`第三条`), or '' (shown as 第n段). */
  article: string;
  /** Its clause (款) within the article: 1 for the paragraph with the marker, 2, 3… after it; 0 without an article. */
  clause: number;
  text: string;
}

const BLOCK = /<(p|li|h[1-6]|blockquote|td)\b[^>]*>([\s\S]*?)<\/\1>/gi;
const ARTICLE = /^(第[一二三四五六七八九十百千零〇两\d]+条)/;
const HEADING = /^第[一二三四五六七八九十百千零〇两\d]+[章节编]/;

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
  const texts: string[] = [];
  for (const m of bodyHtml.matchAll(BLOCK)) {
    const text = plainText(m[2] ?? '');
    if (text) texts.push(text);
  }
  if (!texts.length) {
    const text = plainText(bodyHtml);
    if (text) texts.push(text);
  }
  const out: DraftParagraph[] = [];
  let article = '';
  let clause = 0;
  for (const text of texts) {
    const marker = ARTICLE.exec(text)?.[1];
    if (marker) {
      article = marker;
      clause = 1;
    } else if (HEADING.test(text)) {
      article = '';
      clause = 0;
    } else if (article) clause += 1;
    out.push({ no: out.length + 1, article, clause, text });
  }
  return out;
}
