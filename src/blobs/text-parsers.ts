/**
 * The parsers behind `extractText`, one per kind of file. They run inside the extraction worker
 * (`extract-text.worker.ts`), so a hostile file that makes one loop or balloon is cut off there;
 * call them directly only on trusted input.
 */
import type ExcelJS from 'exceljs';
import { decodeText } from './text-decode.js';

// The parsers are loaded on first use: together they take most of a process's start-up, and
// every process (the CLI, the server) imports this module while few ever parse a file.

/** The kinds of file whose text can be extracted. */
export type ParsableKind = 'pdf' | 'docx' | 'xlsx' | 'csv';

/** Whether `kind` is one that `parseText` handles. */
export function isParsable(kind: string): kind is ParsableKind {
  return kind === 'pdf' || kind === 'docx' || kind === 'xlsx' || kind === 'csv';
}

/** Plain text of a file's bytes. Throws when the file cannot be parsed. */
export async function parseText(bytes: Uint8Array, kind: ParsableKind): Promise<string> {
  switch (kind) {
    case 'pdf': {
      // PDF.js refuses Node Buffers ("provide binary data as Uint8Array") and may detach what it
      // is given, so a Buffer (possibly a view on a shared pool) is copied into its own array.
      const data = Buffer.isBuffer(bytes) ? Uint8Array.from(bytes) : bytes;
      const { extractText: pdfExtract, getDocumentProxy } = await import('unpdf');
      const pdf = await getDocumentProxy(data, { verbosity: 0 }); // no console warnings about broken files
      try {
        return (await pdfExtract(pdf, { mergePages: true })).text;
      } finally {
        await pdf.destroy();
      }
    }
    case 'docx': {
      const { default: mammoth } = await import('mammoth');
      return (await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })).value;
    }
    case 'xlsx':
      return xlsxText(bytes);
    case 'csv': {
      const text = decodeText(bytes);
      if (text === null) throw new Error('CSV is neither UTF-8 nor GB18030 text');
      return text;
    }
  }
}

/** Every sheet: its name on a line, then one line per row with cell texts joined by tabs. */
async function xlsxText(bytes: Uint8Array): Promise<string> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  // exceljs types `load` with its own Buffer interface; it hands the data to JSZip, which reads Node Buffers.
  await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  const sheets: string[] = [];
  wb.eachSheet((ws) => {
    const lines = [ws.name];
    ws.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => cells.push(cell.text));
      lines.push(cells.join('\t'));
    });
    sheets.push(lines.join('\n'));
  });
  return sheets.join('\n\n');
}

/**
 * Cuts `text` to at most `maxBytes` bytes of UTF-8, never inside a character.
 */
export function capUtf8(text: string, maxBytes: number): { text: string; truncated: boolean } {
  if (text.length * 3 <= maxBytes) return { text, truncated: false }; // cannot exceed: 3 bytes per UTF-16 unit at most
  const { read } = new TextEncoder().encodeInto(text, new Uint8Array(maxBytes));
  return read >= text.length ? { text, truncated: false } : { text: text.slice(0, read), truncated: true };
}
