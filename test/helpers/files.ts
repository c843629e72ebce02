import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A one-page PDF whose text layer holds `lines` (ASCII only: the standard fonts have no CJK). */
export async function makePdf(lines: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  lines.forEach((l, i) => page.drawText(l, { x: 50, y: 750 - i * 20, font, size: 12 }));
  return Buffer.from(await doc.save());
}

/** The first bytes of an ELF executable, padded: what a renamed program looks like. */
export function fakeElf(): Buffer {
  const b = Buffer.alloc(4096);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(b);
  return b;
}
