import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { chineseDate, letterParagraphs, type LetterFacts } from './letter.js';

/** A CJK font file and, for a collection (.ttc), the face to use. */
export interface PdfFont {
  file: string;
  face?: string;
}

/** Fonts looked for, in order, when GONGKAI_PDF_FONT is not set (Debian: fonts-noto-cjk, fonts-wqy-zenhei). */
const CANDIDATES: readonly PdfFont[] = [
  { file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', face: 'WenQuanYiZenHei' },
];

/**
 * The font for PDF letters: `GONGKAI_PDF_FONT` (`/path/font.ttf` or `/path/fonts.ttc#FaceName`),
 * else the first installed candidate, else null (no PDF: the print view remains). A system font
 * keeps the package small and downloads nothing at run time.
 */
export function findPdfFont(env: Record<string, string | undefined> = process.env): PdfFont | null {
  const configured = env.GONGKAI_PDF_FONT;
  if (configured) {
    const [file = '', face] = configured.split('#');
    return existsSync(file) ? { file, ...(face ? { face } : {}) } : null;
  }
  return CANDIDATES.find((c) => existsSync(c.file)) ?? null;
}

/**
 * Renders a reply letter (告知书) as an A4 PDF with the font subset embedded: the agency and title
 * centred, the tracking number, the paragraphs, and the signature with the date on the right.
 * The same paragraphs as the HTML letter (`letterParagraphs`), so the two never disagree.
 */
export function renderLetterPdf(facts: LetterFacts, template: string, font: PdfFont): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 90, bottom: 80, left: 80, right: 80 }, info: { Title: `${facts.agency} 政府信息公开申请答复告知书`, Subject: facts.tracking_number } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.file, font.face);
  doc.font('cjk');
  doc.fontSize(20).text(facts.agency, { align: 'center' });
  doc.fontSize(20).text('政府信息公开申请答复告知书', { align: 'center' });
  doc.moveDown(0.5).fontSize(12).text(facts.tracking_number, { align: 'center' });
  doc.moveDown(1.5).fontSize(14);
  letterParagraphs(facts, template).forEach((p, i) => {
    doc.text(p, { align: 'justify', indent: i === 0 ? 0 : 28, lineGap: 6, paragraphGap: 10 });
  });
  doc.moveDown(2).text(facts.agency, { align: 'right' }).text(chineseDate(facts.reply_date), { align: 'right' });
  doc.end();
  return done;
}
